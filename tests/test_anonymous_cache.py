"""Issue 14 (fast pages): repeated anonymous reads of an issued public document are answered before Wagtail routes
them (cms/anonymous_cache.py), and any change to the document, or to a document it names, is seen at once, even a
change made with no signal."""
from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from documents.models import DocumentBasis, DocumentPage, DocumentRelation, RelationType
from tests import permission_setup as ps

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return ps.build_world()


@pytest.fixture
def pair(world):
    """An issued public quy chế that cites and amends another issued public one."""
    cited = ps.make_document(world, "public", "issued", "quy chế công khai được dẫn")
    page = ps.draft_document(world, "quy chế công khai dẫn văn bản khác", "public", with_file=False)
    DocumentBasis.objects.create(page=page, text=f"Căn cứ {cited.notation};", target=cited, sort_order=0)
    DocumentRelation.objects.create(page=page, relation=RelationType.AMENDS, target=cited, sort_order=0)
    page.save_revision(user=world.users["soanthao"])
    return ps.advance(page, world, "issued"), cited


def _addresses(page: DocumentPage) -> list[str]:
    return [page.url, f"/api/v2/pages/{page.pk}/", f"/api/documents/{page.pk}/"]


@pytest.mark.parametrize("channel", [0, 1, 2], ids=["page", "pages-api", "documents-api"])
def test_a_repeated_anonymous_read_costs_at_most_one_query(client, pair, channel, django_assert_max_num_queries):
    url = _addresses(pair[0])[channel]
    first = client.get(url)
    assert first.status_code == 200 and client.get(url).content == first.content  # two renderings agree: kept
    with django_assert_max_num_queries(1):  # the rows' versions (the test cache answers generations in memory)
        second = client.get(url)
    assert second.status_code == 200 and second.content == first.content
    assert second["ETag"] == first["ETag"] and second["Content-Type"] == first["Content-Type"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.parametrize("channel", [0, 1, 2], ids=["page", "pages-api", "documents-api"])
def test_a_document_made_internal_without_any_signal_is_refused_at_once(client, pair, channel):
    page = pair[0]
    url = _addresses(page)[channel]
    assert client.get(url).status_code == 200
    DocumentPage.objects.filter(pk=page.pk).update(visibility="internal")  # a raw change: no signal is sent
    assert client.get(url).status_code == 404


def test_a_named_document_made_internal_disappears_from_the_answer(client, pair):
    page, cited = pair
    page_url, *api_urls = _addresses(page)
    link, relation = f'href="{cited.url}"', f'"target": {cited.pk}'  # the căn cứ's link; the relation in JSON
    assert link in client.get(page_url).content.decode()
    assert all(relation in client.get(url).content.decode() for url in api_urls)
    DocumentPage.objects.filter(pk=cited.pk).update(visibility="internal")
    assert link not in client.get(page_url).content.decode()
    assert not any(relation in client.get(url).content.decode() for url in api_urls)


def test_a_change_between_rendering_and_reading_the_version_is_never_served(client, pair, monkeypatch):
    """The kept answer's version is read after rendering: a change in between pairs old bytes with the new version,
    so an answer is served only after a second rendering under that version gave the same bytes."""
    from cms import anonymous_cache

    page = pair[0]
    read_version = anonymous_cache._version

    def change_first(ids, listing):
        monkeypatch.setattr(anonymous_cache, "_version", read_version)
        DocumentPage.objects.filter(pk=page.pk).update(visibility="internal")  # after the page was rendered
        return read_version(ids, listing)

    monkeypatch.setattr(anonymous_cache, "_version", change_first)
    assert client.get(page.url).status_code == 200  # rendered while still public
    assert client.get(page.url).status_code == 404


def test_an_unpublished_document_is_gone_at_once(client, pair):
    page = pair[0]
    readers = _addresses(page)[:2]  # the read-write API reads by state, not by publication
    for url in readers:
        assert client.get(url).status_code == 200
    page.unpublish()
    for url in readers:
        assert client.get(url).status_code == 404


def test_a_view_restriction_added_above_the_document_is_obeyed(client, pair):
    page = pair[0]
    assert client.get(page.url).status_code == 200
    PageViewRestriction.objects.create(page=page.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    assert client.get(page.url).status_code != 200


def test_signed_in_readers_neither_get_nor_leave_the_shared_answer(client, world, pair):
    url = pair[0].url
    anonymous = client.get(url).content.decode()
    assert "Đăng xuất" not in anonymous
    client.force_login(world.users["thanhvien"])
    signed_in = client.get(url).content.decode()
    assert "Đăng xuất" in signed_in
    client.logout()
    assert "Đăng xuất" not in client.get(url).content.decode()


def test_a_token_caller_is_never_answered_from_the_shared_answer(client, world, pair):
    from cms.security.tokens import issue_token

    page = pair[0]
    url = f"/api/documents/{page.pk}/"
    assert client.get(url).status_code == 200
    DocumentPage.objects.filter(pk=page.pk).update(visibility="internal")
    _token, token = issue_token(world.users["thanhvien"], "test")
    assert client.get(url, HTTP_AUTHORIZATION=f"Token {token}").status_code == 200  # a member reads internal ones
    assert client.get(url).status_code == 404


# -- the home page: a listing, checked against the query that makes it --------------------------------------------
def test_the_anonymous_home_page_is_kept_and_follows_every_issue(client, world, pair, django_assert_max_num_queries):
    page, cited = pair
    first = client.get("/")
    assert first.status_code == 200 and page.title in first.content.decode()
    assert client.get("/").content == first.content  # two renderings agree: kept
    with django_assert_max_num_queries(2):  # listed documents and home page versions (generations: test cache)
        assert client.get("/").content == first.content
    newer = ps.make_document(world, "public", "issued", "kế hoạch công khai mới ban hành")
    assert newer.title in client.get("/").content.decode()
    DocumentPage.objects.filter(pk=page.pk).update(visibility="internal")  # a raw change: no signal
    assert page.title not in client.get("/").content.decode()


def test_the_home_page_text_is_shown_at_once_after_publishing(client, world):
    from cms.models import HomePage

    assert client.get("/").status_code == 200
    home = HomePage.objects.get()
    home.intro = "Trang văn bản đã đổi lời giới thiệu"
    home.save_revision().publish()
    assert "Trang văn bản đã đổi lời giới thiệu" in client.get("/").content.decode()


def test_a_members_home_page_is_never_the_anonymous_one(client, world, pair):
    internal = ps.make_document(world, "internal", "issued", "thông báo nội bộ cho đảng viên")
    assert internal.title not in client.get("/").content.decode()
    client.force_login(world.users["thanhvien"])
    assert internal.title in client.get("/").content.decode()
    client.logout()
    assert internal.title not in client.get("/").content.decode()


@pytest.mark.parametrize(("path", "kept"), [
    ("/", True), ("/ban-chi-dao/quy-che-01/", True), ("/api/v2/pages/12/", True), ("/api/documents/12/", True),
    ("/api/search/", False), ("/api/v2/pages/", False), ("/api/documents/12/pdf/", False), ("/tim-kiem/", False),
    ("/admin/pages/12/", False), ("/hop-thu/", False), ("/van-ban/12/pdf/", False),
])
def test_only_addresses_that_may_be_kept_look_in_the_cache(path, kept):
    from cms.anonymous_cache import _may_be_kept

    assert _may_be_kept(path) is kept
