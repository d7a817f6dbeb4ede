"""One file in, one document out (or nothing, with the reason): read → parse → resolve issuer → build."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from documents.models import DocumentPage, Issuer

from .builder import ImportFailure, create_document, kind_specs, resolve_issuer
from .parser import ParseError, parse_document
from .reader import ReadError, ReadText, read_bytes, read_path
from .tree import ParsedDocument


@dataclass
class ImportResult:
    page: DocumentPage
    parsed: ParsedDocument
    notes: list[str] = field(default_factory=list)  # conversions and warnings, for the report line
    stored_files: list[str] = field(default_factory=list)  # storage names of the kept original, if any

    def discard_stored_files(self) -> None:
        """Delete the stored original when the caller rolls the import back (files are not transactional)."""
        from django.core.files.storage import default_storage

        for name in self.stored_files:
            default_storage.delete(name)

    @property
    def label(self) -> str:
        """ "01-QC/BCĐ QUY CHẾ hoạt động …" (the printed notation for a draft, which has none yet)."""
        notation = self.page.notation or self.parsed.notation_text.replace(" ", "")
        return " ".join(p for p in (notation, self.parsed.type_name, self.page.title) if p)


def import_path(path: str | Path, **options) -> ImportResult:
    """Import one file; raises ImportFailure (with the reason) and then nothing has been created."""
    try:
        read = read_path(path)
    except ReadError as exc:
        raise ImportFailure(str(exc)) from None
    return import_text(read, **options)


def import_bytes(data: bytes, filename: str = "", **options) -> ImportResult:
    try:
        read = read_bytes(data, filename)
    except ReadError as exc:
        raise ImportFailure(str(exc)) from None
    return import_text(read, **options)


def import_text(
    read: ReadText,
    *,
    issue: bool = False,
    issuer: Issuer | None = None,
    visibility: str | None = None,
    user=None,
) -> ImportResult:
    try:
        parsed = parse_document(read.text, kind_specs(), tolerant=True)
    except ParseError as exc:
        raise ImportFailure(str(exc)) from None
    parsed.review = [*read.review, *parsed.review]  # an OCR text is checked against its scan, however well parsed
    original = (read.filename, read.original) if read.original else None
    with transaction.atomic():
        target = issuer or resolve_issuer(parsed)
        page = create_document(parsed, target, issue=issue, visibility=visibility, user=user,
                               source_format=read.source_format, original=original)
    review = [_("cần rà soát: %(missing)s") % {"missing": "; ".join(parsed.review)}] if parsed.review else []
    stored = [a.document.file.name for a in page.attachments.all()] if original else []
    return ImportResult(page=page, parsed=parsed, notes=[*read.notes, *parsed.warnings, *review], stored_files=stored)
