"""The demo's signing keys (issue 11 item 5): load_demo makes a demo CA and a key per issuer and signer once, so
the documents it issues come out signed; running it again adds nothing."""
from __future__ import annotations

import io

from cms.demo.signing import load_signing_keys
from documents.importing.service import import_path
from documents.output.original import issue_original
from documents.output.signing import key_name
from documents.output.verify import verify_pdf
from tests.factories import SEED


def test_demo_keys_are_made_once_and_sign_what_the_demo_issues(la_gi, tmp_path, settings):
    settings.SIGNING_KEYS_DIR = str(tmp_path / "demo-signing")
    page = import_path(SEED, issue=True).page.specific
    stdout = io.StringIO()
    load_signing_keys(stdout)
    base = tmp_path / "demo-signing"
    assert (base / "trust" / "demo-ca.pem").is_file() and (base / "ca" / "demo-ca.key.pem").stat().st_mode & 0o077 == 0
    assert (base / "issuers" / f"{page.issuer.slug}.p12").is_file()
    assert (base / "signers" / f"{key_name(page.signer_name)}.p12").is_file()
    assert (base / "signers" / f"{key_name(page.signer_name)}.png").is_file()
    root = (base / "trust" / "demo-ca.pem").read_bytes()
    again = io.StringIO()
    load_signing_keys(again)
    assert "0 khóa mới" in again.getvalue() and (base / "trust" / "demo-ca.pem").read_bytes() == root
    report = verify_pdf(bytes(issue_original(page).content))
    assert report.intact and report.trusted
    assert [s.signer for s in report.signatures][0] == f"{page.signer_name} (minh họa)"


def test_without_a_keys_dir_the_demo_says_documents_are_not_signed(db, settings):
    settings.SIGNING_KEYS_DIR = ""
    stdout = io.StringIO()
    load_signing_keys(stdout)
    assert "không ký số" in stdout.getvalue()
