"""manage.py import_documents: drafts, archive registration (--issue), every kind, .docx, legacy and NFD
input, recipients mapped to the directory, and batches where bad files are reported and create nothing."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.models import Revision

from cms.demo.documents import DEMO_DATA
from documents.importing import builder
from documents.importing.service import import_path
from documents.kinds.bao_cao import BaoCaoPage
from documents.kinds.bien_ban import BienBanPage
from documents.kinds.ke_hoach import KeHoachPage
from documents.kinds.quy_che import QuyChePage
from documents.kinds.quyet_dinh import QuyetDinhPage
from documents.models import (
    DocumentBasis,
    DocumentPage,
    DocumentRecipient,
    Issuer,
    IssuerIndexPage,
    IssuerKind,
    RegisterEntry,
    System,
)
from documents.numbering import DuplicateNumberError
from documents.serializers import document_json
from documents.signals import document_issued
from documents.text.legacy import encode_legacy
from tests import factories
from tests.factories import SEED, SEED_TEXT, SEED_TITLE, demo_file

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_documents", *args, stdout=out)
    return out.getvalue()


def run_failing(*args: str) -> tuple[str, str]:
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_documents", *args, stdout=out)
    return out.getvalue(), str(error.value)


def only_page() -> DocumentPage:
    (page,) = DocumentPage.objects.all()
    return page.specific


def nothing_created() -> bool:
    return not (DocumentPage.objects.exists() or DocumentBasis.objects.exists()
                or DocumentRecipient.objects.exists() or RegisterEntry.objects.exists())


def structure(page) -> dict:
    """Everything an import decides about a page, without ids and URLs."""
    data = document_json(page)
    for key in ("id", "url", "pdf_url", "docx_url"):
        data.pop(key)
    data["issuer"].pop("id")
    data["body"] = page.body.raw_data.get_prep_value() if hasattr(page.body.raw_data, "get_prep_value") else [
        {"type": b["type"], "value": b["value"]} for b in page.body.raw_data
    ]
    for block in data["body"]:
        block.pop("id", None)
    data["preamble"] = page.preamble
    return data


# ------------------------------------------------------------------------------------------ the seed
def test_seed_imports_as_a_draft(la_gi):
    output = run(str(SEED))
    page = only_page()
    assert output.startswith(f"OK {SEED}: 01-QC/BCĐ QUY CHẾ {SEED_TITLE} (dự thảo")
    assert isinstance(page, QuyChePage) and page.kind_slug == "quy_che"
    assert page.state == "draft" and not page.live
    assert page.number is None and page.notation == "" and page.issued_on is None
    assert page.visibility == "internal" and page.legal_status == "chua_co_hieu_luc"
    assert page.issuer == la_gi["ban_chi_dao"]
    assert page.get_parent().specific == la_gi["index_pages"][la_gi["ban_chi_dao"].slug]
    assert page.title == SEED_TITLE and page.place == "La Gi" and page.type_code == "QC"
    assert page.rule_set == "qd66_hd36"  # 05/01/2026, before Quy định 399-QĐ/TW
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 1
    assert not RegisterEntry.objects.exists()
    chapters = [block for block in page.body.raw_data]
    assert [c["type"] for c in chapters] == ["chapter"] * 4
    assert [(c["value"]["number"], c["value"]["title"]) for c in chapters] == [
        ("I", "QUY ĐỊNH CHUNG"), ("II", "QUY ĐỊNH CỤ THỂ"), ("III", "CHẾ ĐỘ LÀM VIỆC VÀ CÁC MỐI QUAN HỆ"),
        ("IV", "TỔ CHỨC THỰC HIỆN")]


def test_seed_issue_registers_the_original_number_and_date(la_gi):
    output = run(str(SEED), "--issue")
    page = only_page()
    assert output.startswith(f"OK {SEED}: 01-QC/BCĐ QUY CHẾ {SEED_TITLE} (đã ban hành")
    assert (page.number, page.notation, page.notation_key) == (1, "01-QC/BCĐ", "1-qc-bcd")
    assert page.issued_on.isoformat() == "2026-01-05"
    assert page.state == "issued" and page.legal_status == "con_hieu_luc"
    assert page.live and not page.has_unpublished_changes
    assert page.visibility == "public"
    entry = RegisterEntry.objects.get()
    assert (entry.number, entry.notation, entry.document_id, entry.archived_import) == (1, "01-QC/BCĐ", page.pk, True)
    assert entry.register.term == la_gi["term"] and entry.register.type_code == "QC"
    assert entry.keeper == "Lưu Văn phòng Đảng ủy"
    assert entry.signer == "BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO Nguyễn Quốc Nam"
    # The published revision carries the registered number too.
    assert page.get_latest_revision_as_object().notation == "01-QC/BCĐ"


def test_seed_document_json(la_gi):
    run(str(SEED), "--issue")
    page = only_page()
    data = document_json(page)
    assert data["id"] == page.pk and data["url"] == page.get_url()
    assert data["url"].startswith(f"/{la_gi['ban_chi_dao'].slug}/1-qc-bcd-")
    assert data["kind"] == "quy_che" and data["type_code"] == "QC" and data["type_name"] == "QUY CHẾ"
    assert (data["number"], data["notation"], data["issued_on"], data["place"]) == (1, "01-QC/BCĐ", "2026-01-05", "La Gi")
    assert data["issuer"] == {
        "id": la_gi["ban_chi_dao"].pk,
        "name": "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ",
        "code": "BCĐ",
        "superior": "ĐẢNG ỦY PHƯỜNG LA GI",
        "system": "party",
    }
    assert data["title"] == SEED_TITLE
    assert len(data["bases"]) == 4
    assert data["bases"][0].startswith("Căn cứ Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị")
    assert data["bases"][3].endswith("đổi mới sáng tạo và chuyển đổi số;")
    assert not any(b.startswith("-") for b in data["bases"])
    assert data["signer"] == {"authority": "", "position": "BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO", "name": "Nguyễn Quốc Nam"}
    assert len(data["recipients"]) == 11
    assert data["recipients"][0] == {"name": "Văn phòng Tỉnh ủy", "purpose": "", "archive": False}
    assert data["recipients"][9] == {
        "name": "Thành viên Ban chỉ đạo (theo QĐ số 105-QĐ/ĐU)", "purpose": "", "archive": False}
    assert data["recipients"][10] == {"name": "Lưu Văn phòng Đảng ủy", "purpose": "", "archive": True}
    assert [r["archive"] for r in data["recipients"]].count(True) == 1
    assert (data["status"], data["visibility"], data["state"]) == ("con_hieu_luc", "public", "issued")
    assert data["relations"] == [] and data["attachments"] == []


def test_issue_does_not_mail_recipients_but_queues_indexing(la_gi, monkeypatch):
    import search.queue

    issued, queued = [], []
    real_enqueue = search.queue.enqueue_document

    def record(page_id, action="index"):
        queued.append((page_id, action))
        real_enqueue(page_id, action)

    def on_issued(sender, **kwargs):
        issued.append(kwargs)

    monkeypatch.setattr(search.queue, "enqueue_document", record)
    document_issued.connect(on_issued, weak=False)
    try:
        run(str(SEED), "--issue")
    finally:
        document_issued.disconnect(on_issued)
    assert issued == []
    assert (only_page().pk, "index") in queued


def test_duplicate_number_is_refused_and_creates_nothing(la_gi, tmp_path):
    run(str(SEED), "--issue")
    # The same file again is already in (issue 12: re-running imports nothing twice)...
    assert run(str(SEED), "--issue").startswith(f"ĐÃ CÓ {SEED}: 01-QC/BCĐ QUY CHẾ")
    # ...while another document under the same number (another date) is refused: one number, one entry.
    clash = tmp_path / "trung-so.txt"
    clash.write_text(SEED_TEXT.replace("ngày 05 tháng 01", "ngày 07 tháng 01"), encoding="utf-8")
    output, error = run_failing(str(clash), "--issue")
    assert output.startswith(f"LỖI {clash}: Số 01-QC/BCĐ của BAN CHỈ ĐẠO")
    assert "đã có trong sổ" in output
    assert "1/1 tệp" in error
    assert DocumentPage.objects.count() == 1 and RegisterEntry.objects.count() == 1
    # The same number as a draft is fine: drafts are not numbered.
    run(str(clash))
    assert DocumentPage.objects.count() == 2


def test_a_failure_after_the_page_was_created_rolls_everything_back(la_gi, monkeypatch):
    # Another clerk registers the same number between the check and the registration.
    saved_before_the_race = []

    def racing_register(page, *args, **kwargs):
        saved_before_the_race.append(DocumentPage.objects.filter(pk=page.pk).exists())
        raise DuplicateNumberError("Số 01-QC/BCĐ của Ban Chỉ đạo đã có trong sổ; không đăng ký trùng số.")

    monkeypatch.setattr(builder, "register_existing", racing_register)
    output, _error = run_failing(str(SEED), "--issue")
    assert saved_before_the_race == [True]  # the page and its rows were written, so there is something to undo
    assert "LỖI" in output and "đã có trong sổ" in output
    assert nothing_created()
    assert not Revision.objects.exists()


def test_party_issue_needs_a_term_which_the_administrator_declares_in_the_admin(la_gi, client):
    """The refusal says where to declare the term; declared there (Cài đặt → Nhiệm kỳ), the same file imports.
    A term overlapping another of the same committee, or ending before it starts, is refused in Vietnamese."""
    term = la_gi["term"]
    issuer, starts_on = term.issuer, term.starts_on
    term.delete()
    output, _error = run_failing(str(SEED), "--issue")
    assert "Chưa khai báo nhiệm kỳ" in output and "Cài đặt → Nhiệm kỳ" in output
    assert nothing_created()

    client.force_login(factories.create_user("quantri", superuser=True))
    url = "/admin/snippets/documents/term/add/"
    assert client.get(url).status_code == 200
    backwards = client.post(url, {"issuer": issuer.pk, "name": "2025–2030", "starts_on": starts_on.isoformat(),
                                  "ends_on": "2020-01-01"})
    assert backwards.status_code == 200 and "Ngày kết thúc phải sau ngày bắt đầu." in backwards.content.decode()
    declared = client.post(url, {"issuer": issuer.pk, "name": "2025–2030", "starts_on": starts_on.isoformat(),
                                 "ends_on": ""})
    assert declared.status_code == 302 and issuer.terms.count() == 1
    overlapping = client.post(url, {"issuer": issuer.pk, "name": "2020–2025", "starts_on": "2020-10-01",
                                    "ends_on": starts_on.replace(year=starts_on.year + 1).isoformat()})
    assert "Trùng thời gian với nhiệm kỳ 2025–2030 của cấp ủy này." in overlapping.content.decode()
    assert issuer.terms.count() == 1
    run(str(SEED), "--issue")
    assert only_page().is_registered


def test_options_visibility_user_and_forced_issuer(la_gi):
    clerk = factories.create_user("vanthu")
    run(str(SEED), "--issue", "--visibility", "restricted", "--user", "vanthu", "--issuer", la_gi["ban_chi_dao"].slug)
    page = only_page()
    assert page.visibility == "restricted"
    assert page.owner == clerk
    assert page.get_latest_revision().user == clerk
    assert RegisterEntry.objects.get().registered_by == clerk


def test_unknown_user_or_issuer_stops_before_importing(la_gi):
    with pytest.raises(CommandError, match="Không có người dùng"):
        call_command("import_documents", str(SEED), "--user", "khongco", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Không có cơ quan ban hành"):
        call_command("import_documents", str(SEED), "--issuer", "khong-co", stdout=io.StringIO())
    assert nothing_created()


# ------------------------------------------------------------------------------------------ issuers
def test_unknown_issuer_is_reported_not_invented(db, tmp_path):
    factories.create_site()
    path = tmp_path / "seed.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    output, _error = run_failing(str(path))
    assert output == (
        f"LỖI {path}: Không tìm thấy cơ quan ban hành “BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO "
        "VÀ CHUYỂN ĐỔI SỐ” (cấp trên: ĐẢNG ỦY PHƯỜNG LA GI) trong danh mục; hãy khai báo cơ quan đó, hoặc chỉ rõ "
        "cơ quan ban hành khi nhập.\n"
    )
    assert not Issuer.objects.exists() and nothing_created()


def test_issuer_found_by_code_and_superior_when_the_name_differs(la_gi, tmp_path):
    path = tmp_path / "viet-tat.txt"
    path.write_text(SEED_TEXT.replace(
        "BAN CHỈ ĐẠO PHÁT TRIỂN\nKHOA HỌC, CÔNG NGHỆ,\nĐỔI MỚI SÁNG TẠO VÀ\nCHUYỂN ĐỔI SỐ", "BAN CHỈ ĐẠO KHCN, ĐMST VÀ CĐS"
    ), encoding="utf-8")
    run(str(path))
    assert only_page().issuer == la_gi["ban_chi_dao"]


def test_same_code_under_another_superior_is_not_taken(la_gi, tmp_path):
    # The only "BCĐ" left is the province's steering committee: same code, another superior.
    Issuer.objects.filter(pk=la_gi["ban_chi_dao"].pk).update(
        name="Ban chỉ đạo chuyển đổi số tỉnh", superior=None, superior_name="TỈNH ỦY LÂM ĐỒNG")
    output, _error = run_failing(str(SEED))
    assert "Không tìm thấy cơ quan ban hành" in output
    assert nothing_created()
    # Without a printed superior, a unique code is enough.
    path = tmp_path / "khong-cap-tren.txt"
    path.write_text(SEED_TEXT.replace("**ĐẢNG ỦY PHƯỜNG LA GI\n", "**"), encoding="utf-8")
    run(str(path))
    assert only_page().issuer == la_gi["ban_chi_dao"]


def test_forced_issuer_by_ambiguous_code_asks_for_the_slug(la_gi):
    Issuer.objects.create(name="Ban chỉ đạo khác", code="BCĐ", place_name="La Gi", system=System.PARTY,
                          kind=IssuerKind.BAN_CHI_DAO, slug="bcd-khac", superior=la_gi["dang_uy"])
    with pytest.raises(CommandError, match="nhiều cơ quan.*--issuer <slug>"):
        call_command("import_documents", str(SEED), "--issuer", "BCD", stdout=io.StringIO())


def test_issuer_without_index_page_is_reported(la_gi):
    IssuerIndexPage.objects.filter(issuer=la_gi["ban_chi_dao"]).delete()
    output, _error = run_failing(str(SEED))
    assert "chưa có trang mục văn bản" in output
    assert nothing_created()


# ------------------------------------------------------------------------------------------ recipients
def test_recipients_are_mapped_to_the_directory_by_folded_name(la_gi):
    directory = factories.create_la_gi_recipients()
    run(str(SEED))
    rows = list(only_page().recipients.all())
    assert [r.sort_order for r in rows] == list(range(11))
    by_name = {r.name: r for r in rows}
    assert by_name["Văn phòng Tỉnh ủy"].recipient == directory["Văn phòng Tỉnh ủy"]
    assert by_name["Các đồng chí Đảng ủy viên"].recipient == directory["Các đồng chí Đảng ủy viên"]
    mapped = {r.name for r in rows if r.recipient_id}
    assert mapped == set(directory)
    assert all(not r.needs_review for r in rows if r.recipient_id)
    assert all(r.needs_review for r in rows if not r.recipient_id and not r.archive)
    archive = by_name["Lưu Văn phòng Đảng ủy"]
    assert archive.archive and not archive.needs_review


def test_recipient_with_a_bracketed_reference_matches_its_class(la_gi):
    from documents.models import Recipient, RecipientKind

    members = Recipient.objects.create(name="Thành viên Ban chỉ đạo", kind=RecipientKind.CLASS)
    run(str(SEED))
    row = only_page().recipients.get(name="Thành viên Ban chỉ đạo (theo QĐ số 105-QĐ/ĐU)")
    assert row.recipient == members and not row.needs_review


def test_directory_match_ignores_marks_case_and_old_tone_placement(la_gi, tmp_path):
    factories.create_la_gi_recipients()
    path = tmp_path / "seed.txt"
    path.write_text(SEED_TEXT.replace("- Văn phòng Tỉnh ủy,", "- VĂN PHÒNG TỈNH UỶ (để báo cáo);"), encoding="utf-8")
    run(str(path))
    first = only_page().recipients.order_by("sort_order").first()
    assert (first.name, first.purpose) == ("VĂN PHÒNG TỈNH ỦY", "để báo cáo")
    assert first.recipient.name == "Văn phòng Tỉnh ủy" and not first.needs_review


# ------------------------------------------------------------------------------------------ other kinds
def test_every_demonstration_document_imports_as_issued(la_gi):
    output = run(str(DEMO_DATA), "--issue")
    lines = output.strip().split("\n")
    names = sorted(p.name for p in DEMO_DATA.glob("*.txt"))
    assert len(lines) == len(names) + 1 and lines[-1] == f"Đã nhập {len(names)} tệp."
    assert all(line.startswith("OK ") for line in lines[:-1])

    decision = QuyetDinhPage.objects.get()
    assert (decision.notation, decision.issuer) == ("112-QĐ/ĐU", la_gi["dang_uy"])
    assert decision.decider == "BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG LA GI"
    assert decision.proposal == "Xét đề nghị của Văn phòng Đảng ủy,"
    assert (decision.signer_authority, decision.signer_authority_body) == ("T/M", "BAN THƯỜNG VỤ")
    assert decision.signer_authority_line == "T/M BAN THƯỜNG VỤ"
    assert [b["type"] for b in decision.body.raw_data] == ["article"] * 3
    points = decision.body.raw_data[1]["value"]["clauses"][1]["points"]
    assert [p["letter"] for p in points] == ["a", "b", "c"]

    plans = {p.issuer.code: p for p in KeHoachPage.objects.all()}
    party_plan, state_plan = plans["BCĐ"], plans["UBND"]
    assert party_plan.notation == "02-KH/BCĐ"
    assert [b["type"] for b in party_plan.body.raw_data] == ["section", "section", "task_table", "section"]
    table = party_plan.body.raw_data[2]["value"]
    assert table["title"] == "Bảng phân công nhiệm vụ năm 2026" and len(table["rows"]) == 4
    assert table["rows"][1] == {"task": "Tập huấn kỹ năng số cho cán bộ, đảng viên", "lead_unit": "Văn phòng Đảng ủy",
                                "cooperating_units": "Trung tâm Chính trị phường", "deadline": "Tháng 4/2026"}
    assert (party_plan.signer_authority, party_plan.signer_name) == ("K/T", "Phạm Văn Long")

    # State: "Số: 68/KH-UBND", yearly series, TM. authority, "Lưu: VT, VP".
    assert state_plan.notation == "68/KH-UBND" and state_plan.issuer == la_gi["ubnd"]
    assert state_plan.rule_set == "nd30"
    assert document_json(state_plan)["signer"] == {
        "authority": "TM. ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH", "name": "Huỳnh Văn Thành"}
    assert state_plan.register_entry.register.year == 2026
    assert list(state_plan.recipients.values_list("name", "archive"))[-1] == ("Lưu: VT, VP", True)

    report = BaoCaoPage.objects.get()
    assert report.notation == "05-BC/BCĐ"
    assert (report.period_type, report.period_index, report.period_year, report.review_kind) == ("quarter", 1, 2026, "")
    assert report.period_label == "quý I năm 2026"

    minutes = BienBanPage.objects.get()
    assert minutes.number is None and minutes.notation == "" and minutes.state == "issued" and minutes.live
    assert minutes.issued_on.isoformat() == "2026-01-15"
    start = timezone.localtime(minutes.meeting_start)
    assert (start.date().isoformat(), start.hour, start.minute) == ("2026-01-15", 14, 0)
    assert timezone.localtime(minutes.meeting_end).strftime("%H:%M") == "16:30"
    assert minutes.meeting_place == "Hội trường Đảng ủy phường La Gi"
    assert (minutes.chair, minutes.chair_position, minutes.secretary) == (
        "Nguyễn Quốc Nam", "Bí thư Đảng ủy, Trưởng Ban Chỉ đạo", "Trần Thị Hoa")
    assert (minutes.present_count, minutes.expected_count) == (12, 15)
    assert minutes.absentees.startswith("03 đồng chí")
    assert minutes.conclusions.startswith("Đồng chí Chủ trì kết luận:")
    assert (minutes.signer_position, minutes.signer_name) == ("CHỦ TRÌ", "Nguyễn Quốc Nam")
    assert minutes.recipients.count() == 0


def test_demonstration_documents_import_as_drafts_too(la_gi):
    run(str(demo_file("bao-cao-")), str(demo_file("bien-ban-")))
    assert set(DocumentPage.objects.values_list("state", "live", "number")) == {("draft", False, None)}


# ------------------------------------------------------------------------------------------ input forms
def _seed_docx(path: Path) -> None:
    """The seed as a Word file laid out like the original: header and signature in two-column tables."""
    lines = [line.replace("**", "") for line in SEED_TEXT.split("\n")]
    header_end = lines.index("QUY CHẾ")
    recipients_at = lines.index("Nơi nhận:")
    signature_at = lines.index("BÍ THƯ")
    issuer_block = [line for line in lines[:header_end] if line and "ĐẢNG CỘNG SẢN" not in line and ", ngày" not in line]
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "\n".join([*issuer_block[:-1], "*", issuer_block[-1]])
    table.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    table.cell(0, 1).add_paragraph("La Gi, ngày 05 tháng 01 năm 2026")
    for line in lines[header_end:recipients_at]:
        if line.strip():  # Word has no empty paragraphs between paragraphs
            document.add_paragraph(line)
    tail = document.add_table(rows=1, cols=2)
    left, right = tail.cell(0, 0), tail.cell(0, 1)
    left.text = "Nơi nhận:"
    for line in lines[recipients_at + 1:signature_at]:
        if line.strip():
            left.add_paragraph(line)
    right.text = "BÍ THƯ"
    for line in lines[signature_at + 1:]:
        if line.strip():
            right.add_paragraph(line)
    document.save(path)


def test_docx_import_matches_the_text_import(la_gi, tmp_path):
    path = tmp_path / "quy-che.docx"
    _seed_docx(path)
    output = run(str(path), "--issue")
    assert output.startswith(f"OK {path}: 01-QC/BCĐ")
    page = only_page()
    from_docx = structure(page)
    # The Word file is kept as the document's original: the same structure, plus the file as it came.
    assert [(a["title"], a["url"].rsplit("/", 1)[1]) for a in from_docx.pop("attachments")] == [("Bản gốc", "quy-che.docx")]
    assert page.attachments.get().document.file.read() == path.read_bytes()
    DocumentPage.objects.all().delete()
    RegisterEntry.objects.all().delete()
    run(str(SEED), "--issue")
    from_text = structure(only_page())
    assert from_text.pop("attachments") == []  # a text copy is its text: nothing kept beside it
    assert from_docx == from_text


def test_nfd_file_imports_identically(la_gi, tmp_path):
    path = tmp_path / "nfd.txt"
    path.write_bytes(unicodedata.normalize("NFD", SEED_TEXT).encode("utf-8"))
    run(str(path), "--issue")
    page = only_page()
    from_nfd = structure(page)
    assert unicodedata.is_normalized("NFC", page.title)
    assert all(unicodedata.is_normalized("NFC", r.name) for r in page.recipients.all())
    page.delete()
    RegisterEntry.objects.all().delete()
    run(str(SEED), "--issue")
    assert from_nfd == structure(only_page())


def test_tcvn3_file_is_converted_and_reported(la_gi, tmp_path):
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(encode_legacy(SEED_TEXT, "tcvn3").encode("cp1252"))
    output = run(str(path), "--issue")
    assert output.startswith(f"OK {path}: 01-QC/BCĐ QUY CHẾ {SEED_TITLE} (đã ban hành; đã chuyển từ TCVN3")
    data = document_json(only_page())
    assert data["issuer"]["code"] == "BCĐ" and data["notation"] == "01-QC/BCĐ"
    assert data["signer"]["position"] == "BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO"
    assert [r["name"] for r in data["recipients"]][-1] == "Lưu Văn phòng Đảng ủy"
    chapters = only_page().body.raw_data
    assert [c["value"]["title"] for c in chapters][1:] == [
        "QUY ĐỊNH CỤ THỂ", "CHẾ ĐỘ LÀM VIỆC VÀ CÁC MỐI QUAN HỆ", "TỔ CHỨC THỰC HIỆN"]
    assert sum(len(c["value"]["articles"]) for c in chapters) == 11


# ------------------------------------------------------------------------------------------ bad input
def test_batch_reports_every_file_and_fails_without_creating_bad_ones(la_gi, tmp_path, settings):
    files = {
        "1-tot.txt": SEED_TEXT.encode("utf-8"),
        "2-rong.txt": b"",
        "3-nhi-phan.txt": bytes(range(256)) * 8,
        "4-khong-ro-loai.txt": "Ghi chú cuộc gọi\nGọi lại cho anh Nam.\n".encode(),
        "5-mat.txt": SEED_TEXT.replace("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM\nTỐI MẬT").encode(),
        "6-la.txt": SEED_TEXT.replace("BAN CHỈ ĐẠO PHÁT TRIỂN", "BAN TUYÊN GIÁO VÀ DÂN VẬN").replace(
            "01 -QC/BCĐ", "01 -QC/BTGDV").encode(),
        "7-bang-ma-la.txt": b"Caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade " * 5,
        "8-qua-lon.txt": SEED_TEXT.encode("utf-8") + b"\n" * 40_000,
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 30_000
    output, error = run_failing(str(tmp_path))
    lines = output.strip().split("\n")
    assert len(lines) == len(files)
    verdicts = {Path(line.split(" ", 1)[1].split(":", 1)[0]).name: line for line in lines}
    assert verdicts["1-tot.txt"].startswith("OK ")
    reasons = {
        "2-rong.txt": "Tệp rỗng.",
        "3-nhi-phan.txt": "Tệp nhị phân",
        "4-khong-ro-loai.txt": "Không nhận ra loại văn bản",
        "5-mat.txt": "độ mật “TỐI MẬT”",
        "6-la.txt": "Không tìm thấy cơ quan ban hành “BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "7-bang-ma-la.txt": "không nhận dạng được bảng mã",
        "8-qua-lon.txt": "Tệp quá lớn",
    }
    for name, reason in reasons.items():
        assert verdicts[name].startswith(f"LỖI {tmp_path / name}: "), verdicts[name]
        assert reason in verdicts[name], verdicts[name]
    assert error == "7/8 tệp không nhập được."
    assert "Traceback" not in output
    assert DocumentPage.objects.count() == 1 and only_page().title == SEED_TITLE


def test_draft_mark_cannot_be_issued(la_gi, tmp_path):
    path = tmp_path / "du-thao.txt"
    path.write_text(SEED_TEXT.replace("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM\nDỰ THẢO"), encoding="utf-8")
    output, _error = run_failing(str(path), "--issue")
    assert "DỰ THẢO" in output and nothing_created()
    run(str(path))
    assert only_page().state == "draft"


def test_missing_file_is_reported(la_gi, tmp_path):
    output, _error = run_failing(str(tmp_path / "khong-co.txt"))
    assert output == f"LỖI {tmp_path / 'khong-co.txt'}: Không tìm thấy tệp.\n"


def test_command_exits_non_zero_without_a_traceback(tmp_path):
    """The real process: exit status 1, the reason on stdout, a one-line CommandError on stderr."""
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "settings.test",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}"}
    done = subprocess.run([sys.executable, "manage.py", "import_documents", str(empty)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stdout == f"LỖI {empty}: Tệp rỗng.\n"
    assert done.stderr.strip() == "CommandError: 1/1 tệp không nhập được."
    assert "Traceback" not in done.stderr


def test_import_path_service_for_other_callers(la_gi):
    result = import_path(SEED, issue=True)
    assert result.page.notation == "01-QC/BCĐ" and result.label.startswith("01-QC/BCĐ QUY CHẾ hoạt động")
    assert result.parsed.number == 1 and result.notes == []


def test_issue_needs_the_printed_number_and_date(la_gi, tmp_path):
    no_number = tmp_path / "khong-so.txt"
    no_number.write_text(SEED_TEXT.replace("Số 01 -QC/BCĐ", ""), encoding="utf-8")
    no_date = tmp_path / "khong-ngay.txt"
    no_date.write_text(SEED_TEXT.replace("La Gi, ngày 05 tháng 01 năm 2026", "La Gi, ngày   tháng   năm 2026"),
                       encoding="utf-8")
    output, error = run_failing(str(no_number), str(no_date), "--issue")
    assert "Không đọc được số văn bản" in output and "Không đọc được ngày ban hành" in output
    assert output.count("để lưu thành dự thảo cần rà soát") == 2  # what to do instead
    assert error == "2/2 tệp không nhập được." and nothing_created()


def test_issue_refuses_a_date_after_today(la_gi, tmp_path):
    """A misread year (a scan's 2026 read as 2926) is never registered and published."""
    misread = tmp_path / "nam-sai.txt"
    misread.write_text(SEED_TEXT.replace("ngày 05 tháng 01 năm 2026", "ngày 05 tháng 01 năm 2926"), encoding="utf-8")
    output, error = run_failing(str(misread), "--issue")
    assert "Ngày ban hành đọc được (05/01/2926) ở sau hôm nay" in output
    assert error == "1/1 tệp không nhập được." and nothing_created()
    run(str(misread))  # as a draft it is kept, to be checked by hand
    assert not only_page().live


def test_overlong_summary_is_cut_with_a_note(la_gi, tmp_path):
    path = tmp_path / "dai.txt"
    path.write_text(SEED_TEXT.replace("đổi mới sáng tạo và chuyển đổi số phường La Gi**",
                                      "đổi mới sáng tạo và chuyển đổi số phường La Gi " + "rất dài " * 40 + "**"),
                    encoding="utf-8")
    output = run(str(path))
    page = only_page()
    assert len(page.title) <= 255 and page.title.endswith("…")
    assert "Trích yếu dài hơn 255 ký tự đã được cắt bớt." in output
