"""Issue 10: the admin's search boxes (admin search, explorer, page chooser) find documents through the project's
search (notation, number, words without marks, body), drafts through the folded lookup, and nothing the user may
not read."""
from __future__ import annotations

import pytest
from wagtail import hooks

from cms.admin_search import registered_document_ids
from documents.admin_listing import DOCUMENT_SEARCH_HOOK
from search.queue import process_queue
from tests.permission_setup import advance, build_world, draft_document
from tests.test_search_support import REGULATION_BODY, make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def documents(world):
    issued = draft_document(world, "quy chế hoạt động của Ban Chỉ đạo")
    issued.body = REGULATION_BODY  # "Nghị quyết 57-NQ/TW" is in the body only
    issued.save_revision(user=world.users["soanthao"])
    issued = advance(issued, world, "issued")
    draft = draft_document(world, "về việc kiện toàn Tổ giúp việc")
    other = make_document(world.issuers["ubnd"], title="quy chế nội bộ của Ủy ban theo Nghị quyết 57",
                          body=REGULATION_BODY, visibility="internal")
    process_queue()
    return {"issued": issued, "draft": draft, "other": other}


def _found(client, url: str, query: str) -> str:
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("url", ["/admin/pages/search/", "/admin/choose-page/search/", "explorer"])
def test_the_clerk_finds_by_body_notation_number_and_words_without_marks(client, world, documents, url):
    client.force_login(world.users["vanthu"])
    url = f"/admin/pages/{world.bcd_index.pk}/" if url == "explorer" else url
    issued, draft, other = documents["issued"], documents["draft"], documents["other"]
    for query in ("nghi quyet 57", "01-QC/BCĐ", "01/QC-BCĐ", "1", "hoat dong ban chi dao"):
        html = _found(client, url, query)
        assert issued.title in html and draft.title not in html, (url, query)
        assert other.title not in html, (url, query)  # another issuer's internal document
    assert draft.title in _found(client, url, "kien toan")  # a draft: not in the index, found by the folded lookup


def test_the_search_answers_with_the_readers_permission_filter(world, documents):
    assert documents["issued"].pk in registered_document_ids("nghi quyet 57", world.users["vanthu"])
    assert documents["other"].pk not in registered_document_ids("nghi quyet 57", world.users["vanthu"])
    assert documents["issued"].pk not in registered_document_ids("nghi quyet 57", world.users["thanhvien_khac"])
    assert registered_document_ids("x" * 600, world.users["vanthu"]) == []  # too long for the search: no error


def test_an_answer_outside_what_the_user_may_explore_is_dropped(client, world, documents):
    def everything(query, user):
        return [documents["other"].pk, documents["issued"].pk]

    client.force_login(world.users["vanthu"])
    with hooks.register_temporarily(DOCUMENT_SEARCH_HOOK, everything):
        html = _found(client, "/admin/pages/search/", "zzzz")
    assert documents["issued"].title in html and documents["other"].title not in html
