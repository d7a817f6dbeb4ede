"""PDF/A (issue 11 item 6): issued originals are PDF/A-2b, checked by veraPDF (deploy/verapdf.sh, from Maven
Central), signed and unsigned; a plain render (not archival) is not claimed and the validator says so."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cms.demo.documents import demo_files
from documents.importing.service import import_path
from documents.output.original import issue_original
from documents.output.pdf import render_pdf
from tests import output_support as out
from tests.permission_setup import advance, build_world, draft_document

# The PDF/A files are the same bytes whatever engine stored the document.
pytestmark = pytest.mark.sqlite_pass

VERAPDF = Path(__file__).resolve().parent.parent / "deploy" / "verapdf.sh"
DEMO = {path.name: path for path in demo_files()}


def verapdf(data: bytes, tmp_path: Path) -> subprocess.CompletedProcess:
    target = tmp_path / "van-ban.pdf"
    target.write_bytes(data)
    return subprocess.run(["bash", str(VERAPDF), str(target)], capture_output=True, text=True, timeout=600)


def test_signed_issued_original_is_pdfa_2b(db, tmp_path, settings, django_capture_on_commit_callbacks):
    world = build_world()
    page = draft_document(world, "quy chế lưu trữ", "public", with_file=False)
    settings.SIGNING_KEYS_DIR = str(out.make_keys(tmp_path / "keys", page))
    with django_capture_on_commit_callbacks(execute=True):
        page = advance(page, world, "issued")
    original = page.issued_original
    assert original.pdf_a and original.signed_by
    result = verapdf(bytes(original.content), tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == "compliant 2b", result.stdout + result.stderr


@pytest.mark.parametrize("name", ["nha-nuoc-ke-hoach-68-KH-UBND-chinh-quyen-so-2026.txt",
                                  "quy-che-01-QC-BCD-la-gi-2026.txt"])
def test_imported_original_is_pdfa_2b_and_a_plain_render_is_not(la_gi, tmp_path, name):
    page = import_path(DEMO[name], issue=True).page.specific
    result = verapdf(bytes(issue_original(page).content), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    plain = verapdf(render_pdf(page), tmp_path)
    assert plain.returncode == 1 and "FAILED" in plain.stdout
