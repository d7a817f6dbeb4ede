"""Checks on a .docx (a ZIP archive) before anything inflates it in memory: decompression bombs and DTDs.

A 1 MB .docx can inflate to gigabytes; python-docx would hold it all before failing. The declared sizes are
checked first, then every member is inflated as a stream, counting bytes and stopping at the cap, since the
declared sizes can lie. XML parts may not declare a DOCTYPE or entities: OOXML never does, lxml leaves an
unexpanded entity out of the text (the text after it vanished without a word), and entity expansion is the
other kind of bomb.
"""
from __future__ import annotations

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

CHUNK = 64 * 1024
MAX_MEMBERS = 5000
DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")


class ArchiveError(ValueError):
    """The archive is refused; the message (Vietnamese) says why."""


def max_inflated_bytes() -> int:
    return int(getattr(settings, "DOCUMENT_MAX_INFLATED_BYTES", 64 * 1024 * 1024))


def _too_large(limit: int) -> ArchiveError:
    return ArchiveError(_("Tệp .docx khi giải nén vượt quá %(limit)s byte: có thể là tệp độc hại (zip bomb).")
                        % {"limit": f"{limit:,}"})


def check_docx(data: bytes, limit: int | None = None) -> None:
    """Raise ArchiveError when the archive would inflate past ``limit`` bytes or carries a DTD."""
    limit = max_inflated_bytes() if limit is None else limit
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        return  # not an archive: python-docx reports it
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ArchiveError(_("Tệp .docx có quá nhiều thành phần (%(count)d).") % {"count": len(members)})
        if sum(info.file_size for info in members) > limit:
            raise _too_large(limit)
        total = 0
        for info in members:
            is_xml = info.filename.lower().endswith((".xml", ".rels"))
            tail = b""
            try:
                with archive.open(info) as stream:
                    while chunk := stream.read(CHUNK):
                        total += len(chunk)
                        if total > limit:
                            raise _too_large(limit)
                        if is_xml:
                            window = (tail + chunk).upper()
                            if any(marker in window for marker in DTD_MARKERS):
                                raise ArchiveError(_(
                                    "Tệp .docx chứa khai báo DOCTYPE/ENTITY (%(part)s): Word không tạo ra khai báo "
                                    "này; nội dung sau thực thể sẽ bị mất. Hãy mở và lưu lại tệp bằng Word."
                                ) % {"part": info.filename})
                            tail = chunk[-16:]
            except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError) as exc:
                raise ArchiveError(_("Không đọc được tệp .docx (%(error)s).")
                                   % {"error": exc.__class__.__name__}) from None


# ------------------------------------------------------------------------------------------ batches (.zip)
MAX_BATCH_MEMBERS = 20_000


def max_archive_bytes() -> int:
    """Largest inflated total of one .zip of documents (default 1 GiB)."""
    return int(getattr(settings, "DOCUMENT_MAX_ARCHIVE_BYTES", 1024 * 1024 * 1024))


def safe_member_name(name: str) -> str | None:
    """The member's path inside the archive, or None when it could escape a folder (zip-slip: absolute paths,
    drive letters, ``..``) or is hidden (``__MACOSX/``, dot files). Nothing is ever extracted to disk; the
    name is only shown, but a clerk must not be shown ``../../etc/passwd`` as a document."""
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or (parts and ":" in parts[0]) or ".." in parts:
        return None
    parts = [p for p in parts if p not in ("", ".")]
    if not parts or any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return None
    return "/".join(parts)


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Inflate one member as a stream, refusing it past ``limit`` bytes whatever its header declares."""
    if info.file_size > limit:
        raise ArchiveError(_("Tệp trong .zip khai báo %(size)s byte khi giải nén, quá giới hạn %(limit)s byte.")
                           % {"size": f"{info.file_size:,}", "limit": f"{limit:,}"})
    chunks, total = [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                total += len(chunk)
                if total > limit:
                    raise ArchiveError(_("Tệp trong .zip giải nén vượt quá %(limit)s byte (khai báo sai kích thước): "
                                         "có thể là tệp độc hại (zip bomb).") % {"limit": f"{limit:,}"})
                chunks.append(chunk)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        raise ArchiveError(_("Không giải nén được tệp này (%(error)s).") % {"error": exc.__class__.__name__}) from None
    return b"".join(chunks)


def open_batch_archive(source) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """Open a .zip of documents and list its files; refuse one that declares more than the total cap."""
    try:
        archive = zipfile.ZipFile(source)
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise ArchiveError(_("Tệp nén .zip hỏng hoặc không đọc được.")) from None
    if len(members) > MAX_BATCH_MEMBERS:
        archive.close()
        raise ArchiveError(_("Tệp .zip có quá nhiều tệp (%(count)d; tối đa %(max)d).")
                           % {"count": len(members), "max": MAX_BATCH_MEMBERS})
    limit = max_archive_bytes()
    if sum(m.file_size for m in members) > limit:
        archive.close()
        raise ArchiveError(_("Tệp .zip khi giải nén vượt quá %(limit)s byte: có thể là tệp độc hại (zip bomb).")
                           % {"limit": f"{limit:,}"})
    return archive, members
