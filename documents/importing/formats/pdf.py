"""PDF: the text layer read with its layout (poppler's pdftotext -layout), or a scan sent to OCR.

A PDF whose pages carry (almost) no text is an image of paper: ocr.py reads it. A PDF that needs a password to
open is refused (nobody here knows the password, and we keep nothing we cannot read).
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from . import ocr
from .base import ReadError, run_tool, setting
from .layout import reading_order

MIN_LETTERS_PER_PAGE = 40  # below this on average the text layer is a scanner's stamp or empty: read the image
PDFTOTEXT_TIMEOUT = 120
PDF_NOTE = gettext_noop("đọc từ lớp chữ của tệp PDF")


def max_pages() -> int:
    return setting("DOCUMENT_MAX_PDF_PAGES", 50)


def page_count(data: bytes) -> tuple[int, list[tuple[float, float]]]:
    """Pages and their sizes in points; refuses a broken, password-protected or too long PDF."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError(_("Tệp PDF được bảo vệ bằng mật khẩu: hãy gỡ mật khẩu (hoặc in lại thành PDF) rồi nhập."))
        sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, NotImplementedError):
        raise ReadError(_("Tệp PDF hỏng hoặc không đọc được.")) from None
    if not sizes:
        raise ReadError(_("Tệp PDF không có trang nào."))
    if len(sizes) > max_pages():
        raise ReadError(_("Tệp PDF có %(pages)s trang, nhiều hơn giới hạn %(limit)s trang của một văn bản nhập.")
                        % {"pages": len(sizes), "limit": max_pages()})
    return len(sizes), sizes


@dataclass
class PdfText:
    text: str
    source_format: str  # "pdf", or "ocr" when no page had a text layer
    notes: list[str] = field(default_factory=list)  # gettext_noop msgids (reader translates)
    review: list[str] = field(default_factory=list)  # translated lines for "cần rà soát"


def read_pdf(data: bytes) -> PdfText:
    limit = max_pages()
    # The text layer first: a typed PDF (nearly every one) then needs no parse of its own here (pypdf took about as
    # long as pdftotext); a PDF poppler cannot read, or a long one, is parsed to say exactly why it is refused.
    try:
        raw = run_tool(["pdftotext", "-layout", "-enc", "UTF-8", "-l", str(limit + 1), "-", "-"], input=data,
                       timeout=PDFTOTEXT_TIMEOUT, program="poppler-utils").decode("utf-8", errors="replace")
    except ReadError:
        page_count(data)  # a password, a broken file: refused with that reason
        raise
    pages = raw.count("\f")  # poppler ends every page with a form feed
    if pages == 0 or pages > limit:
        pages, _sizes = page_count(data)  # no page, or too many: refused there
    texts = (raw.split("\f") + [""] * pages)[:pages]
    scanned = [number for number, text in enumerate(texts, start=1) if _letters(text) < MIN_LETTERS_PER_PAGE]
    if scanned and len(scanned) < pages:
        # A page among typed ones is a scan only when it draws an image: a few typed lines (the end of the Nơi nhận
        # spilling over) or nothing at all (the blank page Word often leaves last) is no scan. OCR of a blank page
        # took seconds for nothing: 6 of the 333 PDFs of `make bench-import` end with one (SQLite, 54.8 → 40.1 s).
        drawn = _drawing_images(data, scanned)
        scanned = [n for n in scanned if n in drawn]
    if scanned:
        _pages, sizes = page_count(data)  # what OCR needs: each page's size
    if len(scanned) == pages:
        return PdfText(ocr.read_pdf_scan(data, sizes), ocr.SOURCE_FORMAT, review=[_(ocr.OCR_NOTE)])
    review = []
    if scanned:  # a scanned page among typed ones (a signed last page, an annex) is read too, never dropped
        read = ocr.read_pdf_pages(data, sizes, scanned)
        for number, text in read.items():
            texts[number - 1] = text
        if read:
            review.append(_("trang %(pages)s nhận dạng từ ảnh quét (OCR), cần đối chiếu bản gốc")
                          % {"pages": ", ".join(str(n) for n in read)})
    return PdfText(reading_order("\f".join(texts), join_wrapped=True), "pdf", [PDF_NOTE], review)


def _drawing_images(data: bytes, numbers: list[int]) -> set[int]:
    """Which of these pages (1-based) draw an image: an image XObject, directly or inside a form XObject, or an
    image inline in the page's content."""
    from pypdf import PdfReader

    if not numbers:
        return set()
    reader = PdfReader(io.BytesIO(data))
    return {n for n in numbers
            if _has_image(reader.pages[n - 1].get("/Resources")) or _has_inline_image(reader.pages[n - 1])}


_INLINE_IMAGE = re.compile(rb"(?:^|\s)BI\s.*?\sID\s", re.DOTALL)  # BI <parameters> ID <data> EI


def _has_inline_image(page) -> bool:
    try:
        contents = page.get_contents()
        return contents is not None and _INLINE_IMAGE.search(contents.get_data()) is not None
    except Exception:  # a content stream pypdf cannot decode: read the page by OCR rather than lose it
        return True


def _has_image(resources, depth: int = 0) -> bool:
    resources = resources.get_object() if resources is not None else None
    objects = resources.get("/XObject") if resources is not None else None
    if objects is None or depth > 5:
        return False
    objects = objects.get_object()
    for name in objects:
        xobject = objects[name].get_object()
        subtype = xobject.get("/Subtype")
        if subtype == "/Image" or (subtype == "/Form" and _has_image(xobject.get("/Resources"), depth + 1)):
            return True
    return False


def _letters(text: str) -> int:
    return sum(1 for char in text if char.isalpha())
