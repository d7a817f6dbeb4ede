"""One file in, one document out (or nothing, with the reason): read → parse → resolve issuer → build."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from documents.models import DocumentPage, Issuer, Recipient

from .builder import ImportFailure, UnknownIssuer, create_document, kind_specs, resolve_issuer
from .parser import KindSpec, ParseError, parse_document
from .reader import ReadError, ReadText, read_bytes, read_path
from .tree import ParsedDocument


def joined_notes(notes) -> str:
    """Notes in one line: "a; b", not "a.; b." (each note is a sentence of its own)."""
    return "; ".join(text.rstrip(". ") for text in (str(note).strip() for note in notes) if text)


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


@dataclass
class Prepared:
    """A file read and parsed, its issuer found: what is known before anything is written."""

    read: ReadText
    parsed: ParsedDocument
    issuer: Issuer


def prepare(read: ReadText, *, issuer: Issuer | None = None, specs: list[KindSpec] | None = None,
            issuers: Sequence[Issuer] | None = None, fallback: Issuer | None = None) -> Prepared:
    """Parse the text and find its issuer (``issuer`` when given); ``specs`` and ``issuers`` are a batch's lookups,
    read once for all its files; ``fallback``: the issuer of a document whose own is not recognised. Raises
    ImportFailure."""
    try:
        parsed = parse_document(read.text, specs if specs is not None else kind_specs(), tolerant=True)
    except ParseError as exc:
        raise ImportFailure(str(exc)) from None
    parsed.review = [*read.review, *parsed.review]  # an OCR text is checked against its scan, however well parsed
    if issuer is None:
        try:
            issuer = resolve_issuer(parsed, issuers)
        except UnknownIssuer:
            if fallback is None:
                raise
            issuer = fallback
    return Prepared(read, parsed, issuer)


def write(prepared: Prepared, *, issue: bool = False, visibility: str | None = None, user=None,
          match_recipient: Callable[[str], Recipient | None] | None = None,
          also: Callable[[DocumentPage], object] = lambda page: None) -> ImportResult:
    """Create the document, and ``also`` whatever goes with it, in one transaction: a failure keeps nothing,
    not even the stored original (files do not roll back)."""
    read, parsed = prepared.read, prepared.parsed
    original = (read.filename, read.original) if read.original else None
    page = None
    try:
        with transaction.atomic():
            page = create_document(parsed, prepared.issuer, issue=issue, visibility=visibility, user=user,
                                   source_format=read.source_format, original=original, match_recipient=match_recipient)
            also(page)
    except BaseException:
        if page is not None and original is not None:
            for attachment in page.attachments.all():
                attachment.document.file.delete(save=False)
        raise
    review = [_("cần rà soát: %(missing)s") % {"missing": joined_notes(parsed.review)}] if parsed.review else []
    stored = [a.document.file.name for a in page.attachments.all()] if original else []
    return ImportResult(page=page, parsed=parsed, notes=[*read.notes, *parsed.warnings, *review], stored_files=stored)


def import_text(read: ReadText, *, issue: bool = False, issuer: Issuer | None = None, visibility: str | None = None,
                user=None, fallback: Issuer | None = None) -> ImportResult:
    return write(prepare(read, issuer=issuer, fallback=fallback), issue=issue, visibility=visibility, user=user)
