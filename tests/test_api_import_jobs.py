"""POST /api/imports/ as a job (cms/rest/imports.py): an import longer than IMPORT_WAIT_SECONDS (a phone photo
read by OCR) answers 202 "running", and GET /api/imports/<id>/ then says "done" with the results or "failed" with
why; a quick one answers 201 with its results, from the same thread."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import DocumentPage
from documents.roles import Role, grant_role
from tests import factories
from tests.api_helpers import ApiCaller
from tests.permission_setup import build_world

PHOTO = Path(__file__).parent / "fixtures" / "import" / "kh-05-du-phone.jpg"
# The job's thread has a connection of its own: it sees only committed data.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def clerk(settings) -> ApiCaller:
    settings.IMPORT_IN_BACKGROUND = True
    world = build_world()
    grant_role(world.users["vanthu"], world.issuers["dang_uy"], Role.VAN_THU)  # the photo is the Đảng ủy's
    return ApiCaller(world.users["vanthu"])


def _send(caller: ApiCaller, name: str, data: bytes):
    return caller.client.post("/api/imports/", {"files": [SimpleUploadedFile(name, data)]}, **caller.headers)


def _until_ended(caller: ApiCaller, job: dict) -> dict:
    deadline = time.monotonic() + 180
    while job["status"] == "running":
        assert time.monotonic() < deadline, "the job never ended"
        time.sleep(0.2)
        job = caller.get(f"/api/imports/{job['id']}/").json()
    return job


def test_a_scan_read_by_ocr_answers_running_then_done(clerk, settings):
    settings.IMPORT_WAIT_SECONDS = 0.01
    response = _send(clerk, "kh-05-dien-thoai.jpg", PHOTO.read_bytes())
    assert response.status_code == 202, response.content
    job = response.json()
    assert job["status"] == "running" and job["results"] == [] and len(job["id"]) == 32
    job = _until_ended(clerk, job)
    assert job["status"] == "done", job
    (result,) = job["results"]
    assert result["status"] == "created", result
    page = DocumentPage.objects.get(pk=result["document"])
    assert page.source_format == "ocr" and "chuyển đổi số" in page.title  # read from the photo


def test_a_quick_import_answers_201_with_its_results(clerk):
    response = _send(clerk, "quy-che.txt", factories.SEED_TEXT.encode())
    assert response.status_code == 201, response.content
    job = response.json()
    assert job["status"] == "done" and job["results"][0]["status"] == "created"
    assert clerk.get(f"/api/imports/{job['id']}/").json() == job


def test_a_job_that_stops_says_failed_and_why(clerk, settings, monkeypatch):
    answered = threading.Event()

    def broken(*args, **kwargs):
        # Fails only once the request has answered: failing at once could beat the request's zero wait, and the
        # job would then be answered as ended (422), not as running.
        answered.wait(10)
        raise RuntimeError("ổ đĩa đầy")

    monkeypatch.setattr("cms.rest.imports.import_uploads", broken)
    settings.IMPORT_WAIT_SECONDS = 0
    response = _send(clerk, "quy-che.txt", factories.SEED_TEXT.encode())
    answered.set()
    assert response.status_code == 202, response.content
    job = _until_ended(clerk, response.json())
    assert job["status"] == "failed" and "ổ đĩa đầy" in job["error"] and job["results"] == []


def test_fallback_issuer_names_the_issuer_of_a_document_that_does_not_say(clerk):
    """As the admin's batch: only for a document whose own issuer is not recognised; one not the caller's is a 422."""
    from documents.models import Issuer
    from tests.test_import_batch_admin import _without_letterhead

    bcd = Issuer.objects.get(slug="ban-chi-dao-khcn-dmst-cds-la-gi")
    refused = clerk.client.post("/api/imports/", {"files": [SimpleUploadedFile("a.txt", _without_letterhead())]},
                                **clerk.headers).json()
    assert refused["results"][0]["status"] == "failed" and "Không thấy tên cơ quan ban hành" in refused["results"][0]["error"]
    done = clerk.client.post("/api/imports/", {"files": [SimpleUploadedFile("a.txt", _without_letterhead())],
                                               "fallback_issuer": bcd.pk}, **clerk.headers)
    assert done.status_code == 201, done.content
    assert DocumentPage.objects.get(pk=done.json()["results"][0]["document"]).issuer == bcd
    other = Issuer.objects.get(slug="uy-ban-nhan-dan-phuong-la-gi")
    wrong = clerk.client.post("/api/imports/", {"files": [SimpleUploadedFile("b.txt", b"x")],
                                                "fallback_issuer": other.pk}, **clerk.headers)
    assert wrong.status_code == 422 and "fallback_issuer" in wrong.json()["errors"]
