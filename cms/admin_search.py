"""The admin's search boxes (explorer, admin search, page chooser) ask the project's search (search/) first.

documents/admin_listing.py asks every function of the Wagtail hook DOCUMENT_SEARCH_HOOK and keeps the answer to
what the user may explore; this module answers it with search.service, whose permission filter is the reader's
(the user's principals), as on every channel. Registered in cms/wagtail_hooks.py.
"""
from __future__ import annotations

import dataclasses
import logging

from documents.admin_listing import MAX_FOUND
from search.backends.base import MAX_PAGE_SIZE, BackendUnavailable
from search.service import InvalidSearch, parse_params, search_documents

logger = logging.getLogger(__name__)


def registered_document_ids(query: str, user) -> list[int]:
    """Ids of the registered documents the user may read that the project's search finds, best first."""
    found: list[int] = []
    try:
        search = parse_params({"q": [query], "page_size": [str(MAX_PAGE_SIZE)]}, user)
        search = dataclasses.replace(search, with_facets=False)
        while len(found) < MAX_FOUND:
            ids = search_documents(search).ids
            found += ids
            if len(ids) < search.page_size:
                break
            search = dataclasses.replace(search, page=search.page + 1)
    except InvalidSearch:  # e.g. longer than the search accepts: the folded lookup still answers
        return []
    except BackendUnavailable:
        logger.warning("admin search: the project's search cannot answer", exc_info=True)
    return found[:MAX_FOUND]
