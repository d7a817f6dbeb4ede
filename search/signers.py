"""Signers a search query names ("nguyen quoc nam", "Nguyễn Quốc Nam"): the documents they signed rank above those
that only mention them (search.ranking, tier 3). Their names come from the issued documents, kept in the cache
until a document is issued, changed or recalled (search.receivers), or for five minutes at most (other workers)."""
from __future__ import annotations

from collections.abc import Sequence

from django.core.cache import cache

from documents.models import DocumentPage, DocumentState
from documents.text.vietnamese import fold

CACHE_KEY = "vanban:search:signer-names:v1"
CACHE_SECONDS = 300
MIN_WORDS = 2  # "Nam" alone is a word of the text, not a person


def _signer_names() -> list[tuple[tuple[str, ...], str]]:
    """(folded words, name as stored) of every signer of an issued document, longest names first."""
    names = (DocumentPage.objects.filter(state=DocumentState.ISSUED).exclude(signer_name="")
             .values_list("signer_name", flat=True).distinct())
    folded = {(tuple(fold(name).split()), name) for name in names}
    return sorted((item for item in folded if len(item[0]) >= MIN_WORDS), key=lambda item: (-len(item[0]), item[1]))


def signer_names() -> list[tuple[tuple[str, ...], str]]:
    return cache.get_or_set(CACHE_KEY, _signer_names, CACHE_SECONDS) or []


def forget_signer_names() -> None:
    cache.delete(CACHE_KEY)


def signers_named(folded_words: Sequence[str]) -> list[str]:
    """The stored names of the signers whose whole name stands in the query, its words side by side."""
    if len(folded_words) < MIN_WORDS:
        return []
    words = tuple(folded_words)
    found = []
    for name_words, name in signer_names():
        size = len(name_words)
        if any(words[i:i + size] == name_words for i in range(len(words) - size + 1)):
            found.append(name)
    return found
