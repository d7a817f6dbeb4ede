"""Text of a document's attached files for the search index, bounded against decompression bombs.

A PDF of a few kilobytes can declare thousands of pages or a content stream that inflates to gigabytes. At most
PDF_MAX_PAGES pages and PDF_MAX_TEXT_CHARS characters are read, and no stream may inflate past
PDF_MAX_STREAM_BYTES; the text then ends with a Vietnamese note saying what was left out, so a reader of the
index knows the rest of the file is not searchable. .docx and .txt go through the importer's reader
(documents/importing/reader.py), which bounds archives itself. Failures are logged, never fatal.
"""
from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext as _

from documents.importing.attachments import MAX_ATTACHMENT_CHARS
from documents.importing.attachments import file_text as importer_file_text
from documents.text.vietnamese import nfc

if TYPE_CHECKING:
    from documents.models import DocumentPage

logger = logging.getLogger(__name__)


def pdf_text(data: bytes, *, max_pages: int | None = None, max_chars: int | None = None) -> str:
    """Text of a PDF's first pages, cut at max_chars, with a note when anything was left out."""
    from pypdf import PdfReader
    from pypdf import filters as pdf_filters
    from pypdf.errors import LimitReachedError

    max_pages = settings.PDF_MAX_PAGES if max_pages is None else max_pages
    max_chars = settings.PDF_MAX_TEXT_CHARS if max_chars is None else max_chars
    # pypdf reads this module constant at each inflate: no stream of the file may inflate past the cap. Restored
    # after, so other readers of PDFs in the process (the importer) keep their own limits.
    previous = pdf_filters.ZLIB_MAX_OUTPUT_LENGTH
    pdf_filters.ZLIB_MAX_OUTPUT_LENGTH = settings.PDF_MAX_STREAM_BYTES
    try:
        return _bounded_text(PdfReader(io.BytesIO(data)), max_pages, max_chars, LimitReachedError)
    finally:
        pdf_filters.ZLIB_MAX_OUTPUT_LENGTH = previous


def _bounded_text(reader: Any, max_pages: int, max_chars: int, limit_error: type[Exception]) -> str:
    total = len(reader.pages)
    parts: list[str] = []
    notes: list[str] = []
    length = 0
    for number, page in enumerate(reader.pages, start=1):
        if number > max_pages:
            notes.append(_("[Chỉ đọc %(read)d trang đầu trong %(total)d trang của tệp PDF.]")
                         % {"read": max_pages, "total": total})
            break
        try:
            text = page.extract_text() or ""
        except limit_error:
            notes.append(_("[Bỏ qua trang %(page)d của tệp PDF: nội dung giải nén quá lớn.]") % {"page": number})
            continue
        parts.append(text[: max_chars - length])
        length += len(parts[-1])
        if length >= max_chars:
            notes.append(_("[Nội dung tệp PDF bị cắt sau %(chars)d ký tự.]") % {"chars": max_chars})
            break
    if notes:
        logger.warning("Tệp PDF %s trang: %s", total, " ".join(notes))
    return "\n".join([*parts, *notes])


def file_text(name: str, data: bytes) -> str:
    """Text of one file by its extension; "" for types we do not read. Raises on unreadable files."""
    if name.lower().endswith(".pdf"):
        return nfc(pdf_text(data))
    return importer_file_text(name, data)


def _read(document, page: DocumentPage) -> str:
    try:
        with document.file.open("rb") as handle:
            return file_text(document.file.name, handle.read())
    except Exception as exc:  # a broken file must not stop indexing the document itself
        logger.warning("Không đọc được nội dung tệp đính kèm %s của trang %s: %s", document.file.name, page.pk, exc)
        return ""


def attachment_text(page: DocumentPage) -> str:
    """Concatenated text of the document's attachments (caption first), at most MAX_ATTACHMENT_CHARS. An imported
    document's original file adds its caption only: its words are the document's body already."""
    parts: list[str] = []
    total = 0
    for attachment in page.attachments.all():  # prefetch-aware (rebuilds prefetch attachments__document)
        document = attachment.document
        text = "" if attachment.is_original else _read(document, page)
        caption = nfc(attachment.caption or document.title or "")
        chunk = "\n".join(p for p in (caption, text) if p)
        parts.append(chunk[: MAX_ATTACHMENT_CHARS - total])
        total += len(parts[-1])
        if len(parts[-1]) < len(chunk):  # reported, not silent: the rest of this file is not searchable
            logger.warning("Tệp đính kèm %s của trang %s: chỉ lập chỉ mục %s ký tự đầu, bỏ %s ký tự (giới hạn %s).",
                           document.file.name, page.pk, len(parts[-1]), len(chunk) - len(parts[-1]),
                           MAX_ATTACHMENT_CHARS)
        if total >= MAX_ATTACHMENT_CHARS:
            break
    return "\n".join(p for p in parts if p)
