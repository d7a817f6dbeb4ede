"""Issue 12: past documents in the formats offices hold. A text PDF (the project's own output and LibreOffice's), a
scanned PDF, a phone photo, a Word 97-2003 .doc and an OpenDocument .odt of real documents are imported with their
kind, number, date and issuer, found by search (OCR text included) and kept as the original file; an encrypted PDF,
an image of noise and a decompression bomb are refused with a Vietnamese reason and create nothing.

The fixtures (tests/fixtures/import/) are made by tests/fixtures/import/make_fixtures.py. These tests run
poppler-utils, Tesseract (tesseract-ocr, tesseract-ocr-vie) and LibreOffice for real: deploy/install-output-deps.sh
installs them, and a missing one fails the test with the package to install.
"""
from __future__ import annotations

import datetime
import io
import shutil
import struct
import uuid
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image
from wagtail.documents import get_document_model

from documents.importing.formats.columns import untangle
from documents.importing.formats.layout import reading_order
from documents.importing.formats.ocr import Word, layout_text, skew_angle
from documents.importing.reader import SUPPORTED_SUFFIXES
from documents.importing.sources import WALKABLE_SUFFIXES as SUFFIXES
from documents.models import DocumentPage
from tests.permission_setup import build_world

# Reading formats (OCR, layout) does not depend on the engine; tests/test_import_saving.py covers the storing.
pytestmark = pytest.mark.sqlite_pass

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
OCR_REVIEW = "văn bản nhận dạng từ ảnh quét (OCR), cần đối chiếu bản gốc"
QD = ("quyet_dinh", 7, "07/QĐ-UBND", datetime.date(2026, 1, 12), "UBND")
KH = ("ke_hoach", 5, "05-KH/ĐU", datetime.date(2026, 3, 10), "ĐU")

# file → (kind, number, notation, date, issuer code), source format, a body-only phrase to search for
CASES = {
    "qd-07-ubnd.pdf": (QD, "pdf", "thanh vien"),  # WeasyPrint: the project's official PDF
    "kh-05-du.pdf": (KH, "pdf", "so hoa van ban"),  # LibreOffice from the project's DOCX
    "qd-07-ubnd-scan.pdf": (QD, "ocr", "thanh vien"),  # image-only PDF: a flatbed scan
    "kh-05-du-phone.jpg": (KH, "ocr", "so hoa van ban"),  # a phone photo, turned and unevenly lit
    "kh-05-du.doc": (KH, "doc", "so hoa van ban"),
    "qd-07-ubnd.odt": (QD, "odt", "thanh vien"),
}


def import_file(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("import_documents", str(path), *args, stdout=out)
    return out.getvalue()


def refused(path: Path) -> str:
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_documents", str(path), "--issue", stdout=out)
    return out.getvalue()


def nothing_created() -> bool:
    return not DocumentPage.objects.exists() and not get_document_model().objects.exists()


@pytest.mark.parametrize("name", list(CASES))
def test_a_real_document_in_each_format_is_imported_found_and_kept(name, la_gi, tmp_path, client):
    from search.queue import process_queue

    (kind, number, notation, date, issuer), source_format, phrase = CASES[name]
    path = tmp_path / name
    shutil.copy(FIXTURES / name, path)
    output = import_file(path, "--issue")
    assert output.startswith(f"OK {path}: {notation} "), output

    page = DocumentPage.objects.get().specific
    assert (page.kind_slug, page.number, page.notation, page.issued_on, page.issuer.code) == (
        kind, number, notation, date, issuer)
    assert page.state == "issued" and page.source_format == source_format
    (attachment,) = page.attachments.all()  # the file as it came, nothing of it lost
    with attachment.document.file.open("rb") as kept:
        assert kept.read() == (FIXTURES / name).read_bytes()
    if source_format == "ocr":
        assert page.review_notes.split("\n")[0] == OCR_REVIEW and page.needs_review
        assert attachment.caption == "Bản gốc (ảnh quét)" and f"cần rà soát: {OCR_REVIEW}" in output
    else:
        assert OCR_REVIEW not in page.review_notes and attachment.caption == "Bản gốc"

    process_queue()
    found = client.get("/api/search/", {"q": phrase}, HTTP_HOST="localhost").json()
    assert [r["id"] for r in found["results"]] == [page.pk], found
    assert client.get("/api/search/", {"q": "khong co trong van ban nay"}, HTTP_HOST="localhost").json()["count"] == 0


def test_a_password_protected_pdf_is_refused_and_creates_nothing(la_gi, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(FIXTURES / "qd-07-ubnd.pdf"))
    writer.encrypt(user_password="matkhau", owner_password="chu-so-huu", algorithm="AES-256")
    path = tmp_path / "co-mat-khau.pdf"
    with path.open("wb") as out:
        writer.write(out)
    output = refused(path)
    assert output.startswith(f"LỖI {path}: Tệp PDF được bảo vệ bằng mật khẩu"), output
    assert nothing_created()


def test_an_image_of_noise_is_refused_as_unreadable(la_gi, tmp_path):
    path = tmp_path / "nhieu.png"
    Image.effect_noise((1240, 1754), 120).save(path)
    output = refused(path)
    assert output.startswith(f"LỖI {path}: Không nhận dạng được chữ trong ảnh"), output
    assert nothing_created()


def _bomb_png(width: int, height: int) -> bytes:
    """A 1-bit white PNG of width × height, a few tens of kilobytes on disk (written row by row, never held)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    packer = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_a_decompression_bomb_is_refused_before_it_is_decoded(la_gi, tmp_path):
    path = tmp_path / "bom.png"
    path.write_bytes(_bomb_png(20000, 20000))
    assert path.stat().st_size < 200_000
    output = refused(path)
    assert output.startswith(f"LỖI {path}: Ảnh quá lớn (hơn 60,000,000 điểm ảnh)"), output
    assert nothing_created()


def test_too_many_pages_are_refused(la_gi, tmp_path, settings):
    from pypdf import PdfReader, PdfWriter

    settings.DOCUMENT_MAX_PDF_PAGES = 1
    writer = PdfWriter()
    for _copy in range(2):
        writer.add_page(PdfReader(FIXTURES / "kh-05-du.pdf").pages[0])
    path = tmp_path / "dai.pdf"
    with path.open("wb") as out:
        writer.write(out)
    output = refused(path)
    assert output.startswith(f"LỖI {path}: Tệp PDF có 2 trang, nhiều hơn giới hạn 1 trang"), output
    assert nothing_created()


def test_the_command_and_the_uploads_accept_every_supported_format():
    assert SUFFIXES == SUPPORTED_SUFFIXES
    assert {".pdf", ".doc", ".odt", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".docx", ".txt"} == set(SUFFIXES)


@pytest.mark.django_db
def test_the_editor_starts_a_draft_from_a_pdf(client):
    world = build_world()
    client.force_login(world.users["soanthao"])
    url = f"/admin/van-ban/nhap-tep/{world.bcd_index.pk}/"
    assert 'accept=".txt,.docx,.doc,.odt,.pdf,.jpg,.jpeg,.png,.tif,.tiff"' in client.get(url).content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("ke-hoach.pdf", (FIXTURES / "kh-05-du.pdf").read_bytes())})
    page = DocumentPage.objects.get().specific
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert (page.kind_slug, page.source_format, page.issuer_id) == ("ke_hoach", "pdf", world.bcd.pk)
    assert page.attachments.get().document.file.name.endswith(".pdf")


def test_the_kept_original_is_not_read_again_for_the_search_record(la_gi, tmp_path, monkeypatch):
    """Its words are the document's body already: the search record names it by its caption only."""
    from documents import attachment_text as module
    from documents.indexed import indexed_document

    path = tmp_path / "qd-07-ubnd.pdf"
    shutil.copy(FIXTURES / "qd-07-ubnd.pdf", path)
    import_file(path, "--issue")
    page = DocumentPage.objects.get().specific
    (attachment,) = page.attachments.all()
    assert attachment.is_original
    opened: list[str] = []
    monkeypatch.setattr(module, "file_text", lambda name, data: opened.append(name) or "chữ của tệp")
    record = indexed_document(page)
    assert opened == [] and record["attachments"] == "Bản gốc"
    assert "thành viên" in record["body"].lower()  # the words are searchable from the body
    attachment.is_original = False  # an attachment added by a person is read as before
    attachment.save()
    page = DocumentPage.objects.get().specific
    assert "chữ của tệp" in indexed_document(page)["attachments"] and len(opened) == 1


def test_a_five_page_official_pdf_reads_as_the_text_it_was_made_from(la_gi, tmp_path):
    from documents.importing.parser import parse_document
    from documents.importing.reader import read_path
    from tests.factories import SEED_TEXT

    read = read_path(FIXTURES / "qc-01-bcd.pdf")
    from_pdf, from_text = parse_document(read.text, tolerant=True), parse_document(SEED_TEXT, tolerant=True)
    for part in ("kind", "number", "date", "place", "title", "bases", "preamble", "body", "signatures", "recipients",
                 "review"):
        assert getattr(from_pdf, part) == getattr(from_text, part), part
    assert from_pdf.notation.key == from_text.notation.key == "1-qc-bcd"  # the seed writes "01 -QC/BCĐ"
    assert len(from_pdf.body) == 4 and not from_pdf.review  # four chapters, nothing to review

    path = tmp_path / "qc-01-bcd.pdf"
    shutil.copy(FIXTURES / "qc-01-bcd.pdf", path)
    import_file(path, "--issue")
    page = DocumentPage.objects.get().specific
    assert (page.kind_slug, page.notation, page.issued_on, page.issuer.code, page.source_format) == (
        "quy_che", "01-QC/BCĐ", datetime.date(2026, 1, 5), "BCĐ", "pdf")


# ------------------------------------------------------------------------------------------ the parts
def test_lines_broken_by_the_page_width_are_joined_and_paragraphs_kept():
    text = (
        "      1. Ban Chỉ đạo được thành lập theo Quyết định số 105-QĐ/ĐU, ngày\n"
        "23/12/2025 về việc thành lập Ban Chỉ đạo, thực hiện Nghị quyết số 57-\n"
        "NQ/TW của Bộ Chính trị và các tổ chức chính trị - xã hội phường, các chi\n"
        "- xã hội phường.\n"
        "      2. Ban Chỉ đạo xem xét quyết định thành lập Tổ giúp việc theo quy định của\n"
        "      Điều 5. Nhiệm vụ\n"
    )
    assert reading_order(text, join_wrapped=True).split("\n") == [
        "1. Ban Chỉ đạo được thành lập theo Quyết định số 105-QĐ/ĐU, ngày 23/12/2025 về việc thành lập Ban Chỉ "
        "đạo, thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị và các tổ chức chính trị - xã hội phường, các chi "
        "- xã hội phường.",
        "2. Ban Chỉ đạo xem xét quyết định thành lập Tổ giúp việc theo quy định của",
        "Điều 5. Nhiệm vụ",
        "",
    ]
    assert reading_order(text).split("\n")[:2] == [  # OCR rows: not joined (their margins are approximate)
        "1. Ban Chỉ đạo được thành lập theo Quyết định số 105-QĐ/ĐU, ngày",
        "23/12/2025 về việc thành lập Ban Chỉ đạo, thực hiện Nghị quyết số 57-",
    ]


def test_a_wrapped_recipient_line_is_one_line_again():
    text = (
        "Nơi nhận:                                               BÍ THƯ\n"
        "- Mặt trận và các tổ chức chính trị - xã hội                kiêm\n"
        "  phường,                                         TRƯỞNG BAN CHỈ ĐẠO\n"
        "- Thành viên Ban chỉ đạo (theo QĐ số 105-QĐ/\n"
        "  ĐU),                                                Nguyễn Quốc Nam\n"
        "- Lưu Văn phòng Đảng ủy.\n"
    )
    assert [line for line in reading_order(text).split("\n") if line] == [
        "Nơi nhận:", "- Mặt trận và các tổ chức chính trị - xã hội phường,",
        "- Thành viên Ban chỉ đạo (theo QĐ số 105-QĐ/ĐU),", "- Lưu Văn phòng Đảng ủy.",
        "BÍ THƯ", "kiêm", "TRƯỞNG BAN CHỈ ĐẠO", "Nguyễn Quốc Nam",
    ]


def test_two_header_columns_are_read_left_block_then_right_block():
    text = (
        "   ĐẢNG BỘ TỈNH LÂM ĐỒNG          ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "   ĐẢNG ỦY PHƯỜNG LA GI\n"
        "            *               La Gi, ngày 10 tháng 03 năm 2026\n"
        "      Số 05-KH/ĐU\n"
        "\n"
        "                          KẾ HOẠCH\n"
        "  triển khai thực hiện chuyển đổi số trong các cơ quan của Ban Chấp hành\n"
        "Nơi nhận:                                      T/M BAN THƯỜNG VỤ\n"
        "- Các chi bộ trực thuộc,                           PHÓ BÍ THƯ\n"
        "- Lưu Văn phòng Đảng ủy.\n"
        "\n"
        "                                                  Trần Văn Bình\n"
    )
    lines = [line.strip() for line in untangle(text).split("\n") if line.strip()]
    assert lines == [
        "ĐẢNG BỘ TỈNH LÂM ĐỒNG", "ĐẢNG ỦY PHƯỜNG LA GI", "*", "Số 05-KH/ĐU",
        "ĐẢNG CỘNG SẢN VIỆT NAM", "La Gi, ngày 10 tháng 03 năm 2026",
        "KẾ HOẠCH", "triển khai thực hiện chuyển đổi số trong các cơ quan của Ban Chấp hành",
        "Nơi nhận:", "- Các chi bộ trực thuộc,", "- Lưu Văn phòng Đảng ủy.",
        "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Trần Văn Bình",
    ]
    body = "Điều 1. Kiện toàn Tổ công tác chuyển đổi số phường La Gi gồm 07 thành\nviên.\n"
    assert untangle(body) == body  # one column: unchanged


def test_ocr_words_on_one_row_in_two_columns_are_laid_out_apart():
    def word(text, left, top, line):
        return Word(text, left, top, 20 * len(text), 40, line, 95.0)

    words = [word("ỦY", 100, 100, (1, 1, 1)), word("BAN", 180, 100, (1, 1, 1)),
             word("CỘNG", 1300, 102, (1, 1, 1)), word("HÒA", 1420, 102, (1, 1, 1)),
             word("PHƯỜNG", 100, 160, (1, 1, 2)), word("Độc", 1350, 161, (2, 1, 1))]
    rows = layout_text(words).split("\n")
    assert rows[0].split() == ["ỦY", "BAN", "CỘNG", "HÒA"] and "   " in rows[0].strip()
    assert rows[1].split() == ["PHƯỜNG", "Độc"]


@pytest.mark.parametrize("turn", [0.0, 2.0, -3.0])
def test_the_skew_of_a_scanned_page_is_measured(turn):
    page = Image.new("L", (1200, 1600), 255)
    stripes = Image.new("L", (900, 14), 0)
    for top in range(150, 1450, 40):  # lines of "text"
        page.paste(stripes, (150, top))
    turned = page.rotate(turn, expand=True, fillcolor=255)
    assert skew_angle(turned) == pytest.approx(-turn, abs=0.3)


def test_the_ocr_benchmark_reports_pages_per_minute():
    out = io.StringIO()
    call_command("bench_ocr", str(FIXTURES / "kh-05-du-phone.jpg"), stdout=out)
    lines = out.getvalue().strip().split("\n")
    assert lines[0].startswith(f"{FIXTURES / 'kh-05-du-phone.jpg'}: 1 trang, ") and "(ocr, " in lines[0]
    assert lines[-1].startswith("OCR: 1 trang trong ") and lines[-1].endswith(" trang/phút")


@pytest.mark.django_db
def test_an_upload_refused_for_lack_of_rights_leaves_no_stored_original(settings):
    from documents.roles import Role, grant_role
    from tests import factories
    from tests.api_helpers import ApiCaller

    world = build_world()
    outsider = factories.create_user("soanthao_ubnd")
    grant_role(outsider, world.issuers["ubnd"], Role.SOAN_THAO)  # drafts for the UBND, not for the Đảng ủy
    caller = ApiCaller(outsider)
    name = f"ke-hoach-{uuid.uuid4().hex[:8]}.pdf"
    job = caller.client.post("/api/imports/", {"files": [
        SimpleUploadedFile(name, (FIXTURES / "kh-05-du.pdf").read_bytes())]}, **caller.headers).json()
    assert job["results"][0]["status"] == "failed" and "quyền" in job["results"][0]["error"]
    assert nothing_created()
    assert not list(Path(settings.MEDIA_ROOT).rglob(f"{Path(name).stem}*"))


def test_a_photo_upside_down_is_turned_upright_before_it_is_read(la_gi, tmp_path):
    path = tmp_path / "nguoc.jpg"
    Image.open(FIXTURES / "kh-05-du-phone.jpg").rotate(180).save(path, quality=80)
    import_file(path, "--issue")
    page = DocumentPage.objects.get().specific
    assert (page.kind_slug, page.notation, page.issued_on, page.source_format) == (
        "ke_hoach", "05-KH/ĐU", datetime.date(2026, 3, 10), "ocr")


def _typed_page_then(second: Path, path: Path) -> Path:
    """A PDF of the typed plan's first page followed by the first page of ``second``, written to ``path``."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(FIXTURES / "kh-05-du.pdf").pages[0])
    writer.add_page(PdfReader(second).pages[0])
    with path.open("wb") as out:
        writer.write(out)
    return path


def test_a_scanned_page_inside_a_typed_pdf_is_read_too(la_gi, tmp_path):
    path = _typed_page_then(FIXTURES / "qd-07-ubnd-scan.pdf", tmp_path / "ke-hoach-kem-ban-quet.pdf")  # a scan behind
    import_file(path)
    page = DocumentPage.objects.get().specific
    assert (page.kind_slug, page.source_format) == ("ke_hoach", "pdf")
    assert "Kiện toàn Tổ công tác chuyển đổi số" in page.source_text  # the scanned page's text, not dropped
    assert "trang 2 nhận dạng từ ảnh quét (OCR), cần đối chiếu bản gốc" in page.review_notes.split("\n")


def test_a_typed_last_page_with_a_few_words_is_read_from_its_text_not_by_ocr(la_gi, tmp_path, monkeypatch):
    """Few letters on a page mean a scan only when the page draws an image: the end of a Nơi nhận spilling onto a
    last page is typed text (and OCR would take seconds and flag the document for review)."""
    from weasyprint import HTML

    from documents.importing.formats import ocr

    def no_ocr(*args, **kwargs):
        raise AssertionError("OCR of a typed page")

    monkeypatch.setattr(ocr, "read_pdf_pages", no_ocr)
    spill = tmp_path / "spill.pdf"
    HTML(string="<p>- Lưu VP.</p>").write_pdf(str(spill))
    path = _typed_page_then(spill, tmp_path / "ke-hoach-trang-cuoi-ngan.pdf")
    import_file(path)
    page = DocumentPage.objects.get().specific
    assert (page.kind_slug, page.source_format) == ("ke_hoach", "pdf")
    assert "Lưu VP" in page.source_text and "OCR" not in page.review_notes


def test_a_blank_last_page_is_not_sent_to_ocr(la_gi, tmp_path, monkeypatch):
    """The blank page a word processor leaves at the end has no letters and draws nothing: not a scan."""
    from pypdf import PdfReader, PdfWriter

    from documents.importing.formats import ocr

    def no_ocr(*args, **kwargs):
        raise AssertionError("OCR of a blank page")

    monkeypatch.setattr(ocr, "read_pdf_pages", no_ocr)
    writer = PdfWriter()
    writer.add_page(PdfReader(FIXTURES / "kh-05-du.pdf").pages[0])
    writer.add_blank_page()
    path = tmp_path / "ke-hoach-trang-trang.pdf"
    with path.open("wb") as out:
        writer.write(out)
    import_file(path)
    page = DocumentPage.objects.get().specific
    assert (page.kind_slug, page.source_format) == ("ke_hoach", "pdf")
    assert "OCR" not in page.review_notes


def test_a_page_drawing_an_inline_image_counts_as_drawing_one():
    """An image inline in the content stream (BI … ID … EI), as some scanners write small pages, is an image."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    from documents.importing.formats.pdf import _drawing_images

    writer = PdfWriter()
    for content in (b"q 100 0 0 100 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q", b"0 0 m 10 10 l S"):
        page = writer.add_blank_page(width=200, height=200)
        stream = DecodedStreamObject()
        stream.set_data(content)
        page[NameObject("/Contents")] = writer._add_object(stream)
    data = io.BytesIO()
    writer.write(data)
    assert _drawing_images(data.getvalue(), [1, 2]) == {1}


def test_the_benchmark_pdfs_read_as_the_text_they_were_made_from(tmp_path):
    """make bench-import's text PDFs (cms bench_import.write_pdf) give the documents their .txt gives."""
    import random

    from cms.management.commands.bench_import import generate, templates, write_pdf
    from documents.importing.parser import parse_document
    from documents.importing.reader import read_path

    rng = random.Random(3)
    for n, template in enumerate(templates()):
        text = generate(template, 700 + n, rng)
        read = read_path(write_pdf(tmp_path / f"{n}", text))
        from_pdf, from_text = parse_document(read.text, tolerant=True), parse_document(text, tolerant=True)
        assert read.source_format == "pdf" and not read.review
        for part in ("kind", "number", "date", "title"):  # signatures and Nơi nhận may mix in one column
            assert getattr(from_pdf, part) == getattr(from_text, part), (n, part)
        # … and where they did, the Nơi nhận lost is said ("cần rà soát"), nothing else.
        lost = "Không thấy mục “Nơi nhận”."
        assert [note for note in from_pdf.review if note != lost] == from_text.review, n
        assert (lost in from_pdf.review) == (not from_pdf.recipients and from_pdf.kind != "bien_ban"), n
