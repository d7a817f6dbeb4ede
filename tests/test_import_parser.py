"""documents/importing: reading bytes and parsing the text of official documents. No database.

The seed quy chế must come out exactly as issue 2 lists; the demonstration documents (one per kind and a
State one, cms/demo/data/) must come out with their kind-specific structure.
"""
from __future__ import annotations

import dataclasses
import datetime
import unicodedata

import pytest

from documents.importing.parser import ParseError, detect_period, parse_document
from documents.importing.reader import ReadError, read_bytes, restore_capitals
from documents.importing.tree import Article, Chapter, Paragraph, Section, TaskTable
from documents.text.legacy import encode_legacy
from documents.text.vietnamese import fold
from tests import factories
from tests.factories import SEED_TEXT, SEED_TITLE, demo_file

SEED_BASES = [
    "Căn cứ Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, "
    "đổi mới sáng tạo và chuyển đổi số quốc gia;",
    "Căn cứ Quy chế làm việc số 01-QC/BCĐ, ngày 30/9/2025 của Ban Chỉ đạo về phát triển khoa học công nghệ, "
    "đổi mới sáng tạo và chuyển đổi số Tỉnh ủy Lâm Đồng;",
    "Căn cứ Quy chế làm việc số 01-QC/ĐU, ngày 01/7/2025 của Ban Chấp hành Đảng bộ phường La Gi khóa I, "
    "nhiệm kỳ 2025-2030.",
    "Căn cứ Quyết định số 105-QĐ/ĐU, ngày 23/12/2025 của Ban Thường vụ Đảng ủy về thành lập Ban Chỉ đạo phường "
    "La Gi về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số;",
]
SEED_PREAMBLE = ("Ban Chỉ đạo ban hành Quy chế hoạt động của Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới "
                 "sáng tạo và chuyển đổi số phường La Gi, như sau:")
SEED_CHAPTERS = [
    ("I", "QUY ĐỊNH CHUNG", ["1", "2", "3", "4"]),
    ("II", "QUY ĐỊNH CỤ THỂ", ["5", "6", "7"]),
    ("III", "CHẾ ĐỘ LÀM VIỆC VÀ CÁC MỐI QUAN HỆ", ["8", "9", "10"]),
    ("IV", "TỔ CHỨC THỰC HIỆN", ["11"]),
]
SEED_ARTICLES = {  # number: (title, number of khoản)
    "1": ("Chức năng", 0),
    "2": ("Nhiệm vụ", 4),
    "3": ("Nguyên tắc hoạt động", 3),
    "4": ("Cơ cấu tổ chức của Ban Chỉ đạo", 2),
    "5": ("Trách nhiệm, quyền hạn của Ban Chỉ đạo", 5),
    "6": ("Trách nhiệm của thành viên Ban Chỉ đạo", 3),
    "7": ("Trách nhiệm của cơ quan thường trực Ban Chỉ đạo", 4),
    "8": ("Chế độ làm việc của Ban Chỉ đạo", 4),
    "9": ("Mối quan hệ công tác", 3),
    "10": ("Kinh phí hoạt động", 0),
    "11": ("Điều khoản thi hành", 2),
}
SEED_RECIPIENTS = [*factories.SEED_RECIPIENTS, f"Lưu {factories.SEED_ARCHIVE}"]


def demo(name_start: str) -> str:
    return demo_file(name_start).read_text(encoding="utf-8")


def articles(doc) -> list[Article]:
    found = []
    for item in doc.body:
        if isinstance(item, Chapter):
            found.extend(item.articles)
        elif isinstance(item, Article):
            found.append(item)
    return found


# ------------------------------------------------------------------------------------------ the seed
@pytest.fixture(scope="module")
def seed():
    return parse_document(SEED_TEXT)


def test_seed_header(seed):
    assert seed.kind == "quy_che"
    assert seed.type_name == "QUY CHẾ"
    assert seed.system == "party"
    assert seed.heading == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert seed.superior == "ĐẢNG ỦY PHƯỜNG LA GI"
    assert seed.issuer_name == "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ"
    assert seed.notation is not None
    assert (seed.notation.number, seed.notation.type_code, seed.notation.issuer_code) == (1, "QC", "BCĐ")
    assert seed.notation.key == "1-qc-bcd"
    assert seed.number == 1
    assert seed.place == "La Gi"
    assert seed.date == datetime.date(2026, 1, 5)
    assert seed.urgency == "" and not seed.draft_mark


def test_seed_title_is_one_line_without_emphasis_marks(seed):
    assert seed.title == SEED_TITLE
    assert "**" not in seed.title and "\n" not in seed.title


def test_seed_bases_and_preamble(seed):
    assert seed.bases == SEED_BASES
    assert seed.preamble == SEED_PREAMBLE
    assert seed.decider == "" and seed.proposal == ""


def test_seed_chapters_in_their_messy_forms(seed):
    # "**Chương I\nQUY ĐỊNH CHUNG**", "Chương II QUY ĐỊNH CỤ THỂ", "Chương III\n\nCHẾ ĐỘ …", "Chương IV **TỔ CHỨC …**"
    assert all(isinstance(item, Chapter) for item in seed.body)
    got = [(c.number, c.title, [a.number for a in c.articles]) for c in seed.body]
    assert got == SEED_CHAPTERS


def test_seed_articles_and_clauses(seed):
    found = {a.number: (a.title, len(a.clauses)) for a in articles(seed)}
    assert found == SEED_ARTICLES
    by_number = {a.number: a for a in articles(seed)}
    assert [c.number for c in by_number["2"].clauses] == ["1", "2", "3", "4"]
    assert by_number["2"].clauses[2].text == "Thực hiện chế độ thông tin, báo cáo định kỳ, đột xuất theo yêu cầu của Tỉnh ủy."
    # The continuation paragraph of Điều 3 khoản 1 stays in khoản 1.
    assert by_number["3"].clauses[0].text == (
        "Ban Chỉ đạo hoạt động theo nguyên tắc tập thể lãnh đạo, cá nhân phụ trách.\n"
        "Các thành viên Ban Chỉ đạo làm việc theo chế độ kiêm nhiệm và chịu trách nhiệm trước đồng chí Trưởng ban "
        "về lĩnh vực mình được phân công theo dõi, phụ trách."
    )
    assert by_number["3"].clauses[1].text.startswith("Ban Chỉ đạo làm việc theo chương trình")
    # Điều 10: no khoản, only text.
    assert by_number["10"].clauses == []
    assert by_number["10"].text.startswith("Kinh phí hoạt động của Ban Chỉ đạo do ngân sách phường cân đối")
    assert by_number["1"].text.endswith("(sau đây viết tắt là Nghị quyết 57-NQ/TW).")
    assert by_number["11"].clauses[1].text.endswith("quyết định sửa đổi, bổ sung cho phù hợp.")
    assert not any(p.points for a in articles(seed) for p in a.clauses)


def test_seed_recipients(seed):
    assert [r.name for r in seed.recipients] == SEED_RECIPIENTS
    assert [r.archive for r in seed.recipients] == [False] * 10 + [True]
    # "(theo QĐ số 105-QĐ/ĐU)" is part of the name, not a purpose.
    assert all(r.purpose == "" for r in seed.recipients)


def test_seed_signer_signs_directly(seed):
    assert len(seed.signatures) == 1
    signer = seed.signer
    assert signer.authority == "" and signer.authority_body == ""
    assert signer.position == "BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO"
    assert signer.name == "Nguyễn Quốc Nam"
    assert seed.warnings == []


def test_nfd_input_parses_identically(seed):
    nfd = unicodedata.normalize("NFD", SEED_TEXT)
    assert nfd != SEED_TEXT
    assert parse_document(nfd) == seed


def test_old_tone_placement_is_normalised(seed):
    old_style = SEED_TEXT.replace("Đảng ủy", "Đảng uỷ").replace("hóa", "hoá")
    assert parse_document(old_style) == seed


def test_windows_line_endings(seed):
    assert parse_document(SEED_TEXT.replace("\n", "\r\n")) == seed


# ------------------------------------------------------------------------------------------ legacy bytes
def test_tcvn3_bytes_give_the_same_structure(seed):
    data = encode_legacy(SEED_TEXT, "tcvn3").encode("cp1252")
    read = read_bytes(data, "quy-che.txt")
    assert read.converted_from == "tcvn3"
    assert read.notes == ["đã chuyển từ TCVN3"]
    doc = parse_document(read.text)
    # Structure and headings are exact (capitals restored); running text may keep a lower-case "ủy"
    # where TCVN3 lost a sentence-internal toned capital, so it is compared folded.
    assert (doc.kind, doc.notation, doc.date, doc.place, doc.title) == (
        seed.kind, seed.notation, seed.date, seed.place, seed.title)
    assert (doc.superior, doc.issuer_name) == (seed.superior, seed.issuer_name)
    assert [(c.number, c.title) for c in doc.body] == [(c.number, c.title) for c in seed.body]
    assert {a.number: (a.title, len(a.clauses)) for a in articles(doc)} == SEED_ARTICLES
    assert fold(str(doc.body)) == fold(str(seed.body))
    assert doc.bases == seed.bases and doc.preamble == seed.preamble
    assert doc.recipients == seed.recipients
    assert doc.signer == seed.signer


def test_vni_bytes_give_the_identical_document(seed):
    read = read_bytes(encode_legacy(SEED_TEXT, "vni").encode("cp1252"), "quy-che.txt")
    assert read.notes == ["đã chuyển từ VNI"]
    assert parse_document(read.text) == seed


def test_restore_capitals_only_touches_what_tcvn3_lowered():
    assert restore_capitals("Chương II QUY ĐịNH Cụ THể") == "Chương II QUY ĐỊNH CỤ THỂ"
    assert restore_capitals("Bí THƯ") == "BÍ THƯ"
    assert restore_capitals("số 57-NQ/TW ở các cơ quan") == "số 57-NQ/TW ở các cơ quan"
    assert restore_capitals("\nủy ban nhân dân phường. ý kiến") == "\nỦy ban nhân dân phường. Ý kiến"
    assert restore_capitals("a) ủy quyền") == "a) ủy quyền"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "Tệp rỗng"),
        (b"   \n\n  ", "Tệp rỗng"),
        (b"\x00\x01\x02\x03binary\x00\xff" * 50, "nhị phân"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".doc"),
        (b"Caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade", "không nhận dạng được bảng mã"),
        (b"PK\x03\x04 not really a zip", ".docx"),
    ],
)
def test_unreadable_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(ReadError) as error:
        read_bytes(data, "x.txt")
    assert reason in str(error.value)


def test_oversized_bytes_are_refused():
    with pytest.raises(ReadError, match="quá lớn"):
        read_bytes(SEED_TEXT.encode(), "seed.txt", max_bytes=1000)


# ------------------------------------------------------------------------------------------ other kinds
def test_party_decision():
    doc = parse_document(demo("quyet-dinh-"))
    assert doc.kind == "quyet_dinh" and doc.system == "party"
    assert (doc.superior, doc.issuer_name) == ("ĐẢNG BỘ TỈNH LÂM ĐỒNG", "ĐẢNG ỦY PHƯỜNG LA GI")
    assert doc.notation_text == "112-QĐ/ĐU" and doc.number == 112
    assert doc.date == datetime.date(2026, 1, 12)
    assert doc.title.startswith("về việc thành lập Tổ giúp việc Ban Chỉ đạo") and doc.title.endswith("phường La Gi")
    assert doc.decider == "BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG LA GI"
    assert len(doc.bases) == 4 and doc.bases[0] == "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"
    assert doc.proposal == "Xét đề nghị của Văn phòng Đảng ủy,"
    assert doc.preamble == ""
    found = articles(doc)
    assert [a.number for a in found] == ["1", "2", "3"]
    assert all(isinstance(item, Article) for item in doc.body)  # "QUYẾT ĐỊNH:" then Điều directly
    assert found[0].title == "" and found[0].text.endswith("gồm các đồng chí có tên sau:")
    assert len(found[0].clauses) == 4
    assert found[1].title == "Nhiệm vụ của Tổ giúp việc"
    assert [p.letter for p in found[1].clauses[1].points] == ["a", "b", "c"]
    assert found[1].clauses[1].points[2].text == "báo cáo đột xuất khi có yêu cầu."
    assert found[2].text.endswith("Quyết định có hiệu lực kể từ ngày ký./.")
    signer = doc.signer
    assert (signer.authority, signer.authority_body, signer.position, signer.name) == (
        "T/M", "BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Quốc Nam")
    assert [(r.name, r.purpose, r.archive) for r in doc.recipients] == [
        ("Ban Chỉ đạo Tỉnh ủy", "để báo cáo", False),
        ("Thường trực Đảng ủy", "b/c", False),
        ("Như Điều 3", "", False),
        ("Lưu Văn phòng Đảng ủy", "", True),
    ]


def test_party_plan_with_sections_and_task_table():
    doc = parse_document(demo("ke-hoach-"))
    assert doc.kind == "ke_hoach" and doc.notation_text == "02-KH/BCĐ"
    assert doc.title == ("triển khai nhiệm vụ phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
                         "phường La Gi năm 2026")
    assert len(doc.bases) == 2
    assert doc.preamble == "Ban Chỉ đạo xây dựng Kế hoạch triển khai nhiệm vụ năm 2026, như sau:"
    kinds = [type(item).__name__ for item in doc.body]
    assert kinds == ["Section", "Section", "TaskTable", "Section"]
    sections = [item for item in doc.body if isinstance(item, Section)]
    assert [(s.number, s.title) for s in sections] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU"), ("II", "NỘI DUNG, NHIỆM VỤ"), ("III", "TỔ CHỨC THỰC HIỆN")]
    assert [(s.number, s.title) for s in sections[0].subsections] == [("1", "Mục đích"), ("2", "Yêu cầu")]
    assert sections[1].subsections[0].text.count("\n") == 2  # three "- " lines
    table = doc.body[2]
    assert isinstance(table, TaskTable)
    assert table.title == "Bảng phân công nhiệm vụ năm 2026"
    assert len(table.rows) == 4
    first = table.rows[0]
    assert (first.task, first.lead_unit, first.cooperating_units, first.deadline) == (
        "Triển khai phần mềm quản lý văn bản và điều hành của Đảng ủy phường", "Văn phòng Đảng ủy",
        "Các chi bộ trực thuộc", "Quý I/2026")
    assert table.rows[3].lead_unit == "Mặt trận Tổ quốc phường"
    signer = doc.signer
    assert (signer.authority, signer.authority_body, signer.position, signer.name) == (
        "K/T", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC", "Phạm Văn Long")
    assert doc.recipients[3].purpose == "để thực hiện"


def test_report_period_from_title():
    doc = parse_document(demo("bao-cao-"))
    assert doc.kind == "bao_cao" and doc.number == 5
    assert doc.title == "Kết quả thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị quý I năm 2026"
    assert (doc.period.period_type, doc.period.index, doc.period.year, doc.period.review_kind) == ("quarter", 1, 2026, "")
    assert doc.preamble.startswith("Thực hiện Quy chế số 01-QC/BCĐ") and doc.bases == []
    assert [s.number for s in doc.body] == ["I", "II", "III"]
    assert doc.body[2].title == "NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2026"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Sơ kết 6 tháng đầu năm 2026 thực hiện Nghị quyết số 57-NQ/TW", ("half", 1, 2026, "so_ket")),
        ("Tổng kết công tác năm 2025 và phương hướng năm 2026", ("year", None, 2026, "tong_ket")),
        ("Kết quả công tác tháng 3 năm 2026", ("month", 3, 2026, "")),
        ("Kết quả thực hiện quý IV năm 2025", ("quarter", 4, 2025, "")),
        ("Tình hình 6 tháng cuối năm 2025", ("half", 2, 2025, "")),
        ("Báo cáo đột xuất về sự cố mạng", ("ad_hoc", None, 2026, "")),
    ],
)
def test_detect_period_variants(title, expected):
    period = detect_period(title, datetime.date(2026, 4, 1))
    assert (period.period_type, period.index, period.year, period.review_kind) == expected


def test_minutes_meeting_fields_and_two_signatures():
    doc = parse_document(demo("bien-ban-"))
    assert doc.kind == "bien_ban" and doc.notation is None  # unnumbered
    assert doc.date == datetime.date(2026, 1, 15)
    meeting = doc.meeting
    assert meeting.start == datetime.datetime(2026, 1, 15, 14, 0)
    assert meeting.end == datetime.datetime(2026, 1, 15, 16, 30)
    assert meeting.place == "Hội trường Đảng ủy phường La Gi"
    assert (meeting.chair, meeting.chair_position) == ("Nguyễn Quốc Nam", "Bí thư Đảng ủy, Trưởng Ban Chỉ đạo")
    assert meeting.secretary == "Trần Thị Hoa"
    assert (meeting.present, meeting.expected) == (12, 15)
    assert meeting.absentees == "03 đồng chí (có lý do: đi công tác, nghỉ phép)"
    assert meeting.conclusions.startswith("Đồng chí Chủ trì kết luận:\n1. Thống nhất thông qua dự thảo Kế hoạch")
    assert "KẾT LUẬN" not in [s.title for s in doc.body]
    assert [s.title for s in doc.body] == ["THÀNH PHẦN THAM DỰ", "NỘI DUNG CUỘC HỌP"]
    assert doc.preamble.startswith("Vào hồi 14 giờ 00, ngày 15 tháng 01 năm 2026")
    assert [(s.position, s.name) for s in doc.signatures] == [("THƯ KÝ", "Trần Thị Hoa"), ("CHỦ TRÌ", "Nguyễn Quốc Nam")]
    assert doc.signer.name == "Nguyễn Quốc Nam"
    assert doc.recipients == []


def test_minutes_signatures_one_after_the_other():
    text = demo("bien-ban-")
    start = text.index("THƯ KÝ  ")
    sequential = text[:start] + "THƯ KÝ\n\nTrần Thị Hoa\n\nCHỦ TRÌ\n\n(Đã ký)\n\nNguyễn Quốc Nam\n"
    doc = parse_document(sequential)
    assert [(s.position, s.name) for s in doc.signatures] == [("THƯ KÝ", "Trần Thị Hoa"), ("CHỦ TRÌ", "Nguyễn Quốc Nam")]
    assert doc.meeting.secretary == "Trần Thị Hoa"


def test_state_document_in_two_columns():
    doc = parse_document(demo("nha-nuoc-"))
    assert doc.system == "state" and doc.heading == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert (doc.superior, doc.issuer_name) == ("", "ỦY BAN NHÂN DÂN PHƯỜNG LA GI")
    assert doc.notation_text == "68/KH-UBND"
    assert (doc.notation.number, doc.notation.type_code, doc.notation.issuer_code) == (68, "KH", "UBND")
    assert (doc.place, doc.date) == ("La Gi", datetime.date(2026, 1, 22))
    assert doc.title == "Chuyển đổi số, phát triển chính quyền số phường La Gi năm 2026"
    assert len(doc.bases) == 3 and doc.bases[1].startswith("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020")
    signer = doc.signer
    assert (signer.authority, signer.authority_body, signer.position, signer.name) == (
        "TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Huỳnh Văn Thành")
    assert [r.name for r in doc.recipients][:2] == ["UBND tỉnh Lâm Đồng", "Sở Khoa học và Công nghệ tỉnh"]
    assert [r.purpose for r in doc.recipients][:3] == ["để báo cáo", "b/c", "b/c"]
    assert (doc.recipients[-1].name, doc.recipients[-1].archive) == ("Lưu: VT, VP", True)
    assert sum(r.archive for r in doc.recipients) == 1
    table = next(item for item in doc.body if isinstance(item, TaskTable))
    assert len(table.rows) == 3 and table.rows[2].deadline == "Quý II/2026"


def test_number_glued_to_so_is_read_and_tells_the_system():
    # "Số:68/KH-UBND" without a space; with the national heading gone, only the notation says "State".
    text = demo("nha-nuoc-").replace("Số: 68/KH-UBND", "Số:68/KH-UBND")
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"):
        assert line in text
        text = text.replace(line, "")
    doc = parse_document(text)
    assert doc.heading == ""
    assert doc.notation_text == "68/KH-UBND" and doc.notation.key == "68-kh-ubnd"
    assert doc.system == "state"


def test_state_signature_before_recipients_in_one_column():
    text = (
        "ỦY BAN NHÂN DÂN\nPHƯỜNG LA GI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 15/QĐ-UBND\nLa Gi, ngày 03 tháng 02 năm 2026\n\nQUYẾT ĐỊNH\nVề việc giao nhiệm vụ số hóa hồ sơ\n\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LA GI\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\n"
        "Xét đề nghị của Chánh Văn phòng HĐND và UBND phường.\n\nQUYẾT ĐỊNH:\n\n"
        "Điều 1. Giao Văn phòng HĐND và UBND phường chủ trì số hóa hồ sơ lưu trữ năm 2025.\n\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n\n"
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nĐỗ Thị Lan\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n"
    )
    doc = parse_document(text)
    assert doc.kind == "quyet_dinh" and doc.system == "state"
    assert doc.decider == "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LA GI"
    assert doc.proposal == "Xét đề nghị của Chánh Văn phòng HĐND và UBND phường."
    assert [a.number for a in articles(doc)] == ["1", "2"]
    assert articles(doc)[1].text == "Quyết định này có hiệu lực kể từ ngày ký./."
    signer = doc.signer
    assert (signer.authority, signer.authority_body, signer.position, signer.name) == (
        "KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đỗ Thị Lan")
    assert [(r.name, r.archive) for r in doc.recipients] == [("Như Điều 2", False), ("Lưu: VT", True)]


def test_points_and_text_outside_articles():
    text = SEED_TEXT.replace(
        "4. Thực hiện các nhiệm vụ khác",
        "4. Các nhiệm vụ cụ thể:\n\na) Chỉ đạo số hóa;\n\nb) Kiểm tra, đôn đốc.\n\nTiếp theo điểm b.\n\n5. Thực hiện các nhiệm vụ khác",
    )
    article = {a.number: a for a in articles(parse_document(text))}["2"]
    assert [c.number for c in article.clauses] == ["1", "2", "3", "4", "5"]
    assert [(p.letter, p.text) for p in article.clauses[3].points] == [
        ("a", "Chỉ đạo số hóa;"), ("b", "Kiểm tra, đôn đốc.\nTiếp theo điểm b.")]


def test_hard_wrapped_lines_are_joined():
    text = SEED_TEXT.replace("Điều 10. Kinh phí hoạt động\n\nKinh phí hoạt động của Ban Chỉ đạo do ngân sách phường cân đối,",
                             "Điều 10. Kinh phí hoạt động\n\nKinh phí hoạt động của Ban Chỉ đạo do ngân sách\nphường cân đối,")
    article = {a.number: a for a in articles(parse_document(text))}["10"]
    assert article.text.startswith("Kinh phí hoạt động của Ban Chỉ đạo do ngân sách phường cân đối,")


# ------------------------------------------------------------------------------------------ refusals
@pytest.mark.parametrize("mark", ["MẬT", "TỐI MẬT", "TUYỆT MẬT", "Mật", "Độ mật: Tối mật"])
def test_secret_documents_are_refused(mark):
    text = SEED_TEXT.replace("ĐẢNG CỘNG SẢN VIỆT NAM", f"ĐẢNG CỘNG SẢN VIỆT NAM\n\n{mark}")
    with pytest.raises(ParseError, match="độ mật"):
        parse_document(text)


def test_text_without_a_type_name_is_refused():
    with pytest.raises(ParseError, match="Không nhận ra loại văn bản"):
        parse_document(SEED_TEXT.replace("\nQUY CHẾ\n", "\n"))
    with pytest.raises(ParseError, match="Không nhận ra loại văn bản"):
        parse_document("Danh sách mua sắm\n- bút\n- giấy\n")


def test_unsupported_type_names_are_named():
    with pytest.raises(ParseError, match="THÔNG BÁO.*chưa được hỗ trợ"):
        parse_document(SEED_TEXT.replace("\nQUY CHẾ\n", "\nTHÔNG BÁO\n"))


def test_empty_text_and_missing_summary():
    with pytest.raises(ParseError, match="không có nội dung"):
        parse_document(" \n \n")
    with pytest.raises(ParseError, match="trích yếu"):
        parse_document("ĐẢNG ỦY PHƯỜNG LA GI\nQUY CHẾ\n\n- Căn cứ Điều lệ Đảng;\n")


def test_parsed_tree_is_plain_data(seed):
    # Django-free: the tree converts to plain dicts/lists (what the builder stores as StreamField data).
    data = dataclasses.asdict(seed)
    assert data["body"][0]["articles"][0]["title"] == "Chức năng"
    assert isinstance(seed.body[0], Chapter) and not isinstance(seed.body[0], Paragraph)
