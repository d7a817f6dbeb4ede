"""Issue 14: decompression bombs in PDFs and images read outside the importer (attachment text for search,
verification, Wagtail images) are cut or refused with a Vietnamese note, never read whole."""
from __future__ import annotations

import io
import struct
import warnings
import zlib

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from documents.apps import limit_image_pixels
from documents.attachment_text import file_text, pdf_text


def _pdf(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def many_pages(count: int) -> bytes:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(width=200, height=200)
    return _pdf(writer)


def page_with_content(content: bytes, *, font: bool = False) -> bytes:
    """One page whose content stream is `content`, Flate-compressed (a bomb compresses a thousandfold)."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    stream = DecodedStreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
    if font:
        helvetica = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                                      NameObject("/BaseFont"): NameObject("/Helvetica")})
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): helvetica})})
    return _pdf(writer)


def test_thousands_of_pages_are_read_only_up_to_the_cap(settings, monkeypatch):
    from pypdf import PageObject

    settings.PDF_MAX_PAGES = 20
    data = many_pages(3000)
    assert len(data) < 400_000  # a small file
    calls = []
    real = PageObject.extract_text
    monkeypatch.setattr(PageObject, "extract_text", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    text = file_text("phu-luc.pdf", data)
    assert len(calls) == 20
    assert "[Chỉ đọc 20 trang đầu trong 3000 trang của tệp PDF.]" in text


def test_a_content_stream_inflating_past_the_cap_is_skipped_with_a_note(settings):
    settings.PDF_MAX_STREAM_BYTES = 1024 * 1024
    data = page_with_content(b"0 0 m\n" * 5_000_000)  # 30 MB inflated
    assert len(data) < 200_000
    text = pdf_text(data)
    assert "[Bỏ qua trang 1 của tệp PDF: nội dung giải nén quá lớn.]" in text


def test_extracted_text_is_cut_with_a_note(settings):
    settings.PDF_MAX_TEXT_CHARS = 500
    line = b"BT /F1 10 Tf 50 800 Td (" + b"Phu luc dai " * 40 + b") Tj ET\n"
    text = pdf_text(page_with_content(line * 50, font=True))
    assert "Phu luc dai" in text
    assert text.endswith("[Nội dung tệp PDF bị cắt sau 500 ký tự.]")
    assert len(text) < 600


def test_the_pypdf_limit_is_restored_for_other_readers(settings):
    from pypdf import filters

    before = filters.ZLIB_MAX_OUTPUT_LENGTH
    settings.PDF_MAX_STREAM_BYTES = 12345
    pdf_text(many_pages(1))
    assert filters.ZLIB_MAX_OUTPUT_LENGTH == before


@pytest.mark.django_db
def test_verification_answers_on_bombs_without_reading_them_whole():
    from documents.output.verify import verify_pdf

    for data in (many_pages(3000), page_with_content(b"0 0 m\n" * 5_000_000)):
        report = verify_pdf(data)
        assert not report.intact and not report.signed


# -- images ---------------------------------------------------------------------------------------------------
def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares width × height pixels (Pillow checks the size before decoding)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b"")


def test_pillow_refuses_images_past_the_configured_pixels(settings):
    from PIL import Image

    assert Image.MAX_IMAGE_PIXELS == settings.IMAGE_MAX_PIXELS
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == settings.IMAGE_MAX_PIXELS
    side = int((settings.IMAGE_MAX_PIXELS * 1.5) ** 0.5)  # between the cap and twice it: Pillow would only warn
    with warnings.catch_warnings():  # pytest resets warning filters per test: install the project's again
        limit_image_pixels()
        with pytest.raises(Image.DecompressionBombWarning):
            Image.open(io.BytesIO(png_declaring(side, side)))
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(png_declaring(100_000, 100_000)))
    Image.open(io.BytesIO(png_declaring(100, 100)))  # ordinary images still open
