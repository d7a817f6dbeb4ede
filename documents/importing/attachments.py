"""Text of a document's attached files (PDF, DOCX, TXT), for the search index. Failures are logged, never fatal."""
from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

from documents.text.vietnamese import nfc

from .reader import read_bytes

if TYPE_CHECKING:
    from documents.models import DocumentPage

logger = logging.getLogger(__name__)

MAX_ATTACHMENT_CHARS = 400_000  # per document: enough for long annexes, bounded for the index


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join((page.extract_text() or "") for page in reader.pages)


def file_text(name: str, data: bytes) -> str:
    """Text of one file by its extension; "" for types we do not read.

    .docx and .txt go through the importer's reader (documents.importing.reader): paragraphs and tables in
    document order, merged cells once, TCVN3/VNI/Windows-1258 converted. Raises ReadError for unreadable files.
    """
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "pdf":
        return nfc(pdf_text(data))
    if extension in ("docx", "txt"):
        read = read_bytes(data, name, max_bytes=len(data))  # archive bomb and DTD checks included
        if read.truncated_chars:
            logger.warning("Tệp đính kèm %s: bỏ %s ký tự cuối khi đọc.", name, read.truncated_chars)
        return nfc(read.text)
    return ""


def attachment_text(page: DocumentPage) -> str:
    """Concatenated text of the document's attachments (caption first)."""
    parts: list[str] = []
    total = 0
    for attachment in page.attachments.all():  # prefetch-aware (rebuilds prefetch attachments__document)
        document = attachment.document
        try:
            with document.file.open("rb") as handle:
                text = file_text(document.file.name, handle.read())
        except Exception as exc:  # a broken file must not stop indexing the document itself
            logger.warning("Không đọc được nội dung tệp đính kèm %s của trang %s: %s", document.file.name, page.pk, exc)
            text = ""
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
