"""Text of one attached file (PDF, DOCX, TXT) by its type; documents/attachment_text.py bounds and joins them."""
from __future__ import annotations

import io
import logging

from documents.text.vietnamese import nfc

from .reader import read_bytes

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

