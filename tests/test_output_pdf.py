"""The PDF of every demonstration document (the seed and one of each kind, Party and State), issue 11 item 1.

A4, fonts embedded, page numbers per the rule set, text word for word in reading order, nothing outside the text
area (pages rendered with pdftoppm), the signature block never alone on a page; drafts carry DỰ THẢO.
"""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from documents.output.pdf import render, render_pdf
from tests import output_support as out
from tests.permission_setup import build_world, make_document

DEMO = out.DEMO
A4 = (595.28, 841.89)



@pytest.mark.parametrize("name", sorted(DEMO))
def test_pdf_is_official_a4_embedded_numbered_and_word_for_word(demo_issued, name):
    page = demo_issued(name)
    data = render_pdf(page)
    reader = PdfReader(io.BytesIO(data))
    for sheet in reader.pages:
        assert (round(float(sheet.mediabox.width), 1), round(float(sheet.mediabox.height), 1)) == (595.3, 841.9)
    used = out.fonts(data)
    assert used and all(used.values()), used
    assert all("Liberation" in name for name in used), used  # the Times New Roman-metric font, not a fallback
    # Page numbers: none on page 1, the number alone centred in the top margin from page 2.
    assert out.top_margin_text(data, 1) == ""
    for number in range(2, len(reader.pages) + 1):
        assert out.top_margin_text(data, number) == str(number)
    assert out.pdf_words(data) == out.document_words(page)


@pytest.mark.parametrize("name", sorted(DEMO))
def test_pdf_pages_have_no_ink_outside_the_text_area(demo_issued, name):
    page = demo_issued(name)
    data = render_pdf(page)
    images = out.page_images(data, out.REPORTS / "pages" / name.removesuffix(".txt"))
    assert images
    for image in images:
        # margins 30 mm left, 15 mm right, 20 mm bottom (Nghị định 30, Hướng dẫn 36)
        assert out.ink_outside(image, 30, 15, 20) == [], image.name


def test_state_plan_table_fits_the_page(demo_issued):
    """The kế hoạch 68/KH-UBND used to be clipped at the right edge when printed."""
    page = demo_issued("nha-nuoc-ke-hoach-68-KH-UBND-chinh-quyen-so-2026.txt")
    data = render_pdf(page)
    text = " ".join(out.pdf_words(data))
    assert "Cập nhật dữ liệu dân cư, đất đai" in text and "Quý II/2026" in text
    out.page_images(data, out.REPORTS / "ke-hoach-68-KH-UBND", dpi=80)
    out.page_images(render_pdf(demo_issued("quy-che-01-QC-BCD-la-gi-2026.txt")), out.REPORTS / "quy-che-01-QC-BCD", dpi=80)


def test_signature_block_keeps_the_last_lines_of_the_body(demo_issued):
    """A short quyết định must not leave its signature and Nơi nhận alone on the last page."""
    for name in DEMO:
        page = demo_issued(name)
        rendered = render(page)
        last = out.pdf_pages_text(rendered.content)[rendered.signature_place.page_index]
        before_signature = last.split("Nơi nhận")[0] if "Nơi nhận" in last else last
        words = [w for w in before_signature.split() if not w.isdigit()]
        assert len(words) >= 8, (name, before_signature)


def test_draft_pdf_carries_the_draft_mark_and_an_issued_one_does_not(db):
    world = build_world()
    draft = make_document(world, "internal", "draft")
    issued = make_document(world, "internal", "issued")
    assert "DỰ THẢO" in " ".join(out.pdf_words(render_pdf(draft)))
    assert "DỰ THẢO" not in " ".join(out.pdf_words(render_pdf(issued)))


def test_pdf_has_document_metadata(demo_issued):
    page = demo_issued("quy-che-01-QC-BCD-la-gi-2026.txt")
    meta = PdfReader(io.BytesIO(render_pdf(page))).metadata
    assert "01-QC/BCĐ" in meta.title and page.issuer.name in (meta.author or "")


def test_imported_original_prints_its_recipients_as_written(demo_issued):
    """The seed writes "- Thường trực Đảng ủy;" among commas: the issued original prints it as signed."""
    from documents.distribution.render import recipient_lines

    page = demo_issued("quy-che-01-QC-BCD-la-gi-2026.txt")
    written = [line.strip() for line in DEMO["quy-che-01-QC-BCD-la-gi-2026.txt"].read_text(encoding="utf-8")
               .split("Nơi nhận:")[1].split("\n\n", 2)[1].splitlines() if line.strip()]
    assert "- Thường trực Đảng ủy;" in written
    assert recipient_lines(page) == written
    assert "- Thường trực Đảng ủy;" in " ".join(out.pdf_words(render_pdf(page)))
