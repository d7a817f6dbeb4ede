"""What a batch reads: files, folders walked recursively and .zip archives read member by member.

Sources are listed first (so the progress bar knows the total) and their bytes read only when the batch reaches
them, one at a time: a folder of thousands of files or a large archive is never held in memory at once.
"""
from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .archive import ArchiveError, open_batch_archive, read_member, safe_member_name
from .reader import SUPPORTED_SUFFIXES

# The file types a batch walks into are the ones the reader reads; nothing else in the batch names a suffix.
WALKABLE_SUFFIXES: tuple[str, ...] = SUPPORTED_SUFFIXES
ARCHIVE_SUFFIX = ".zip"


@dataclass(frozen=True)
class Source:
    """One file to import: ``name`` as shown in reports; ``path`` on disk; ``member`` inside the .zip at path."""

    name: str
    path: Path
    member: str | None = None
    error: str = ""  # a source refused while listing (a broken archive, an unsafe member name)


def walkable(name: str) -> bool:
    return Path(name).suffix.lower() in WALKABLE_SUFFIXES


def list_sources(paths: list[str | Path], root: Path | None = None) -> tuple[list[Source], int]:
    """The sources under these paths, in order, and how many files were passed over (not a document type).
    Names are shown as given, or relative to ``root`` (the admin's upload folder)."""
    out: list[Source] = []
    skipped = 0

    def shown(path: Path) -> str:
        return str(path.relative_to(root)) if root is not None else str(path)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                if walkable(found.name):
                    out.append(Source(shown(found), found))
                elif found.suffix.lower() == ARCHIVE_SUFFIX:
                    out.extend(_archive_sources(found, shown(found)))
                else:
                    skipped += 1
        elif path.suffix.lower() == ARCHIVE_SUFFIX and path.is_file():
            out.extend(_archive_sources(path, shown(path)))
        else:  # a file named on the command line is always tried: the reader says why it cannot be read
            out.append(Source(shown(path), path))
    return out, skipped


def _archive_sources(path: Path, shown: str) -> list[Source]:
    try:
        archive, members = open_batch_archive(path)
    except ArchiveError as exc:
        return [Source(shown, path, error=str(exc))]
    with archive:
        out = []
        for info in members:
            safe = safe_member_name(info.filename)
            if safe is None:
                if not _hidden(info.filename):
                    out.append(Source(f"{shown}/{info.filename}", path, info.filename,
                                      error=_("Tên tệp trong .zip không an toàn (đường dẫn ra ngoài thư mục).")))
            elif walkable(safe):
                out.append(Source(f"{shown}/{safe}", path, info.filename))
            elif not _hidden(info.filename):  # sent in the archive, so reported: refused, with the reason
                out.append(Source(f"{shown}/{safe}", path, info.filename, error=unsupported(safe)))
    return out


def unsupported(name: str) -> str:
    """Why a file in an archive is not imported: its type is none the reader reads."""
    return _("Không nhập loại tệp “%(suffix)s”: chỉ nhập %(suffixes)s.") % {
        "suffix": Path(name).suffix.lower() or Path(name).name, "suffixes": ", ".join(WALKABLE_SUFFIXES)}


def _hidden(name: str) -> bool:
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    return ".." not in parts and any(p.startswith(".") or p == "__MACOSX" for p in parts)


def read_sources(sources: list[Source]) -> Iterator[tuple[Source, bytes | None, str]]:
    """(source, bytes, "") or (source, None, reason), in order; each archive is opened once for all its members."""
    limit = int(settings.DOCUMENT_MAX_UPLOAD_BYTES)
    open_archive: tuple[Path, zipfile.ZipFile] | None = None
    try:
        for source in sources:
            if source.error:
                yield source, None, source.error
                continue
            if source.member is None:
                yield source, *_read_file(source.path, limit)
                continue
            if open_archive is None or open_archive[0] != source.path:
                if open_archive is not None:
                    open_archive[1].close()
                open_archive = (source.path, zipfile.ZipFile(source.path))
            try:
                yield source, read_member(open_archive[1], open_archive[1].getinfo(source.member), limit), ""
            except ArchiveError as exc:
                yield source, None, str(exc)
    finally:
        if open_archive is not None:
            open_archive[1].close()


def _read_file(path: Path, limit: int) -> tuple[bytes | None, str]:
    try:
        size = path.stat().st_size
        if size > limit:
            return None, _("Tệp quá lớn (%(size)s byte, tối đa %(limit)s byte).") % {
                "size": f"{size:,}", "limit": f"{limit:,}"}
        return path.read_bytes(), ""
    except FileNotFoundError:
        return None, _("Không tìm thấy tệp.")
    except OSError as exc:
        return None, _("Không đọc được tệp (%(error)s).") % {"error": exc.strerror or exc.__class__.__name__}
