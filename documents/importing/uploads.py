"""Importing uploaded files (one by one, or a .zip of them) as a user: the API's door to import_bytes.

Each file is imported in its own transaction; the user must be allowed to draft at the issuer the file names
(and be its clerk to register archived originals with ``issue``), otherwise nothing of that file is kept.
"""
from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from documents.drafting import can_create
from documents.models import ImportRecord, Issuer, document_type_name
from documents.permissions import can_read, is_clerk

from .builder import ImportFailure
from .reader import SUPPORTED_SUFFIXES
from .service import import_bytes

MAX_FILES = 200
ACCEPTED = SUPPORTED_SUFFIXES


@dataclass
class FileOutcome:
    file: str
    status: str  # created, existing (the same file was imported before), failed
    document: int | None = None
    label: str = ""
    notes: list[str] = field(default_factory=list)
    error: str = ""


def expand(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes] | FileOutcome]:
    """The uploads, a .zip replaced by the files inside it; an unreadable archive or entry becomes a failure."""
    limit = int(settings.DOCUMENT_MAX_UPLOAD_BYTES)
    out: list[tuple[str, bytes] | FileOutcome] = []
    for name, data in files:
        if not name.lower().endswith(".zip"):
            out.append((name, data))
            continue
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = [m for m in archive.infolist() if not m.is_dir()]
        except (zipfile.BadZipFile, ValueError):
            out.append(FileOutcome(name, "failed", error=_("Tệp nén .zip hỏng hoặc không đọc được.")))
            continue
        for member in members:
            inner = f"{name}/{member.filename}"
            if PurePosixPath(member.filename).suffix.lower() not in ACCEPTED:
                out.append(FileOutcome(inner, "failed", error=_("Chỉ nhập được tệp %(suffixes)s.") % {"suffixes": ", ".join(ACCEPTED)}))
            elif member.file_size > limit:  # checked before reading: a small archive may unpack huge
                out.append(FileOutcome(inner, "failed", error=_("Tệp lớn hơn giới hạn %(n)d byte.") % {"n": limit}))
            else:
                try:
                    out.append((inner, archive.read(member)))
                except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError):
                    out.append(FileOutcome(inner, "failed", error=_("Không giải nén được tệp này.")))
    if len(out) > MAX_FILES:
        raise ImportFailure(_("Nhiều nhất %(n)d tệp mỗi lần nhập.") % {"n": MAX_FILES})
    return out


def import_one(user, name: str, data: bytes, *, issue: bool = False, visibility: str | None = None,
               fallback: Issuer | None = None) -> FileOutcome:
    sha = hashlib.sha256(data).hexdigest()  # as the batch importer: the same file never makes a second document
    record = ImportRecord.objects.filter(fingerprint=sha).select_related("page").first()
    if record is not None and record.page is not None:
        return _already_imported(user, name, record)
    result = None
    try:
        with transaction.atomic():
            result = import_bytes(data, name, issue=issue, visibility=visibility, user=user, fallback=fallback)
            issuer = result.page.issuer
            if not can_create(user, issuer) or (issue and not is_clerk(user, issuer)):
                raise PermissionDenied(_("Bạn không có quyền nhập văn bản của %(issuer)s.") % {"issuer": issuer.name})
            if record is not None:  # its document was deleted since: the file came in again
                record.delete()
            ImportRecord.objects.create(fingerprint=sha, page=result.page, file_name=name[-500:])
    except (ImportFailure, PermissionDenied, IntegrityError) as exc:
        if result is not None:  # rolled back: the kept original goes with it
            result.discard_stored_files()
        record = ImportRecord.objects.filter(fingerprint=sha, page__isnull=False).select_related("page").first()
        if isinstance(exc, IntegrityError):
            if record is not None:  # another request took this file a moment ago
                return _already_imported(user, name, record)
            return FileOutcome(name, "failed", error=_("Không ghi được văn bản (%(error)s).") % {"error": exc})
        return FileOutcome(name, "failed", error=str(exc))
    return FileOutcome(name, "created", document=result.page.pk, label=result.label, notes=list(result.notes))


def _already_imported(user, name: str, record: ImportRecord) -> FileOutcome:
    """The file's document, named only to one who may read it (the file's bytes say no more than that)."""
    page = record.page
    note = _("Tệp này đã được nhập (%(file)s).") % {"file": record.file_name}
    if page is None or not can_read(user, page):
        return FileOutcome(name, "existing", notes=[note])
    label = " ".join(p for p in (page.notation, document_type_name(page.specific), page.title) if p)
    return FileOutcome(name, "existing", document=page.pk, label=label, notes=[note])


def import_uploads(user, files: list[tuple[str, bytes]], *, issue: bool = False,
                   visibility: str | None = None, fallback: Issuer | None = None) -> list[FileOutcome]:
    outcomes = []
    for item in expand(files):
        if isinstance(item, FileOutcome):
            outcomes.append(item)
        else:
            outcomes.append(import_one(user, item[0], item[1], issue=issue, visibility=visibility, fallback=fallback))
    return outcomes
