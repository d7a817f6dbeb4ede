"""The DOCX (issue 11 item 3): official page setup and styles, and it imports back through the project's own
importer to the same structure; LibreOffice (headless) converts it to a PDF with the same text."""
from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.shared import Pt

from documents.importing.builder import kind_specs, resolve_issuer
from documents.importing.parser import parse_document
from documents.importing.reader import read_bytes, read_path
from documents.importing.service import import_bytes
from documents.output.docx import render_docx
from tests import output_support as out
from tests.permission_setup import build_world, make_document

DEMO = out.DEMO
STRUCTURE = ("kind", "type_name", "title", "system", "issuer_name", "place", "date", "bases", "proposal",
             "preamble", "body", "signatures", "recipients", "meeting", "period", "decider", "attached_note")



@pytest.mark.parametrize("name", sorted(DEMO))
def test_docx_imports_back_to_the_same_structure(demo_issued, name):
    page = demo_issued(name)
    original = parse_document(read_path(DEMO[name]).text, kind_specs())
    again = parse_document(read_bytes(render_docx(page), "van-ban.docx").text, kind_specs())
    for field in STRUCTURE:
        assert getattr(again, field) == getattr(original, field), field
    assert (again.notation.key if again.notation else None) == (original.notation.key if original.notation else None)
    assert resolve_issuer(again) == page.issuer


def test_docx_import_command_creates_the_same_document(demo_issued):
    page = demo_issued("quy-che-01-QC-BCD-la-gi-2026.txt")
    result = import_bytes(render_docx(page), "01-QC-BCD.docx")  # as a draft: the number is taken in the register
    copy = result.page.specific
    assert (result.parsed.number, result.parsed.date, copy.title, copy.issuer) == (
        page.number, page.issued_on, page.title, page.issuer)
    assert [b.text for b in copy.bases.all()] == [b.text for b in page.bases.all()]
    assert [(r.name, r.archive) for r in copy.recipients.all()] == [(r.name, r.archive) for r in page.recipients.all()]
    assert (copy.signer_position, copy.signer_name) == (page.signer_position, page.signer_name)


def test_docx_page_setup_styles_and_numbers(demo_issued):
    page = demo_issued("nha-nuoc-ke-hoach-68-KH-UBND-chinh-quyen-so-2026.txt")
    document = Document(io.BytesIO(render_docx(page)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [20, 20, 30, 15]
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml and "PAGE" not in section.first_page_header._element.xml
    header, *_ = document.tables
    assert "w:tblBorders" not in header._tbl.xml or 'w:val="none"' in header._tbl.xml  # borderless layout table
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    title = next(p for p in document.paragraphs if p.text == "KẾ HOẠCH")
    assert title.runs[0].bold and title.runs[0].font.size == Pt(16)
    assert "w:numPr" not in document.element.xml  # Điều/khoản are plain paragraphs, no Word numbering


def test_draft_docx_says_du_thao_in_the_first_page_header(db):
    world = build_world()
    draft = make_document(world, "internal", "draft")
    document = Document(io.BytesIO(render_docx(draft)))
    assert document.sections[0].first_page_header.paragraphs[0].text == "DỰ THẢO"
    issued = make_document(world, "internal", "issued")
    assert Document(io.BytesIO(render_docx(issued))).sections[0].first_page_header.paragraphs[0].text == ""


@pytest.mark.parametrize("name", ["quy-che-01-QC-BCD-la-gi-2026.txt",
                                  "nha-nuoc-ke-hoach-68-KH-UBND-chinh-quyen-so-2026.txt"])
def test_libreoffice_converts_the_docx_to_a_pdf_with_the_same_text(demo_issued, name, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: deploy/install-output-deps.sh installs libreoffice-writer-nogui"
    page = demo_issued(name)
    source = tmp_path / "van-ban.docx"
    source.write_bytes(render_docx(page))
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    converted = (tmp_path / "van-ban.pdf").read_bytes()

    def words(items: list[str]) -> list[str]:
        return re.sub(r"(\w[-/]) ", r"\1", " ".join(items)).split()

    assert words(out.pdf_words(converted)) == words(out.document_words(page))
