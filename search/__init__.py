"""Search of issued documents: embedded (default) or Elasticsearch, chosen by settings.

Public API:
    get_backend(name=None) -> SearchBackend      # "embedded" | "elasticsearch"; default settings.SEARCH_BACKEND
    configured_backends() -> list[str]            # the indexes kept up to date (embedded always)
    search.backends.base: SearchQuery, SearchResult, SearchHit, SearchBackend, BackendUnavailable
    search.indexing: load_pages, searchable_text, iter_index_documents   # of documents.indexed.IndexedDocument
    search.queue.enqueue_document(page_id, action="index"), process_queue(), process_search_queue()
    search.service.search_documents(query), search_response(params, request)   # API and reader page
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.backends.base import SearchBackend
    from search.backends.elasticsearch import ElasticsearchBackend

EMBEDDED = "embedded"
ELASTICSEARCH = "elasticsearch"


def default_backend_name() -> str:
    from django.conf import settings

    name = getattr(settings, "SEARCH_BACKEND", "") or (ELASTICSEARCH if getattr(settings, "ELASTICSEARCH_URL", "") else EMBEDDED)
    return ELASTICSEARCH if name == ELASTICSEARCH and settings.ELASTICSEARCH_URL else EMBEDDED


def configured_backends() -> list[str]:
    """Indexes the queue keeps current: the embedded one always (it is the fallback), Elasticsearch if set."""
    return [EMBEDDED, ELASTICSEARCH] if default_backend_name() == ELASTICSEARCH else [EMBEDDED]


def get_backend(name: str | None = None) -> SearchBackend:
    name = name or default_backend_name()
    if name == EMBEDDED:
        from search.backends.embedded import EmbeddedBackend

        return EmbeddedBackend()
    if name == ELASTICSEARCH:
        return elasticsearch_backend()
    raise ValueError(f"unknown search backend {name!r}")


def elasticsearch_backend() -> ElasticsearchBackend:
    """The configured Elasticsearch backend, for what only it has (its client, alias, readiness)."""
    from django.conf import settings

    from search.backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(
        settings.ELASTICSEARCH_URL,
        prefix=getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "vanban"),
        timeout=float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 10)),
    )
