"""The issued original and its digital signature (issue 11 items 4 and 5).

A test CA is made in the run (no key material in the repository). Issuing through the real workflow stores the
PDF once, signed by the signer and the issuing body, fingerprinted in the register and the audit log; it is served
as stored; verify_pdf and POST /api/verify/ accept it and reject a copy with one byte changed; recall stamps a
notice on the served copy and keeps the original.
"""
from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from wagtail.models import PageLogEntry

from documents.models import IssuedOriginal, RegisterEntry
from documents.output.original import fingerprint, issue_original
from documents.output.verify import verify_pdf
from documents.workflow import transitions
from tests import output_support as out
from tests.permission_setup import advance, build_world, draft_document


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def signed_issue(world, tmp_path, settings, django_capture_on_commit_callbacks):
    """A public quy chế issued through the workflow with signing keys configured."""
    page = draft_document(world, "quy chế ký số", "public", with_file=False)
    settings.SIGNING_KEYS_DIR = str(out.make_keys(tmp_path / "keys", page))
    with django_capture_on_commit_callbacks(execute=True):
        page = advance(page, world, "issued")
    return page


def flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


def test_issue_stores_a_signed_fingerprinted_original(signed_issue):
    page = signed_issue
    original = IssuedOriginal.objects.get(document=page)
    content = bytes(original.content)
    assert original.sha256 == fingerprint(content) and original.size == len(content)
    assert original.signed_by.splitlines() == [page.signer_name, page.issuer.name]
    assert RegisterEntry.objects.get(document=page).original_sha256 == original.sha256
    entry = PageLogEntry.objects.get(page=page, action="vanban.original")
    assert entry.data["sha256"] == original.sha256
    # Served as stored, byte for byte, and never rendered again.
    response = Client().get(f"/van-ban/{page.pk}/pdf/")
    assert response.status_code == 200 and response.content == content
    assert issue_original(page).pk == original.pk and IssuedOriginal.objects.filter(document=page).count() == 1
    used = out.fonts(content)
    assert used and all(used.values()), used  # the stamp's font is embedded too


def test_the_body_stamp_names_the_issuer_as_written(world, tmp_path, settings, monkeypatch,
                                                     django_capture_on_commit_callbacks):
    """Under the seal: the issuer's name as readers write it, not lowered to "đảng ủy phường la gi"."""
    from documents.output import stamps

    drawn: list[list[str]] = []
    real = stamps.body_stamp
    monkeypatch.setattr(stamps, "body_stamp", lambda image, lines, *args: drawn.append(lines) or real(image, lines, *args))
    page = draft_document(world, "quy chế ký số", "public", with_file=False)
    settings.SIGNING_KEYS_DIR = str(out.make_keys(tmp_path / "keys", page))
    with django_capture_on_commit_callbacks(execute=True):
        page = advance(page, world, "issued")
    (lines,) = drawn
    assert " ".join(lines[:-1]) == page.issuer.display_name and lines[0][:1].isupper()


def test_the_signature_and_the_seal_stand_above_the_body_text(signed_issue):
    """The body's name and the signing time take a band at the foot of the blank; the signer's image starts above
    it (its strokes crossed the name), and the seal stands at its left."""
    from pypdf import PdfReader

    from documents.output import stamps
    from documents.output.signing import BODY_FIELD, SIGNER_FIELD

    reader = PdfReader(io.BytesIO(bytes(IssuedOriginal.objects.get(document=signed_issue).content)))
    rects = {str(a.get_object().get("/T")): [float(v) for v in a.get_object()["/Rect"]]
             for page in reader.pages for a in page.get("/Annots") or [] if a.get_object().get("/T")}
    signer, body = rects[SIGNER_FIELD], rects[BODY_FIELD]
    lines = stamps.body_lines(signed_issue.issuer.display_name, "2026-01-05T08:00:00+07:00", 190)
    assert signer[1] - body[1] >= stamps.text_band_pt(lines) - 0.5  # above the text band
    assert body[0] < (signer[0] + signer[2]) / 2 < body[2] and signer[3] == body[3]  # the seal at its left


def test_signed_original_verifies_and_one_changed_byte_fails(signed_issue):
    page = signed_issue
    content = bytes(IssuedOriginal.objects.get(document=page).content)
    report = verify_pdf(content)
    assert report.intact and report.trusted and report.document.pk == page.pk and report.document_exact
    assert len(report.signatures) == 2
    assert report.signatures[0].signer == page.signer_name
    assert page.issuer.name.startswith(report.signatures[1].signer)
    assert all(s.signed_at is not None for s in report.signatures)
    for at in (len(content) // 3, len(content) // 2, len(content) - 200):
        changed = verify_pdf(flip(content, at))
        assert not changed.intact, at
        assert changed.document is None or not changed.document_exact


def test_untrusted_root_is_reported(signed_issue, settings, tmp_path):
    content = bytes(IssuedOriginal.objects.get(document=signed_issue).content)
    other = out.make_keys(tmp_path / "other", signed_issue)
    settings.SIGNING_KEYS_DIR = str(other)
    report = verify_pdf(content)
    assert report.intact and not report.trusted
    assert "không thuộc tổ chức chứng thực được tin cậy" in report.message


def test_verify_pdf_command(signed_issue, tmp_path):
    content = bytes(IssuedOriginal.objects.get(document=signed_issue).content)
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(content)
    bad.write_bytes(flip(content, len(content) // 2))
    stdout = io.StringIO()
    call_command("verify_pdf", str(good), stdout=stdout)
    assert "nguyên vẹn" in stdout.getvalue() and signed_issue.signer_name in stdout.getvalue()
    assert signed_issue.notation in stdout.getvalue()
    with pytest.raises(CommandError):
        call_command("verify_pdf", str(bad), stdout=io.StringIO())
    stdout = io.StringIO()
    call_command("verify_pdf", str(good), "--json", stdout=stdout)
    data = json.loads(stdout.getvalue())
    assert data["intact"] and data["trusted"] and data["document"]["id"] == signed_issue.pk


def test_verify_api(signed_issue):
    content = bytes(IssuedOriginal.objects.get(document=signed_issue).content)
    client = Client()
    data = client.post("/api/verify/", {"file": io.BytesIO(content)}).json()
    assert data["intact"] and data["trusted"] and data["document"]["notation"] == signed_issue.notation
    assert [s["signer"] for s in data["signatures"]][0] == signed_issue.signer_name
    assert data["signatures"][0]["signed_at"].endswith("+07:00")
    changed = client.post("/api/verify/", {"file": io.BytesIO(flip(content, len(content) // 2))}).json()
    assert not changed["intact"]
    junk = client.post("/api/verify/", {"file": io.BytesIO(b"not a pdf")}).json()
    assert not junk["intact"] and junk["message"] == "Tệp không phải là PDF."
    missing = client.post("/api/verify/", {})
    assert missing.status_code == 400 and "file" in missing.json()["detail"]


def test_recall_stamps_the_served_copy_and_keeps_the_original(signed_issue, world):
    page = transitions.recall(signed_issue, world.users["vanthu"], "Ban hành nhầm")
    original = bytes(IssuedOriginal.objects.get(document=page).content)
    client = Client()
    client.force_login(world.users["vanthu"])
    response = client.get(f"/van-ban/{page.pk}/pdf/")
    assert response.status_code == 200
    served = response.content
    assert served.startswith(original) and served != original
    assert "THU HỒI" in " ".join(out.pdf_words(served))
    report = verify_pdf(served)
    assert report.document.pk == page.pk and not report.document_exact
    assert all(s.intact for s in report.signatures)


def test_without_keys_the_original_is_stored_unsigned(world, django_capture_on_commit_callbacks):
    page = draft_document(world, "quy chế không ký số", "public", with_file=False)
    with django_capture_on_commit_callbacks(execute=True):
        page = advance(page, world, "issued")
    original = IssuedOriginal.objects.get(document=page)
    assert original.signed_by == ""
    report = verify_pdf(bytes(original.content))
    assert not report.signed and report.document.pk == page.pk and report.intact
