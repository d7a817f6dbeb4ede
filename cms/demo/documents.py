"""Demo documents: the real quy chế 01-QC/BCĐ and a realistic document of each other kind, imported as issued.

The files live in cms/demo/data/ (shipped with the code; tests/fixtures/ is not). A file whose document
is already in the system is skipped, so loading the demo again duplicates nothing.
"""
from __future__ import annotations

from pathlib import Path
from typing import TextIO

from django.core.management import call_command
from django.core.management.base import CommandError

from documents.importing.builder import kind_specs
from documents.importing.parser import ParseError, parse_document
from documents.importing.reader import ReadError, read_path
from documents.models import DocumentPage, RegisterEntry, Visibility
from documents.text.vietnamese import nfc

DEMO_DATA = Path(__file__).resolve().parent / "data"
SEED_NAME = "quy-che-01-QC-BCD-la-gi-2026.txt"
SUFFIXES = (".txt", ".docx")


def demo_files() -> list[Path]:
    """The seed first, then the other kinds in file-name order."""
    files = sorted(p for p in DEMO_DATA.iterdir() if p.suffix.lower() in SUFFIXES and not p.name.startswith("."))
    return sorted(files, key=lambda p: (p.name != SEED_NAME, p.name))


def _parsed(path: Path):
    """The importer's reading of the file (kind, notation, title, date), or None when it cannot be parsed:
    the import command then reports the reason itself."""
    try:
        return parse_document(read_path(path).text, kind_specs())
    except (ReadError, ParseError):
        return None


def existing_document(path: Path) -> DocumentPage | None:
    """The document this file was already imported as: by notation, or by kind, title and date when unnumbered."""
    parsed = _parsed(path)
    if parsed is None:
        return None
    if parsed.notation is not None and parsed.number:
        return DocumentPage.objects.filter(notation_key=parsed.notation.key).first()
    found = DocumentPage.objects.filter(kind_slug=parsed.kind, title=nfc(parsed.title))
    if parsed.date:
        found = found.filter(issued_on=parsed.date)
    return found.first()


def load_documents(stdout: TextIO) -> None:
    imported = skipped = 0
    for path in demo_files():
        if existing_document(path) is not None:
            skipped += 1
            continue
        options = {"issue": True, "stdout": stdout}
        if path.name == SEED_NAME:
            options["visibility"] = Visibility.PUBLIC  # the seed is the public face of the demo
        try:
            call_command("import_documents", str(path), **options)
        except CommandError as error:
            raise CommandError(f"Không nhập được {path.name}: {error}") from error
        imported += 1
    _issued_here()
    stdout.write(f"  {imported} văn bản mới, {skipped} đã có.\n")


def _issued_here() -> None:
    """The demonstration tells the story of documents issued in this system, so that sending and receipt can be
    shown on them: an office's real past documents keep the archive mark, which forbids sending them again."""
    pages = [page.pk for page in map(existing_document, demo_files()) if page is not None]
    RegisterEntry.objects.filter(document_id__in=pages, archived_import=True).update(archived_import=False)
