"""As-you-type suggestions (GET /api/search/suggest/): what the reader has typed so far, the issuers it
names, and the JSON answer. The backends find the documents (search.backends.base.SearchBackend.suggest)."""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from documents.kinds import kind_classes
from documents.kinds.van_ban_khac import GENERAL_KIND, known_general_kinds
from documents.models import DocumentPage, Issuer
from documents.permissions import user_principals
from documents.text.notation import parse_notation, type_names
from documents.text.vietnamese import after_type_name, fold, folded_tokens, nfc
from search import EMBEDDED, get_backend
from search.backends.base import (
    MAX_SUGGESTIONS,
    NOTATION_ANY_CHAR,
    BackendUnavailable,
    Suggestion,
    SuggestQuery,
)
from search.ranking import kind_names, type_code_kind

logger = logging.getLogger(__name__)

MAX_TYPED_CHARS = 200
# A notation begins with its number and a separator: "01-", "01-QC/B", "105/QĐ", "số 01-QC".
_NUMBER_WORD = r"^\s*(?:s[oố]:?\s+)?"
_NOTATION_START = re.compile(_NUMBER_WORD + r"(?=\d{1,4}\s*[-/])", re.IGNORECASE)  # ends where the notation begins
# … or typed with spaces for its separators: "01 qc", "so 01 qc bcd" (a number of at most three digits: "2026 ke"
# is a year and words). Each space stands for one separator, "-" or "/": NOTATION_ANY_CHAR in the prefix.
_SPACED_NOTATION = re.compile(_NUMBER_WORD + r"(\d{1,3})((?:\s+[^\W\d_]{1,10}){1,2})\s*$", re.IGNORECASE)
_BARE_NUMBER = re.compile(_NUMBER_WORD + r"(\d{1,4})\s*$", re.IGNORECASE)  # "112", "số 68": a number being typed
_PATTERN_SPECIAL = re.compile(r"[%_\\*?]")  # wildcards of LIKE and of Elasticsearch: never taken as typed


class InvalidSuggest(ValueError):
    """The message is for the user (Vietnamese)."""


def parse_typed(text: str) -> tuple[list[str], str, str]:
    """(finished folded words, folded start of the word being typed, notation start) of a typed text.

    The last word counts as unfinished unless the text ends with a space: "chuyen d" → (["chuyen"], "d")."""
    words = folded_tokens(text)
    prefix = ""
    if words and text[-1:].strip():
        prefix = words.pop()
    notation = ""
    if start := _NOTATION_START.match(text):
        notation = _PATTERN_SPECIAL.sub("", fold("".join(text[start.end():].split())).upper())
    elif spaced := _SPACED_NOTATION.match(text):
        parts = [spaced.group(1), *spaced.group(2).split()]
        notation = NOTATION_ANY_CHAR.join(_PATTERN_SPECIAL.sub("", fold(p).upper()) for p in parts)
    elif bare := _BARE_NUMBER.match(text):
        notation = bare.group(1)  # the notations that begin with it: "112" → 112-QĐ/ĐU, as "112-" would
    return words, prefix, notation


def kind_number(kind_words: list[str], kind_prefix: str) -> int | None:
    """The number typed after a kind's name ("quy che 01", "quyết định 105 "), or None. A year ("ke hoach 2026")
    is None: the trích yếu's "năm 2026" is what the reader means, not a document numbered 2026."""
    typed = [*kind_words, kind_prefix] if kind_prefix else kind_words
    if len(typed) == 1 and typed[0].isdigit() and len(typed[0]) <= 6:
        number = int(typed[0])
        return None if len(typed[0]) == 4 and YEARS[0] <= number <= YEARS[1] else number
    return None


YEARS = (1945, 2100)  # a four-digit number in this range after a kind's name is a year


def kinds_named(words: list[str], prefix: str) -> tuple[list[str], list[str], str]:
    """(kinds, words after the name, prefix after it) when the text begins with a kind's name or the start of
    one: "quyet dinh thanh l" → (["quyet_dinh"], ["thanh"], "l"); "quy ch" → (["quy_che"], [], "")."""
    typed = [*words, prefix] if prefix else list(words)
    if len(typed) == 1 and (coded := type_code_kind(typed[0])):  # "QĐ", "kh": the kind whose code it is
        return [coded], [], ""
    if len(" ".join(typed)) < 3:
        return [], words, prefix
    partial = []
    for name, slug in kind_names():
        n = len(name)
        if len(words) >= n and tuple(words[:n]) == name:
            return [slug], words[n:], prefix
        if len(words) < n and tuple(words) == name[:len(words)] and prefix and name[len(words)].startswith(prefix):
            partial.append(slug)
    return (partial, [], "") if partial else ([], words, prefix)


def document_label(title: str, kind: str, notation: str = "") -> str:
    """A document as a clerk names it: its kind, then its trích yếu ("Quy chế hoạt động của …"). A document of
    another type (the general page) takes its type from its notation's code when the code names one type only
    ("15-NQ/ĐU" → "Nghị quyết về …"; "QĐ" may be quyết định or quy định: then the trích yếu alone), unless the
    index already filed it under its type ("van_ban.nghi_quyet")."""
    cls = kind_classes().get(kind)
    if cls is not None and kind != GENERAL_KIND:
        return f"{cls._meta.verbose_name} {after_type_name(title)}"
    general = known_general_kinds().get(kind)
    if general:
        return f"{general} {after_type_name(title)}"
    parsed = parse_notation(notation) if notation else None
    names = type_names(parsed.type_code) if parsed is not None and parsed.type_code else ()
    return capfirst(f"{names[0]} {after_type_name(title)}" if len(names) == 1 else title)


IssuerNames = list[tuple[int, list[str], str]]


def folded_names(rows: Iterable[tuple[int, str, str]]) -> IssuerNames:
    """(id, folded words of the name, folded code) of (id, name, code) rows."""
    return [(pk, fold(name).split(), fold(code)) for pk, name, code in rows]


def _folded_names() -> IssuerNames:
    """Every issuer's: a small table, read once per request."""
    return folded_names(Issuer.objects.values_list("pk", "name", "code"))


def issuers_matching(words: Sequence[str], prefix: str, names: IssuerNames | None = None) -> list[int]:
    """Issuers whose name holds every finished word and a word starting with ``prefix`` (or whose code is the
    one word typed): "dang uy ph" → the Đảng ủy phường."""
    if not words and len(prefix) < 2:
        return []
    found = []
    for pk, name, code in _folded_names() if names is None else names:
        if not words and code and code == prefix:
            found.append(pk)
        elif all(w in name for w in words) and (not prefix or any(n.startswith(prefix) for n in name)):
            found.append(pk)
    return found


def issuers_named(folded_words: Sequence[str]) -> list[int]:
    """Issuers a search query names: two or more consecutive query words that begin the issuer's name, or are
    all of it ("đảng ủy phường", "uy ban nhan dan", "ban chỉ đạo"); the longest such run wins."""
    if len(folded_words) < 2:
        return []
    best, found = 1, []
    for pk, name, _code in _folded_names():
        for start in range(len(folded_words)):
            run = 0
            while start + run < len(folded_words) and run < len(name) and folded_words[start + run] == name[run]:
                run += 1
            if run > best:
                best, found = run, [pk]
            elif run == best and run > 1 and pk not in found:
                found.append(pk)
    return found


def _document_urls(page_ids: Iterable[int], request) -> dict[int, str]:
    """The reader's URL of each page, in one query."""
    pages = DocumentPage.objects.filter(pk__in=list(page_ids)).only("url_path", "path", "depth")
    return {page.pk: page.get_url(request=request) or "" for page in pages}


def _written_names(issuer_ids: list[int]) -> dict[int, str]:
    """Issuers as readers write them ("Đảng ủy phường La Gi"), not in printed capitals."""
    if not issuer_ids:
        return {}
    return {i.pk: i.display_name for i in Issuer.objects.filter(pk__in=issuer_ids).select_related("index_page")}


def _suggest(query: SuggestQuery) -> list[Suggestion]:
    backend = get_backend()
    try:
        return backend.suggest(query)
    except BackendUnavailable as exc:
        if backend.name == EMBEDDED:
            raise
        logger.warning("Elasticsearch unavailable, suggesting from the embedded index: %s", exc)
        return get_backend(EMBEDDED).suggest(query)


def suggest_query(text: str, principals: list[str] | None, names: IssuerNames | None = None) -> SuggestQuery | None:
    """What the backends are asked for a typed text (None when nothing was typed)."""
    words, prefix, notation = parse_typed(text)
    if not words and not prefix:
        return None
    kinds, kind_words, kind_prefix = kinds_named(words, prefix)
    number = kind_number(kind_words, kind_prefix) if kinds else None
    if number is not None:  # "quy che 01": that kind's document 01, not trích yếu words starting with "01"
        kind_words, kind_prefix = [], ""
    return SuggestQuery(words=words, prefix=prefix, notation_prefix=notation,
                        issuer_ids=issuers_matching(words, prefix, names), principals=principals,
                        limit=MAX_SUGGESTIONS, kinds=kinds, kind_words=kind_words, kind_prefix=kind_prefix,
                        kind_number=number)


def suggest_response(params, request=None) -> dict[str, Any]:
    """The API's JSON for ``?q=`` as seen by ``request.user``. Raises InvalidSuggest."""
    unknown = sorted(set(params) - {"q"})
    if unknown:
        raise InvalidSuggest(_("Tham số không được hỗ trợ: %(names)s. Các tham số hợp lệ: %(allowed)s.")
                             % {"names": ", ".join(unknown), "allowed": "q"})
    text = nfc(params.get("q") or "")
    if len(text) > MAX_TYPED_CHARS:
        raise InvalidSuggest(_("Từ khóa gợi ý quá dài (tối đa %(n)d ký tự).") % {"n": MAX_TYPED_CHARS})
    user = getattr(request, "user", None)
    superuser = bool(user is not None and user.is_authenticated and user.is_superuser)
    query = suggest_query(text, None if superuser else user_principals(user))
    if query is None:
        return {"query": text, "suggestions": []}
    found = _suggest(query)
    urls = _document_urls([s.page_id for s in found if s.page_id is not None], request)
    written = _written_names([s.issuer_id for s in found if s.issuer_id is not None])
    out = []
    for item in found:
        if item.kind == "issuer" and item.issuer_id is not None:
            url = f"{reverse('search-page')}?issuer={item.issuer_id}"
            label = written.get(item.issuer_id, item.label)
            out.append({"kind": "issuer", "label": label, "notation": None, "url": url, "id": item.issuer_id})
            continue
        if item.page_id not in urls:  # deleted since it was indexed
            continue
        label = item.label if item.kind == "notation" else document_label(item.label, item.doc_kind, item.notation)
        out.append({"kind": item.kind, "label": label, "notation": item.notation or None,
                    "url": urls[item.page_id] or None, "id": item.page_id})
    return {"query": text, "suggestions": out}
