"""Issue 14: the reader pages and API answers in a bounded number of queries (no query per listed document).

Measured on the demonstration (`load_demo`), second request of each (caches warm, as in production), as an
anonymous reader and as a member. A new N+1 (a query per document, issuer or section) breaks these bounds. The
test cache is in memory; in production the database cache adds one query (the document's generation) to a cached
document answer.
"""
from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import DocumentPage

SEED = "01-QC/BCĐ"
# (path, bound as anonymous, bound as member); None: not open to anonymous readers.
BOUNDS = {  # before issue 14's work: home 23/36, document 16/26, api_detail 11/12, pages_api_detail 14/21,
    # search_page 18/24, search_api 17/21; before the listing loaded generic pages: home as member 21
    "home": ("/", 12, 16),
    # A member's page is rendered for them: + the citation lists ("Căn cứ", "Được căn cứ bởi") and their targets.
    "document": ("{url}", 8, 28),
    "api_detail": ("/api/documents/{id}/", 2, 4),
    "pages_api_detail": ("/api/v2/pages/{id}/", 5, 12),
    # Search: + one query for the issuers a query names by name (issue 15); hits as generic pages, their
    # issuer joined (not one query per kind and two for issuers).
    "search_page": ("/tim-kiem/?q=quy+chế", 12, 18),
    "search_api": ("/api/search/?q=quy+chế", 11, 15),
    "inbox_page": ("/hop-thu/", None, 18),
    "inbox_api": ("/api/inbox/", None, 15),
}
# The embedded search backend on PostgreSQL prepares its query in three more statements than on SQLite (FTS5).
SEARCH_EXTRA = {"postgresql": 3}


@pytest.fixture
def demo(db, settings):
    settings.DEMO_PASSWORD = "vanban2026"
    call_command("load_demo", stdout=io.StringIO())
    return DocumentPage.objects.get(notation=SEED)


def _queries(client, path: str) -> tuple[int, int]:
    for _warm in range(2):  # caches warm, as on a running site (an anonymous answer is kept once two agree)
        client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response.status_code, len(captured.captured_queries)


def test_query_counts_are_bounded(demo, client):
    """One test over every page (the demonstration loads once): every bound broken is reported together."""
    member = get_user_model().objects.get(username="thanhvien")
    over = []
    for who in ("anonymous", "member"):
        if who == "member":
            client.force_login(member)
        for name, (path, *bounds) in BOUNDS.items():
            bound = bounds[0] if who == "anonymous" else bounds[1]
            if bound is None:
                continue
            if name.startswith("search"):
                bound += SEARCH_EXTRA.get(connection.vendor, 0)
            status, count = _queries(client, path.format(url=demo.url, id=demo.pk))
            if status != 200 or count > bound:
                over.append(f"{name} as {who}: {status}, {count} queries (at most {bound})")
    assert not over, "\n".join(over)
