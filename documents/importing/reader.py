"""File bytes → NFC text: UTF-8 or legacy (TCVN3/VNI/Windows-1258) text files, .docx, and through formats/
PDF (its text layer), scans (.jpg, .png, .tif, image-only PDF: OCR), .doc and .odt (LibreOffice).

Decoding is documents.text.legacy's job; this module only picks the format (by its bytes first, then its name),
refuses what is not a text document (empty, binary, encrypted, too large) and restores the capitals TCVN3 could
not store. A file whose text is derived (PDF, scan, .doc, .odt), and a .docx, is kept as it came
(ReadText.original): the importer attaches it to the document.
"""
from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.importing.archive import ArchiveError, check_docx
from documents.importing.formats import ocr, office
from documents.importing.formats.base import ReadError
from documents.importing.formats.pdf import read_pdf
from documents.text.legacy import (
    CP1258,
    DOUBLE_UTF8,
    TCVN3,
    VNI,
    LegacyEncodingError,
    convert_legacy,
    decode_bytes,
    detect_legacy_encoding,
)

_CONVERSION_NOTES = {
    TCVN3: gettext_noop("đã chuyển từ TCVN3"),
    VNI: gettext_noop("đã chuyển từ VNI"),
    CP1258: gettext_noop("đã chuyển từ Windows-1258"),
    DOUBLE_UTF8: gettext_noop("đã sửa lỗi mã hóa UTF-8 hai lần"),
}
_FORMAT_NOTES = {
    "doc": gettext_noop("đã chuyển từ Word 97-2003 (.doc) bằng LibreOffice"),
    "odt": gettext_noop("đã chuyển từ OpenDocument (.odt) bằng LibreOffice"),
}
# Every file the importer reads; the command, the admin upload and the API's .zip accept these names.
SUPPORTED_SUFFIXES = (".txt", ".docx", ".doc", ".odt", ".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ASCII_UPPER = re.compile(r"[A-Z]")
_ASCII_LOWER = re.compile(r"[a-z]")
_WORD = re.compile(r"[^\W\d_]+")
# Sentence starts: TCVN3 wrote a toned capital ("Ủy", "Ý") in lower case; only toned vowels lack capitals.
_TONED_LOWER = "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
_SENTENCE_START = re.compile(rf"^(\s*(?:-\s+|\d+\.\s+)?)([{_TONED_LOWER}])")
_AFTER_STOP = re.compile(rf"((?<=[^\W\d_])[.?!]\s+|\s\d+\.\s+)([{_TONED_LOWER}])")


__all__ = ["IMAGE_SUFFIXES", "SUPPORTED_SUFFIXES", "ReadError", "ReadText", "read_bytes", "read_path"]


@dataclass
class ReadText:
    text: str
    source_format: str  # "txt", "docx", "doc", "odt", "pdf" or "ocr"
    converted_from: str | None = None
    notes: list[str] = field(default_factory=list)
    truncated_chars: int = 0  # characters cut off past settings.DOCUMENT_MAX_TEXT_CHARS (reported in notes)
    review: list[str] = field(default_factory=list)  # what the clerk must check ("cần rà soát"), e.g. OCR text
    original: bytes = b""  # the file as it came (PDF, scan, .doc, .odt, .docx): DERIVED_FORMATS
    filename: str = ""


def max_text_chars() -> int:
    return int(getattr(settings, "DOCUMENT_MAX_TEXT_CHARS", 2_000_000))


def read_path(path: str | Path, max_bytes: int | None = None) -> ReadText:
    path = Path(path)
    if not path.is_file():
        raise ReadError(_("Không tìm thấy tệp."))
    limit = _limit(max_bytes)
    size = path.stat().st_size
    if size > limit:
        raise ReadError(_too_large(size, limit))
    return read_bytes(path.read_bytes(), path.name, max_bytes=limit)


def read_bytes(data: bytes, filename: str = "", max_bytes: int | None = None) -> ReadText:
    """Decode one file. Raises ReadError for anything that is not a readable text document."""
    limit = _limit(max_bytes)
    if len(data) > limit:
        raise ReadError(_too_large(len(data), limit))
    if not data.strip():
        raise ReadError(_("Tệp rỗng."))
    source, converted, review = detect_format(data, filename), None, []
    notes: list[str] = []
    if source == "pdf":
        pdf = read_pdf(data)
        text, source, notes, review = pdf.text, pdf.source_format, pdf.notes, pdf.review
    elif source == "image":
        text, source, review = ocr.read_image(data), ocr.SOURCE_FORMAT, [_(ocr.OCR_NOTE)]
    elif source in ("docx", "doc", "odt"):
        if source != "doc":
            _check_archive(data)
        docx_data = data if source == "docx" else office.to_docx(data, source)
        if source != "docx":
            _check_archive(docx_data)
            notes = [_FORMAT_NOTES[source]]
        text, converted = _read_docx(docx_data)
    else:
        if _looks_binary(data):
            raise ReadError(_("Tệp nhị phân, không phải văn bản (.txt hoặc .docx)."))
        try:
            text, converted = decode_bytes(data)
        except LegacyEncodingError as exc:
            raise ReadError(str(exc)) from None
    if converted == TCVN3:
        text = restore_capitals(text)
    text = unicodedata.normalize("NFC", text)  # the parser adds the canonical tone placement (documents.text.vietnamese.nfc)
    if not text.strip():
        raise ReadError(_("Tệp rỗng."))
    if _control_ratio(text) > 0.01:
        raise ReadError(_("Tệp nhị phân, không phải văn bản (.txt hoặc .docx)."))
    notes = [_(note) for note in notes] + ([_(_CONVERSION_NOTES[converted])] if converted in _CONVERSION_NOTES else [])
    cap, dropped = max_text_chars(), max(0, len(text) - max_text_chars())
    if dropped:  # said, never silent
        text = text[:cap]
        notes.append(_("văn bản dài quá %(cap)s ký tự: đã bỏ %(dropped)s ký tự cuối")
                     % {"cap": f"{cap:,}", "dropped": f"{dropped:,}"})
    return ReadText(text=text, source_format=source, converted_from=converted, notes=notes, truncated_chars=dropped,
                    review=review, original=data if source in DERIVED_FORMATS else b"",
                    filename=filename)


# Kept as they came: the formats whose text is derived, and Word's .docx, the office's own original (its tables
# and layout are more than the text read from it). Plain text and web copies are their text.
DERIVED_FORMATS = ("pdf", "ocr", "doc", "odt", "docx")


def detect_format(data: bytes, filename: str = "") -> str:
    """ "pdf", "image", "doc", "odt", "docx" or "txt": by the file's bytes, its name only when they say nothing."""
    name = filename.lower()
    if data.startswith(b"%PDF") or (name.endswith(".pdf") and b"%PDF" in data[:1024]):
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        return "doc"
    if data.startswith(_IMAGE_MAGIC) or name.endswith(IMAGE_SUFFIXES):
        return "image"
    if data.startswith(b"PK\x03\x04"):
        return "odt" if name.endswith(".odt") or _is_odt(data) else "docx"
    if name.endswith((".docx", ".odt")):
        return "docx"  # not an archive: the .docx reader says it is broken
    if name.endswith(".pdf"):
        return "pdf"
    return "txt"


def _is_odt(data: bytes) -> bool:
    """OpenDocument stores its "mimetype" member first and uncompressed (ODF 1.2 §3.3)."""
    return data[30:38] == b"mimetype" and b"application/vnd.oasis.opendocument.text" in data[38:100]


def _check_archive(data: bytes) -> None:
    try:
        check_docx(data)
    except ArchiveError as exc:
        raise ReadError(str(exc)) from None


def _limit(max_bytes: int | None) -> int:
    return max_bytes if max_bytes is not None else int(settings.DOCUMENT_MAX_UPLOAD_BYTES)


def _too_large(size: int, limit: int) -> str:
    return _("Tệp quá lớn (%(size)s byte, tối đa %(limit)s byte).") % {"size": f"{size:,}", "limit": f"{limit:,}"}


def _looks_binary(data: bytes) -> bool:
    if data.startswith(_UTF16_32_BOMS):
        return False
    sample = data[:65536]
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32 and byte != 27)
    return b"\x00" in sample or controls > len(sample) // 100


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    return controls / max(len(sample), 1)


def restore_capitals(text: str) -> str:
    """Put back capitals lost in TCVN3 (its table has no upper-case toned letters, docs/domain.md §8).

    A line whose ASCII letters are all capitals ("QUY ĐịNH CHUNG", "Bí THƯ") was a capitals heading.
    Inside other lines ("Chương II QUY ĐịNH Cụ THể"), a run of capitals words holding a damaged one
    ("ĐịNH") was in capitals, and so was a word without lower-case ASCII ("Cụ") next to such a run;
    acronyms ("57-NQ/TW ở") are not damaged and leave their neighbours alone.
    A toned vowel in lower case opening a paragraph or a sentence ("ủy ban …" after a blank line or ". ")
    was a capital too: Vietnamese sentences start with one, and only toned vowels lost it.
    """
    out: list[str] = []
    previous = ""
    for line in text.split("\n"):
        if not _ASCII_LOWER.search(line) and len(_ASCII_UPPER.findall(line)) >= 2:
            restored = line.upper()
        else:
            restored = _restore_words(line)
            if not previous.strip():  # a paragraph starts here
                restored = _SENTENCE_START.sub(_capitalise, restored, count=1)
            restored = _AFTER_STOP.sub(_capitalise, restored)
        out.append(restored)
        previous = line
    return "\n".join(out)


def _capitalise(match: re.Match) -> str:
    return match.group(1) + match.group(2).upper()



def _restore_words(line: str) -> str:
    words = list(_WORD.finditer(line))
    if not words:
        return line
    no_lower = [not _ASCII_LOWER.search(m.group(0)) for m in words]
    # "ĐịNH": capitals after the first letter, and a lower-case toned letter TCVN3 had no capital for.
    caps = [flag and bool(_ASCII_UPPER.search(m.group(0)[1:])) for flag, m in zip(no_lower, words, strict=True)]
    damaged = [c and m.group(0) != m.group(0).upper() for c, m in zip(caps, words, strict=True)]
    heading = [False] * len(words)
    start = 0
    while start < len(words):  # runs of capitals words that hold at least one damaged word
        end = start
        while end < len(words) and caps[end]:
            end += 1
        if any(damaged[start:end]):
            heading[start:end] = [True] * (end - start)
        start = max(end, start + 1)
    pieces: list[str] = []
    last = 0
    for i, match in enumerate(words):
        beside = (i > 0 and heading[i - 1]) or (i + 1 < len(words) and heading[i + 1])
        word = match.group(0)
        if heading[i] or (no_lower[i] and beside):
            word = word.upper()
        pieces.append(line[last:match.start()] + word)
        last = match.end()
    pieces.append(line[last:])
    return "".join(pieces)


# ------------------------------------------------------------------------------------------ .docx
_OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
                    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")  # transitional, strict


def _docx_body(data: bytes):
    """The body of the main document part, parsed alone. (python-docx's Document() parses every part: styles,
    numbering, settings, theme; 9 of the 11 ms a typical file took.)"""
    import posixpath
    import zipfile

    from docx.oxml.parser import parse_xml

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        relations = parse_xml(archive.read("_rels/.rels"))
        target = next(rel.get("Target") for rel in relations if rel.get("Type") in _OFFICE_DOCUMENT)
        body = parse_xml(archive.read(posixpath.normpath(target).lstrip("/"))).body
    if body is None:
        raise ValueError("no body")
    return body


def _read_docx(data: bytes) -> tuple[str, str | None]:
    try:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        body = _docx_body(data)
    except Exception as exc:  # zipfile, KeyError, StopIteration, lxml errors
        raise ReadError(_("Không đọc được tệp .docx (%(error)s).") % {"error": exc.__class__.__name__}) from None

    lines: list[str] = []

    def walk(container, parent) -> None:
        for child in container.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(child, parent).text)
            elif tag == "tbl":
                table(Table(child, parent))

    def table(tbl) -> None:
        rows = tbl.rows
        width = max((len(row.cells) for row in rows), default=0)
        if width >= 3:  # a data table (task table): one "| a | b | c |" line per row
            for row in rows:
                cells = _unique_cells(row.cells)
                lines.append("| " + " | ".join(" ".join(c.text.split()) for c in cells) + " |")
            lines.append("")
            return
        for row in rows:  # a layout table (header, signature): cell after cell
            for cell in _unique_cells(row.cells):
                walk(cell._tc, cell)
                lines.append("")

    walk(body, None)
    text = unicodedata.normalize("NFC", "\n".join(lines))
    encoding = detect_legacy_encoding(text)
    if encoding:
        return convert_legacy(text, encoding), encoding
    return text, None


def _unique_cells(cells) -> list:
    """python-docx repeats a merged cell once per grid column: keep each cell once."""
    seen: set[int] = set()
    unique = []
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            unique.append(cell)
    return unique
