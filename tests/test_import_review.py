"""Issue 12: an issued document imported with parts to review ("cần rà soát") is corrected by its issuer's clerk
in the admin (the editor refuses issued documents): trích yếu, signer and căn cứ as the paper says, the review
lines cleared when done; number, date, state and body stay as registered, and the correction is logged."""
from __future__ import annotations

from pathlib import Path

import pytest
from wagtail.models import PageLogEntry

from cms.demo.documents import DEMO_DATA, SEED_NAME
from documents.importing.service import import_path
from documents.models import DocumentPage
from documents.workflow.review import recipient_entries
from tests.permission_setup import build_world, draft_document

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
    """What the form posts: its prefilled values, with the clerk's changes."""
    data = {"number": page.number, "notation": page.notation, "issued_on": page.issued_on.strftime("%d/%m/%Y"),
            "place": page.place, "title": page.title, "signer_authority": page.signer_authority,
            "signer_authority_body": page.signer_authority_body,
            "signer_position": page.signer_position, "signer_name": page.signer_name,
            "bases": "\n".join(b.text for b in page.bases.order_by("sort_order")),
            "recipients": "\n".join(recipient_entries(page)), "review_notes": page.review_notes}
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


def test_the_batch_report_sends_the_clerk_to_the_review_and_others_to_the_document_view(rf, flagged):
    from documents.importing.batch_admin import document_links

    world, page = flagged
    request = rf.get("/admin/van-ban/nhap-lo/")
    request.user = world.users["vanthu"]
    assert document_links(request, [page.pk]) == {page.pk: _url(page)}
    request.user = world.users["lanhdao"]  # may read it, may not review it: "Xem văn bản", in the admin
    assert document_links(request, [page.pk]) == {page.pk: f"/admin/van-ban/{page.pk}/"}


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
    assert_problem(clerk.post(url, {"number": 0}), 422)
    assert_problem(clerk.post(url, {"number": "7"}), 422)  # a number, not a string
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


# -- number, số và ký hiệu and date, as misread by the reader -------------------------------------------------
REGISTERED = ("number", "notation", "notation_key", "type_code", "issued_on", "place", "rule_set", "title")


def _state(page) -> tuple:
    """What a refused correction must leave as it was: the page row, its latest revision, its register row and
    register counter, its log."""
    from documents.models import RegisterEntry

    row = DocumentPage.objects.filter(pk=page.pk).values(*REGISTERED).get()
    revision = DocumentPage.objects.get(pk=page.pk).get_latest_revision().content
    entry = RegisterEntry.objects.filter(document=page).values(
        "register_id", "number", "notation", "issued_on", "register__last_number").get()
    logged = PageLogEntry.objects.filter(page=page, action="vanban.review").count()
    return row, {name: revision.get(name) for name in ("number", "notation", "issued_on")}, entry, logged


def _cite(world, *lines: str):
    """A draft of the same issuer citing these lines as its căn cứ (its citations read as a save reads them)."""
    from documents.citations import refresh_citations
    from documents.models import DocumentBasis
    from tests.permission_setup import draft_document

    source = draft_document(world, "Kế hoạch dẫn quy chế")
    for i, text in enumerate(lines):
        DocumentBasis.objects.create(page=source, text=text, sort_order=i)
    refresh_citations(source)
    return source


def _targets(source) -> dict[str, int | None]:
    from documents.models import Citation

    return dict(Citation.objects.filter(source=source).values_list("notation_key", "target_id"))


def test_the_clerk_corrects_a_misread_number_notation_and_date(client, flagged):
    """Read "01-QC/BCĐ, 05/01/2026", printed "05-QC/BCĐ, 04/01/2026": the page, its revision, its register row, the
    citations of both notations and the log follow; the register's counter does not jump."""
    import datetime

    from documents.models import RegisterEntry

    world, page = flagged
    cites = _cite(world, "Căn cứ Quy chế số 01-QC/BCĐ, ngày 05/01/2026 của Ban Chỉ đạo;",
                  "Căn cứ Quy chế số 05-QC/BCĐ, ngày 04/01/2026 của Ban Chỉ đạo;")
    assert _targets(cites) == {"1-qc-bcd": page.pk, "5-qc-bcd": None}
    client.force_login(world.users["vanthu"])
    form = client.get(_url(page)).content.decode()
    assert 'name="number"' in form and 'value="01-QC/BCĐ"' in form and 'value="05/01/2026"' in form
    assert "số và ký hiệu, ngày ban hành" in form  # the intro says what may be corrected

    response = client.post(_url(page), _form(page, number="5", issued_on="04/01/2026", place="Phường La Gi"))
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = DocumentPage.objects.get(pk=page.pk).specific
    day = datetime.date(2026, 1, 4)
    assert (page.number, page.notation, page.notation_key, page.issued_on, page.place) == (
        5, "05-QC/BCĐ", "5-qc-bcd", day, "Phường La Gi")
    revision = page.get_latest_revision_as_object()
    assert (revision.number, revision.notation, revision.issued_on) == (5, "05-QC/BCĐ", day)
    entry = RegisterEntry.objects.select_related("register").get(document=page)
    assert (entry.number, entry.notation, entry.issued_on) == (5, "05-QC/BCĐ", day)
    assert entry.register.last_number == 5
    assert _targets(cites) == {"1-qc-bcd": None, "5-qc-bcd": page.pk}
    entry_log = PageLogEntry.objects.get(page=page, action="vanban.review")
    assert entry_log.data["changed"] == ["number", "notation", "issued_on", "place"]
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "Đã rà soát: sửa số, số và ký hiệu, ngày ban hành, địa danh" in history
    assert "05-QC/BCĐ" in client.get(page.url).content.decode()


def test_a_corrected_notation_carries_its_own_number_and_type_code(client, flagged):
    world, page = flagged
    client.force_login(world.users["vanthu"])
    response = client.post(_url(page), _form(page, notation="Số 03 - QĐi/BCĐ"))
    assert response.status_code == 302
    page = DocumentPage.objects.get(pk=page.pk)
    assert (page.number, page.notation, page.type_code) == (3, "03-QĐi/BCĐ", "QĐi")
    assert page.register_entry.notation == "03-QĐi/BCĐ" and page.register_entry.type_code == "QĐi"


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"issued_on": "05/01/2999"}, "issued_on", "ở sau hôm nay"),
    ({"issued_on": "31/02/2026"}, "issued_on", "Ngày không hợp lệ: nhập ngày/tháng/năm, ví dụ 05/01/2026"),
    ({"notation": "QC/BCĐ"}, "notation", "Không đọc được số và ký hiệu"),
    ({"notation": "05-QC/UBND"}, "notation", "Ký hiệu cơ quan trong số và ký hiệu (UBND) khác"),
    ({"number": "7", "notation": "05-QC/BCĐ"}, "number", "Số 7 khác số trong số và ký hiệu 05-QC/BCĐ"),
])
def test_a_bad_number_notation_or_date_is_refused_beside_its_field_and_changes_nothing(
        client, flagged, changes, field, message):
    world, page = flagged
    before = _state(page)
    client.force_login(world.users["vanthu"])
    response = client.post(_url(page), _form(page, title="Trích yếu sửa cùng lúc", **changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field] and message in errors[field][0], errors
    assert message in response.content.decode()
    assert _state(page) == before and DocumentPage.objects.get(pk=page.pk).title == page.title


def test_a_correction_into_another_documents_notation_is_refused(client, flagged):
    """The importer's rule (same issuer, notation key and date: the same document) and the register's (one number
    per series) both refuse; nothing changes, not even the trích yếu sent with it."""
    from tests.permission_setup import make_document

    world, page = flagged
    other = make_document(world, "internal", "issued", title="quy chế đã ban hành")  # numbered 02-QC/BCĐ
    assert other.notation == "02-QC/BCĐ"
    before = _state(page)
    client.force_login(world.users["vanthu"])
    same = client.post(_url(page), _form(page, title="Sửa kèm", notation="02/QC-BCĐ",
                                         issued_on=other.issued_on.strftime("%d/%m/%Y")))
    assert same.status_code == 200
    assert "Đã có văn bản 02-QC/BCĐ ngày" in same.context["form"].errors["notation"][0]
    numbered = client.post(_url(page), _form(page, title="Sửa kèm", number="2"))  # 05/01/2026: same series
    assert numbered.status_code == 200
    assert "đã có trong sổ; không đăng ký trùng số" in numbered.context["form"].errors["number"][0]
    assert _state(page) == before and DocumentPage.objects.get(pk=page.pk).title == page.title


def test_the_review_api_corrects_the_number_and_date(flagged):
    from documents.models import RegisterEntry
    from tests.api_helpers import ApiCaller, assert_problem

    world, page = flagged
    url = f"/api/documents/{page.pk}/review/"
    clerk = ApiCaller(world.users["vanthu"])
    shown = clerk.get(url).json()
    assert (shown["number"], shown["notation"], shown["issued_on"], shown["place"]) == (
        1, "01-QC/BCĐ", "2026-01-05", page.place)
    refused = assert_problem(clerk.post(url, {"issued_on": "2999-01-05"}), 422)
    assert "ở sau hôm nay" in refused["errors"]["issued_on"][0]
    assert "Không đọc được số và ký hiệu" in assert_problem(clerk.post(url, {"notation": "xyz"}), 422)["errors"][
        "notation"][0]
    assert assert_problem(clerk.post(url, {"issued_on": "05/01/2026"}), 422)["errors"]["issued_on"]
    answer = clerk.post(url, {"number": 9}).json()
    assert answer["changed"] == ["number", "notation"] and answer["notation"] == "09-QC/BCĐ"
    assert RegisterEntry.objects.get(document=page).register.last_number == 9
    answer = clerk.post(url, {"notation": "05-QC/BCĐ", "issued_on": "2026-01-04"}).json()
    assert answer["changed"] == ["number", "notation", "issued_on"]
    assert (answer["number"], answer["notation"], answer["issued_on"]) == (5, "05-QC/BCĐ", "2026-01-04")
    entry = RegisterEntry.objects.select_related("register").get(document=page)
    assert (entry.number, entry.notation, entry.register.last_number) == (5, "05-QC/BCĐ", 5)  # 9 was never given


def test_the_import_record_follows_the_corrected_notation_and_date(client, flagged):
    """The batch importer knows a file's document by issuer, notation key and date (ImportRecord.document_key): after
    the correction, the misread key names no document, the corrected one names this one."""
    import datetime

    from documents.importing.batch import record_key, same_document
    from documents.models import ImportRecord

    world, page = flagged
    read_as = datetime.date(2026, 1, 5)
    ImportRecord.objects.create(fingerprint="f" * 64, page=page, file_name="qc-01.pdf",
                                document_key=record_key(page.issuer, "1-qc-bcd", read_as))
    client.force_login(world.users["vanthu"])
    assert client.post(_url(page), _form(page, notation="05-QC/BCĐ", issued_on="04/01/2026")).status_code == 302
    assert same_document(page.issuer, "1-qc-bcd", read_as) is None
    assert same_document(page.issuer, "5-qc-bcd", datetime.date(2026, 1, 4)) == page.pk
    assert ImportRecord.objects.get(page=page).document_key == record_key(page.issuer, "5-qc-bcd",
                                                                          datetime.date(2026, 1, 4))


def test_a_draft_import_to_review_waits_on_the_dashboard_of_its_importer_and_clerk(client, db):
    """Imported without --issue and partly recovered: a draft "cần rà soát", opened in the editor from "Việc cần
    làm" by its issuer's clerk and by who imported it; not by others, and gone once its review lines are cleared."""
    world = build_world()
    page = import_path(DEMO_DATA / SEED_NAME, user=world.users["soanthao"]).page
    DocumentPage.objects.filter(pk=page.pk).update(review_notes=NOTES)
    edit = f'href="/admin/pages/{page.pk}/edit/"'
    for name in ("vanthu", "soanthao"):
        client.force_login(world.users[name])
        dashboard = client.get("/admin/").content.decode()
        assert "Dự thảo cần rà soát" in dashboard and edit in dashboard, name
    client.force_login(world.users["lanhdao"])
    assert edit not in client.get("/admin/").content.decode()
    DocumentPage.objects.filter(pk=page.pk).update(review_notes="")
    client.force_login(world.users["vanthu"])
    assert edit not in client.get("/admin/").content.decode()


def test_a_cong_van_notation_keeps_or_corrects_its_drafting_unit(db):
    """ "15/UBND-VP" (the Văn phòng's công văn): a corrected number keeps the unit; a corrected notation may
    change it; another issuer's code is still refused."""
    from django.core.exceptions import ValidationError

    from documents.models import RegisterEntry
    from documents.workflow.review import correct_import

    world = build_world()
    source = Path(__file__).parent / "fixtures" / "real" / "07-ubnd-cong-van-15-UBND-VP.txt"
    page = import_path(source, issue=True).page.specific
    assert (page.notation, page.unit_code) == ("15/UBND-VP", "VP") and page.needs_review
    clerk = world.users["quantri"]

    def correct(**registration) -> list[str]:
        page.refresh_from_db()
        return correct_import(page, clerk, title=page.title, signer_authority=page.signer_authority,
                              signer_authority_body=page.signer_authority_body, signer_position=page.signer_position,
                              signer_name=page.signer_name, bases=[], review_notes=page.review_notes, **registration)

    assert "number" in correct(number=16)
    page.refresh_from_db()
    assert (page.notation, page.unit_code) == ("16/UBND-VP", "VP")
    assert "notation" in correct(notation="Số: 16/UBND-TH")
    page.refresh_from_db()
    assert (page.number, page.notation, page.unit_code) == (16, "16/UBND-TH", "TH")
    assert RegisterEntry.objects.get(document=page).notation == "16/UBND-TH"
    with pytest.raises(ValidationError) as refused:
        correct(notation="16/HĐND-TH")
    assert "notation" in refused.value.message_dict
    page.refresh_from_db()
    assert page.notation == "16/UBND-TH"


def test_a_correction_remakes_the_stored_pdf_of_an_import_at_its_next_download(client, flagged):
    """The PDF an archived import got at its first download printed what the reader misread: corrected, it goes
    (the log says so, with its fingerprint) and the next download prints the paper's number."""
    import io

    from pypdf import PdfReader

    from documents.models import IssuedOriginal, RegisterEntry
    from documents.output.original import issue_original

    world, page = flagged
    stale = issue_original(page)
    assert RegisterEntry.objects.get(document=page).original_sha256 == stale.sha256
    client.force_login(world.users["vanthu"])
    response = client.post(_url(page), _form(page, number="9", notation="09-QC/BCĐ"))
    assert response.status_code == 302
    assert not IssuedOriginal.objects.filter(document=page).exists()
    assert RegisterEntry.objects.get(document=page).original_sha256 == ""
    entry = PageLogEntry.objects.get(page=page, action="vanban.review")
    assert entry.data["replaced_original"] == stale.sha256
    assert "bản PDF lưu trữ được tạo lại ở lần tải sau" in client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    download = client.get(f"/van-ban/{page.pk}/pdf/")
    assert download.status_code == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(b"".join(download.streaming_content)
                                                                   if download.streaming else download.content)).pages)
    assert "Số 09-QC/BCĐ" in text and "Số 01-QC/BCĐ" not in text  # the number line (the căn cứ cite another 01)
    fresh = IssuedOriginal.objects.get(document=page)
    assert fresh.sha256 != stale.sha256 and RegisterEntry.objects.get(document=page).original_sha256 == fresh.sha256


def test_a_document_issued_here_keeps_its_signed_original(flagged):
    """Only an archived import's rendering is remade: an original the system issued is never replaced."""
    from documents.models import IssuedOriginal, RegisterEntry
    from documents.output.original import issue_original
    from documents.workflow.review import _stale_rendering_goes

    _world, page = flagged
    original = issue_original(page)
    RegisterEntry.objects.filter(document=page).update(archived_import=False)
    assert _stale_rendering_goes(page) == ""
    assert IssuedOriginal.objects.get(document=page).sha256 == original.sha256


def test_a_corrected_import_moves_to_its_new_address_and_the_old_one_still_leads_there(client, flagged):
    """The import derived its address from the notation and trích yếu it read: they are corrected, so is the
    address; a link made before still leads to the document, for readers who may see it and no one else."""
    from documents.models import Visibility
    from documents.sharing import share

    world, page = flagged
    old_url, old_slug = page.url, page.slug
    assert old_slug.startswith("1-qc-bcd-")
    client.force_login(world.users["vanthu"])
    response = client.post(_url(page), _form(page, number="5", title="Quy chế làm việc (đã đối chiếu)"))
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = DocumentPage.objects.get(pk=page.pk).specific
    assert page.slug == "5-qc-bcd-quy-che-lam-viec-da-doi-chieu" and page.url != old_url
    assert page.get_latest_revision_as_object().slug == page.slug  # a later publish keeps it
    client.logout()
    assert client.get(page.url).status_code == 200
    moved = client.get(old_url + "?ban=in")
    assert moved.status_code == 302 and moved["Location"] == page.url + "?ban=in"
    assert client.get(old_url.rstrip("/")).status_code in (301, 302)  # without the slash, as typed

    DocumentPage.objects.filter(pk=page.pk).update(visibility=Visibility.RESTRICTED)
    assert client.get(old_url).status_code == 404  # says nothing of a document the reader may not see
    client.force_login(world.users["thanhvien"])
    assert client.get(old_url).status_code == 404
    share(page, world.users["vanthu"], user_ids=[world.users["thanhvien"].pk])
    assert client.get(old_url)["Location"] == page.url


def test_a_review_that_leaves_notation_and_title_keeps_the_address(client, flagged):
    from documents.models import FormerAddress

    world, page = flagged
    slug = page.slug
    client.force_login(world.users["vanthu"])
    assert client.post(_url(page), _form(page, signer_name="Trần Văn Bình")).status_code == 302
    assert DocumentPage.objects.get(pk=page.pk).slug == slug and not FormerAddress.objects.exists()


def test_the_review_form_suggests_the_issuers_known_signers(client, flagged):
    """Typing the signer, the clerk is offered the names and titles on the issuer's reviewed documents and its
    leaders (a <datalist>); a name still awaiting review is not offered."""
    world, page = flagged
    DocumentPage.objects.filter(pk=page.pk).update(signer_name="Trần Văn Bìhn")  # as misread
    other = draft_document(world, "Quy chế khác", with_file=False)  # drafted here, signed as the paper says
    DocumentPage.objects.filter(pk=other.pk).update(signer_name="Trần Văn Bình", signer_position="PHÓ TRƯỞNG BAN")
    leader = world.users["lanhdao"]
    leader.first_name, leader.last_name = "Lê Thị", "Lan"
    leader.save()
    client.force_login(world.users["vanthu"])
    form = client.get(_url(page)).content.decode()
    assert 'list="id_signer_name-goi-y"' in form and '<datalist id="id_signer_name-goi-y">' in form
    names = form.split('<datalist id="id_signer_name-goi-y">', 1)[1].split("</datalist>", 1)[0]
    assert '<option value="Trần Văn Bình">' in names and "Bìhn" not in names
    assert '<option value="Lê Thị Lan">' in names
    assert '<option value="PHÓ TRƯỞNG BAN">' in form.split('<datalist id="id_signer_position-goi-y">', 1)[1]


def test_the_clerk_restores_the_nơi_nhận_a_scan_lost(client, flagged):
    """OCR of a scan often loses the Nơi nhận column: the review form and the API write it again, matched to the
    directory as an import matches it; an entry the directory does not know is marked for the clerk."""
    from cms.demo.distribution import ensure_directory

    world, page = flagged
    ensure_directory()
    printed = recipient_entries(page)
    assert printed and "Lưu Văn phòng Đảng ủy" in " ".join(printed)
    client.force_login(world.users["vanthu"])
    form = client.get(_url(page)).content.decode()
    assert "Nơi nhận (mỗi nơi nhận một dòng)" in form and printed[0] in form
    lines = "- Thường trực Đảng ủy (b/c);\nBan Tuyên giáo Tỉnh ủy (để biết)\nLưu VP."
    assert client.post(_url(page), _form(page, recipients=lines)).status_code == 302
    page = DocumentPage.objects.get(pk=page.pk).specific
    rows = list(page.recipients.order_by("sort_order").values_list("name", "purpose", "archive", "needs_review"))
    assert rows == [("Thường trực Đảng ủy", "b/c", False, False), ("Ban Tuyên giáo Tỉnh ủy", "để biết", False, True),
                    ("Lưu VP", "", True, False)]
    assert page.recipients.get(name="Thường trực Đảng ủy").recipient is not None  # in the directory
    assert [r.name for r in page.get_latest_revision_as_object().recipients.all()] == [r[0] for r in rows]
    assert PageLogEntry.objects.filter(page=page, action="vanban.review").latest("pk").data["changed"] == ["recipients"]
    assert "nơi nhận" in client.get(f"/admin/pages/{page.pk}/history/").content.decode()

    from tests.api_helpers import ApiCaller
    clerk = ApiCaller(world.users["vanthu"])
    url = f"/api/documents/{page.pk}/review/"
    assert clerk.get(url).json()["recipients"] == ["Thường trực Đảng ủy (b/c)", "Ban Tuyên giáo Tỉnh ủy (để biết)",
                                                   "Lưu VP"]
    assert clerk.post(url, {"title": page.title + " (sửa)"}).json()["recipients"] == recipient_entries(page)  # kept
    answer = clerk.post(url, {"recipients": ["Như Điều 3", "Lưu VP"]}).json()
    assert answer["changed"] == ["recipients"] and answer["recipients"] == ["Như Điều 3", "Lưu VP"]
    # An entry left as it was keeps its purpose, though it is none an import would read as one.
    page.recipients.filter(name="Như Điều 3").update(purpose="người nhận văn bản hạn chế")
    kept = clerk.post(url, {"recipients": ["Như Điều 3 (người nhận văn bản hạn chế)", "Lưu VP", "Thường trực Đảng ủy"]})
    assert kept.json()["changed"] == ["recipients"]
    assert list(page.recipients.order_by("sort_order").values_list("name", "purpose")) == [
        ("Như Điều 3", "người nhận văn bản hạn chế"), ("Lưu VP", ""), ("Thường trực Đảng ủy", "")]
