"""Issue 14: issued documents' official HTML and API detail come from the cache, per reader variant, with ETags.

Nothing may leak: a reader who may not open a cited or related document never receives a rendering made for one
who may, and every change (signals) forgets what was cached.
"""
from __future__ import annotations

import pytest

from documents.models import DocumentBasis, DocumentRelation, RelationType
from documents.signals import document_changed
from tests import permission_setup as ps

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return ps.build_world()


def _issued_citing(world, cited, title: str, visibility: str = "public"):
    """An issued public quy chế whose căn cứ links `cited` and which amends it (relation)."""
    page = ps.draft_document(world, title, visibility, with_file=False)
    DocumentBasis.objects.create(page=page, text=f"Căn cứ {cited.notation or cited.title};", target=cited, sort_order=0)
    DocumentRelation.objects.create(page=page, relation=RelationType.AMENDS, target=cited, sort_order=0)
    page.save_revision(user=world.users["soanthao"])
    return ps.advance(page, world, "issued")


@pytest.fixture
def documents(world):
    internal = ps.make_document(world, "internal", "issued", "quy chế nội bộ được dẫn")
    public = _issued_citing(world, internal, "quy chế công khai dẫn văn bản nội bộ")
    return {"internal": internal, "public": public}


def _login(client, world, name: str):
    client.force_login(world.users[name])
    return client


def _official_rendered(response) -> bool:
    return "documents/parts/official.html" in [t.name for t in response.templates]


# -- the reader page -------------------------------------------------------------------------------------------
def test_second_view_serves_the_official_html_from_the_cache(client, documents):
    url = documents["public"].url
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert _official_rendered(first) and not _official_rendered(second)
    assert first.content == second.content


def test_a_cited_document_link_is_never_served_to_a_reader_who_may_not_open_it(client, world, documents):
    public, internal = documents["public"], documents["internal"]
    member = _login(client, world, "thanhvien").get(public.url).content.decode()
    assert f'href="{internal.url}"' in member  # the member opens the cited internal document
    client.logout()
    anonymous = client.get(public.url).content.decode()
    assert f'href="{internal.url}"' not in anonymous
    assert internal.notation not in anonymous.split('class="reader-box')[1].split("</aside>")[0]


def test_etag_answers_304_and_differs_between_readers_who_see_different_content(client, world, documents):
    url = documents["public"].url
    anonymous = client.get(url)
    tag = anonymous["ETag"]
    assert tag and client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304
    member = _login(client, world, "thanhvien").get(url)
    assert member["ETag"] != tag
    assert client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 200
    assert client.get(url, HTTP_IF_NONE_MATCH=member["ETag"]).status_code == 304
    assert "private" in member["Cache-Control"]


def test_non_public_document_pages_are_private(client, world, documents):
    response = _login(client, world, "thanhvien").get(documents["internal"].url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and response["ETag"]


def test_the_permission_check_runs_before_any_cached_answer(client, world, documents):
    internal = documents["internal"]
    member = _login(client, world, "thanhvien").get(internal.url)
    assert member.status_code == 200
    client.logout()
    assert client.get(internal.url).status_code == 404
    assert client.get(internal.url, HTTP_IF_NONE_MATCH=member["ETag"]).status_code == 404


def _rename_recipient(page, name: str) -> None:
    """A change the row's version does not show: only the signal can tell the cache."""
    page.recipients.filter(sort_order=0).update(name=name)


def test_a_change_signal_forgets_the_cached_page(client, documents):
    page = documents["public"]
    assert client.get(page.url).status_code == 200
    _rename_recipient(page, "Ban Tuyên giáo đổi tên")
    assert "Ban Tuyên giáo đổi tên" not in client.get(page.url).content.decode()  # cached
    document_changed.send(sender=type(page), page=page, user=None)
    assert "Ban Tuyên giáo đổi tên" in client.get(page.url).content.decode()


def test_a_renamed_issuer_is_printed_at_once(client, world, documents):
    page = documents["public"]
    assert client.get(page.url).status_code == 200
    world.bcd.superior_name = "ĐẢNG ỦY PHƯỜNG ĐỔI TÊN"
    world.bcd.save()
    assert "ĐẢNG ỦY PHƯỜNG ĐỔI TÊN" in client.get(page.url).content.decode()


# -- the API detail ------------------------------------------------------------------------------------------------
def test_api_detail_comes_from_the_cache(client, documents, monkeypatch):
    from cms.rest import documents as api_documents

    calls = []
    real = api_documents.document_out
    monkeypatch.setattr(api_documents, "document_out", lambda *a: calls.append(1) or real(*a))
    url = f"/api/documents/{documents['public'].pk}/"
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json() and len(calls) == 1
    assert first.json()["notation"] == documents["public"].notation


def test_api_detail_relations_follow_the_reader(client, world, documents):
    public, internal = documents["public"], documents["internal"]
    url = f"/api/documents/{public.pk}/"
    member = _login(client, world, "thanhvien").get(url)
    assert [r["target"] for r in member.json()["relations"]] == [internal.pk]
    client.logout()
    anonymous = client.get(url)
    assert anonymous.json()["relations"] == []
    assert anonymous["ETag"] != member["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=anonymous["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH=member["ETag"]).status_code == 200


def test_api_detail_headers(client, world, documents):
    public = client.get(f"/api/documents/{documents['public'].pk}/")
    assert "no-cache" in public["Cache-Control"] and "private" not in public["Cache-Control"]
    assert public["Last-Modified"]
    internal = _login(client, world, "thanhvien").get(f"/api/documents/{documents['internal'].pk}/")
    assert internal.status_code == 200 and "private" in internal["Cache-Control"]
    client.logout()
    assert client.get(f"/api/documents/{documents['internal'].pk}/",
                      HTTP_IF_NONE_MATCH=internal["ETag"]).status_code == 404


def test_api_detail_changes_after_a_signal(client, documents):
    page = documents["public"]
    url = f"/api/documents/{page.pk}/"
    before = client.get(url)
    _rename_recipient(page, "Ban Tuyên giáo đổi tên")
    assert client.get(url).json() == before.json()  # cached
    document_changed.send(sender=type(page), page=page, user=None)
    after = client.get(url)
    assert after.json()["recipients"][0]["name"] == "Ban Tuyên giáo đổi tên"
    assert after["ETag"] != before["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_drafts_are_never_cached(client, world, monkeypatch):
    from cms.rest import documents as api_documents

    draft = ps.draft_document(world, "dự thảo không lưu bộ nhớ đệm", "internal", with_file=False)
    calls = []
    real = api_documents.document_out
    monkeypatch.setattr(api_documents, "document_out", lambda *a: calls.append(1) or real(*a))
    _login(client, world, "soanthao")
    first = client.get(f"/api/documents/{draft.pk}/")
    client.get(f"/api/documents/{draft.pk}/")
    assert first.status_code == 200 and "ETag" not in first and len(calls) == 2


def test_an_anonymous_reader_gets_the_whole_page_from_the_cache(client, world, documents):
    url = documents["public"].url
    first, second = client.get(url), client.get(url)
    assert first.templates and not second.templates  # nothing rendered the second time
    assert first.content == second.content and second["ETag"] == first["ETag"]
    member = _login(client, world, "thanhvien").get(url)
    assert member.templates and "thanhvien" in member.content.decode()
    assert "Đăng xuất" not in second.content.decode()


def test_renaming_the_site_forgets_every_cached_page(client, documents):
    from wagtail.models import Site

    url = documents["public"].url
    assert client.get(url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Cổng văn bản đổi tên"
    site.save()
    assert "Cổng văn bản đổi tên" in client.get(url).content.decode()


def test_pages_api_detail_is_cached_per_reader_variant(client, world, documents, monkeypatch):
    from cms.api import DocumentAwarePagesAPIViewSet

    public, internal = documents["public"], documents["internal"]
    calls = []
    real = DocumentAwarePagesAPIViewSet._document_data
    monkeypatch.setattr(DocumentAwarePagesAPIViewSet, "_document_data",
                        lambda self, *a: calls.append(1) or real(self, *a))
    url = f"/api/v2/pages/{public.pk}/"
    first, second = client.get(url), client.get(url)
    assert first.json() == second.json() and len(calls) == 1
    assert first.json()["relations"] == [] and first.json()["meta"]["type"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    member = _login(client, world, "thanhvien").get(url)
    assert [r["target"] for r in member.json()["relations"]] == [internal.pk]
    assert member["ETag"] != first["ETag"] and len(calls) == 2
    client.logout()
    assert client.get(f"/api/v2/pages/{internal.pk}/").status_code == 404
