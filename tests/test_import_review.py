"""Issue 12: an issued document imported with parts to review ("cần rà soát") is corrected by its issuer's clerk
in the admin (the editor refuses issued documents): trích yếu, signer and căn cứ as the paper says, the review
lines cleared when done; number, date, state and body stay as registered, and the correction is logged."""
from __future__ import annotations

import pytest
from wagtail.models import PageLogEntry

from cms.demo.documents import DEMO_DATA, SEED_NAME
from documents.importing.service import import_path
from documents.models import DocumentPage
from tests.permission_setup import build_world

NOTES = "không thấy người ký\nkiểm tra căn cứ với bản gốc"


@pytest.fixture
def flagged(db):
    world = build_world()
    page = import_path(DEMO_DATA / SEED_NAME, issue=True).page  # 01-QC/BCĐ of the Ban chỉ đạo, registered
    DocumentPage.objects.filter(pk=page.pk).update(review_notes=NOTES)  # as a partly recovered import leaves it
    page.refresh_from_db()
    assert page.is_registered and page.needs_review
    return world, page.specific


def _url(page) -> str:
    return f"/admin/van-ban/{page.pk}/ra-soat/"


def _form(page, **changes) -> dict:
    data = {"title": page.title, "signer_authority": page.signer_authority,
            "signer_authority_body": page.signer_authority_body,
            "signer_position": page.signer_position, "signer_name": page.signer_name,
            "bases": "\n".join(b.text for b in page.bases.order_by("sort_order")), "review_notes": page.review_notes}
    return {**data, **changes}


def test_the_clerk_corrects_an_issued_import_and_clears_its_review(client, flagged):
    world, page = flagged
    registered = ("number", "notation", "issued_on", "state", "live_revision_id", "body")
    before = type(page).objects.filter(pk=page.pk).values(*registered).get()
    client.force_login(world.users["vanthu"])
    listing = client.get(f"/admin/pages/{page.get_parent().pk}/").content.decode()
    assert "cần rà soát" in listing and _url(page) in listing  # the queue: flagged, with its button
    form = client.get(_url(page)).content.decode()
    assert "Rà soát văn bản nhập" in form and page.title in form and "không thấy người ký" in form

    response = client.post(_url(page), _form(
        page, title="Quy chế làm việc của Ban Chỉ đạo (đã đối chiếu)", signer_name="Trần Văn Bình",
        bases="Căn cứ Điều lệ Đảng;\nCăn cứ Quyết định số 105-QĐ/ĐU, ngày 23/12/2025 của Đảng ủy phường;",
        review_notes=""))
    assert response.status_code == 302
    landing = client.get(response["Location"]).content.decode()  # the section's listing
    assert "Đã rà soát xong" in landing and _url(page) not in landing
    page = DocumentPage.objects.get(pk=page.pk).specific
    assert (page.title, page.signer_name, page.review_notes) == (
        "Quy chế làm việc của Ban Chỉ đạo (đã đối chiếu)", "Trần Văn Bình", "")
    assert [b.text for b in page.bases.order_by("sort_order")] == [
        "Căn cứ Điều lệ Đảng;", "Căn cứ Quyết định số 105-QĐ/ĐU, ngày 23/12/2025 của Đảng ủy phường;"]
    assert type(page).objects.filter(pk=page.pk).values(*registered).get() == before
    revision = page.get_latest_revision_as_object()  # what the admin's history and compare views show
    assert revision.title == page.title and [b.text for b in revision.bases.all()] == [
        b.text for b in page.bases.order_by("sort_order")]
    entry = PageLogEntry.objects.get(page=page, action="vanban.review")
    assert entry.user == world.users["vanthu"] and entry.data["changed"] == [
        "title", "signer_name", "review_notes", "bases"]
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert ("Đã rà soát: sửa trích yếu, người ký, căn cứ; đã đối chiếu: “không thấy người ký”; "
            "“kiểm tra căn cứ với bản gốc”") in history
    again = client.get(_url(page))  # an old link: nothing left to review, and it says so
    assert again.status_code == 302 and again["Location"] == f"/admin/van-ban/{page.pk}/"
    assert "đã rà soát xong" in client.get(again["Location"]).content.decode()
    assert "Quy chế làm việc của Ban Chỉ đạo (đã đối chiếu)" in client.get(page.url).content.decode()


def test_the_dashboard_lists_the_review_queue_for_the_issuers_clerk_only(client, flagged):
    """The review queue on the clerk's dashboard ("Việc cần làm"), each line opening the review form; gone once
    reviewed; not shown to those who may not review."""
    world, page = flagged
    client.force_login(world.users["vanthu"])
    dashboard = client.get("/admin/").content.decode()
    assert "Cần rà soát" in dashboard and f'href="{_url(page)}"' in dashboard
    client.post(_url(page), _form(page, review_notes=""))
    assert f'href="{_url(page)}"' not in client.get("/admin/").content.decode()
    DocumentPage.objects.filter(pk=page.pk).update(review_notes=NOTES)
    for name in ("lanhdao", "soanthao"):
        client.force_login(world.users[name])
        assert f'href="{_url(page)}"' not in client.get("/admin/").content.decode()


def test_the_clerk_restores_a_missing_signature_block_with_its_authority(client, flagged):
    """ "Không thấy khối chữ ký": the block is "T/M BAN CHỈ ĐẠO / TRƯỞNG BAN / Nguyễn Quốc Nam", authority included."""
    world, page = flagged
    client.force_login(world.users["vanthu"])
    form = client.get(_url(page)).content.decode()
    assert 'name="signer_authority"' in form and "Ký trực tiếp" in form and 'name="signer_authority_body"' in form
    response = client.post(_url(page), _form(page, signer_authority="T/M", signer_authority_body="BAN CHỈ ĐẠO",
                                              signer_position="TRƯỞNG BAN", review_notes=""))
    assert response.status_code == 302
    page = DocumentPage.objects.get(pk=page.pk)
    assert page.signer_authority_line == "T/M BAN CHỈ ĐẠO"
    changed = PageLogEntry.objects.get(page=page, action="vanban.review").data["changed"]
    assert changed[:2] == ["signer_authority", "signer_authority_body"]
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "thẩm quyền ký" in history


def test_a_partial_review_keeps_the_remaining_lines_and_nothing_changed_writes_nothing(client, flagged):
    world, page = flagged
    client.force_login(world.users["vanthu"])
    assert client.post(_url(page), _form(page)).status_code == 302  # unchanged: no write, no log line
    assert not PageLogEntry.objects.filter(page=page, action="vanban.review").exists()
    client.post(_url(page), _form(page, review_notes="kiểm tra căn cứ với bản gốc"))
    page.refresh_from_db()
    assert page.review_notes == "kiểm tra căn cứ với bản gốc" and page.needs_review


def test_an_empty_trich_yeu_is_refused_in_vietnamese_and_changes_nothing(client, flagged):
    world, page = flagged
    client.force_login(world.users["vanthu"])
    response = client.post(_url(page), _form(page, title="   ", review_notes=""))
    assert response.status_code == 200 and "Trường này là bắt buộc" in response.content.decode()
    page.refresh_from_db()
    assert page.review_notes == NOTES and not PageLogEntry.objects.filter(page=page, action="vanban.review").exists()


@pytest.mark.parametrize("name", ["soanthao", "lanhdao", "thanhvien", "thanhvien_khac", "duoc_cap_quyen"])
def test_only_the_issuers_clerk_may_review(client, flagged, name):
    world, page = flagged
    client.force_login(world.users[name])
    assert client.get(_url(page)).status_code in (302, 403)
    assert client.post(_url(page), _form(page, title="Sửa trái phép", review_notes="")).status_code in (302, 403)
    page.refresh_from_db()
    assert page.title != "Sửa trái phép" and page.review_notes == NOTES


def test_an_issued_document_without_review_lines_is_not_reviewed(client, flagged):
    world, page = flagged
    DocumentPage.objects.filter(pk=page.pk).update(review_notes="")
    client.force_login(world.users["vanthu"])
    assert client.get(_url(page)).status_code in (302, 403)


def test_the_batch_report_sends_the_clerk_to_the_review_and_others_to_the_reader_page(rf, flagged):
    from documents.importing.batch_admin import document_links

    world, page = flagged
    request = rf.get("/admin/van-ban/nhap-lo/")
    request.user = world.users["vanthu"]
    assert document_links(request, [page.pk]) == {page.pk: _url(page)}
    request.user = world.users["lanhdao"]  # may read it, may not review it
    assert document_links(request, [page.pk]) == {page.pk: page.url}


def test_opening_a_flagged_issued_document_leads_its_clerk_to_the_review(client, flagged):
    world, page = flagged
    client.force_login(world.users["vanthu"])
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 302 and edit["Location"] == _url(page)
    assert "chỉ rà soát được những gì máy đọc sai" in client.get(edit["Location"]).content.decode()
    client.force_login(world.users["lanhdao"])  # may not review: the document to read
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit["Location"] == f"/admin/van-ban/{page.pk}/"
    assert f'href="{_url(page)}"' not in client.get(edit["Location"]).content.decode()


def test_the_review_through_the_api(flagged):
    from tests.api_helpers import ApiCaller, assert_problem

    world, page = flagged
    url = f"/api/documents/{page.pk}/review/"
    clerk = ApiCaller(world.users["vanthu"])
    shown = clerk.get(url).json()
    assert shown["review_notes"] == NOTES.split("\n") and shown["title"] == page.title
    assert_problem(ApiCaller(world.users["lanhdao"]).post(url, {"review_notes": []}), 403)
    assert_problem(clerk.post(url, {"title": ""}), 422)
    assert_problem(clerk.post(url, {"number": 7}), 422)  # only the transcriptions
    answer = clerk.post(url, {"signer_position": "PHÓ TRƯỞNG BAN", "review_notes": ["kiểm tra căn cứ với bản gốc"]})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["changed"] == ["signer_position", "review_notes"] and body["review_notes"] == [
        "kiểm tra căn cứ với bản gốc"] and body["title"] == page.title
    page.refresh_from_db()
    assert page.signer_position == "PHÓ TRƯỞNG BAN" and page.state == "issued"
    refused = clerk.post(url, {"signer_authority": "X/Y"})
    assert_problem(refused, 422) and "Thẩm quyền ký “X/Y” không hợp lệ" in refused.content.decode()
    signed_for = clerk.post(url, {"signer_authority": "K/T", "signer_authority_body": "TRƯỞNG BAN"}).json()
    assert signed_for["changed"] == ["signer_authority", "signer_authority_body"]
    assert (signed_for["signer_authority"], signed_for["signer_authority_body"]) == ("K/T", "TRƯỞNG BAN")
    assert clerk.post(url, {"review_notes": []}).json()["review_notes"] == []
    assert_problem(clerk.get(url), 403)  # done: nothing left to review
