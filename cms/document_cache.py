"""Cached renderings of issued documents: the official HTML of the reader page and the API detail JSON.

What is cached is the part that is the same for every reader who may read the document; the permission check
always runs first (before_serve_page, readable_document) and the per-user parts of a page (site header, reader box)
are rendered per request. The one thing in a cached part that depends on the reader is which cited or related
documents they may open; that set (the *variant*) is part of the key, so two readers see the same bytes only when
they would have been rendered the same.

Keys also carry a generation per document (and one for all documents) that the receivers in
cms/document_cache_receivers.py renew on every signal of documents.signals, Wagtail's publish/unpublish and
issuer changes, plus the row's own version (latest revision, publication time, state, status, visibility), so a
change that somehow sent no signal still misses.
"""
from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest
from django.utils.translation import get_language

from documents.models import REGISTERED_STATES, DocumentPage

PREFIX = "vb:doc"
ALL_DOCUMENTS = "all"


def cacheable(page: DocumentPage) -> bool:
    """Issued or recalled, live and published as is: its content is history. Drafts are never cached."""
    return bool(page.live and not page.has_unpublished_changes and page.state in REGISTERED_STATES)


def _generation_key(scope: int | str) -> str:
    return f"{PREFIX}:gen:{scope}"


def renew_generation(page_id: int | None = None) -> None:
    """Forget every cached rendering of one document (or of all, with None)."""
    scope = ALL_DOCUMENTS if page_id is None else page_id
    cache.set(_generation_key(scope), uuid.uuid4().hex[:16], timeout=None)


def generations(page_ids: Iterable[int]) -> str:
    """The current generations of these documents and of all documents, read in one cache call."""
    keys = [*(_generation_key(page_id) for page_id in page_ids), _generation_key(ALL_DOCUMENTS)]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    # A generation evicted from the cache must never fall back to an older one: a new one makes every key miss.
    for key in missing:
        fresh = uuid.uuid4().hex[:16]
        cache.add(key, fresh, timeout=None)
        found[key] = cache.get(key, fresh)
    return ".".join(str(found[key]) for key in keys)


def _row_version(page: DocumentPage) -> str:
    published = page.last_published_at.isoformat() if page.last_published_at else ""
    return f"{page.latest_revision_id}.{published}.{page.state}.{page.legal_status}.{page.visibility}"


def static_version() -> str:
    """A release's static files have new hashed names: pages cached before it must not name the old ones."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    return str(getattr(staticfiles_storage, "manifest_hash", ""))


def digest(parts: Iterable[object]) -> str:
    return hashlib.blake2b("|".join(str(p) for p in parts).encode(), digest_size=12).hexdigest()


def content_key(kind: str, page: DocumentPage, request: HttpRequest, variant: Iterable[int], *extra: object) -> str:
    """The key of one rendering: document, generation, row version, language, host and the reader's variant."""
    ids = ",".join(str(i) for i in sorted(set(variant)))
    signature = digest([generations([page.pk]), _row_version(page), get_language(), request.scheme,
                        request.get_host(), static_version(), ids, *extra])
    return f"{PREFIX}:{kind}:{page.pk}:{signature}"


# A key names one rendering exactly (generation, row version, variant), so the value under it never changes: each
# process may keep its own copy and skip the shared cache (a database table in production) on a hit.
_local = LocMemCache("vanban-documents", {"OPTIONS": {"MAX_ENTRIES": 2000, "CULL_FREQUENCY": 4}})


def lookup(key: str) -> Any:
    """This process's copy, else the shared cache's (then kept here too)."""
    value = _local.get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            _local.set(key, value, timeout=settings.DOCUMENT_CACHE_SECONDS)
    return value


def store(key: str, value: object) -> None:
    cache.set(key, value, timeout=settings.DOCUMENT_CACHE_SECONDS)
    _local.set(key, value, timeout=settings.DOCUMENT_CACHE_SECONDS)


def remember[T](key: str, compute: Callable[[], T]) -> T:
    """The cached value for key, computed and stored on a miss."""
    value = lookup(key)
    if value is None:
        value = compute()
        store(key, value)
    return value


def etag(*parts: object) -> str:
    return f'"{digest(parts)}"'


def matches(request: HttpRequest, tag: str) -> bool:
    """If-None-Match names this ETag (or "*"); weak tags compare equal to strong ones (RFC 9110 §13.1.2)."""
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    candidates = {value.strip().removeprefix("W/") for value in header.split(",")}
    return "*" in candidates or tag in candidates


# -- the reader's variant ---------------------------------------------------------------------------
def visible_basis_targets(page: DocumentPage, user) -> frozenset[int]:
    """Cited documents (căn cứ) the reader may open: the official body links exactly these."""
    from documents.models import DocumentBasis
    from documents.permissions import visible_documents

    ids = set(DocumentBasis.objects.filter(page=page, target__isnull=False).values_list("target_id", flat=True))
    if not ids:
        return frozenset()
    return frozenset(visible_documents(user).filter(pk__in=ids).values_list("pk", flat=True))


def visible_relation_ids(page: DocumentPage, user) -> frozenset[int]:
    """Related documents (both directions) the reader may see: the API detail and the reader box list these.
    The same rule as documents.serializers.readable_relations, on ids alone."""
    from django.db.models import Q

    from documents.models import DocumentRelation
    from documents.permissions import visible_documents

    ids: set[int] = set()
    for source, target in DocumentRelation.objects.filter(Q(page=page) | Q(target=page)).values_list("page_id", "target_id"):
        ids.add(target if source == page.pk else source)
    if not ids:
        return frozenset()
    return frozenset(visible_documents(user).filter(pk__in=ids).values_list("pk", flat=True))
