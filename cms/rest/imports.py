"""/api/imports/: import uploaded files (.txt, .docx, .doc, .odt, PDF, scans: documents.importing.reader.
SUPPORTED_SUFFIXES) or a .zip of them through documents/importing/.

A job runs in a thread of its own (documents/importing/background.py) and is kept in the cache for a day under
its id, for its owner to read. A job done within IMPORT_WAIT_SECONDS answers 201 with its results, as most do; a
longer one (many pages of scans to read by OCR, a large zip) answers 202 "running", and GET /api/imports/<id>/
says "done" (or "failed") once it ends.
"""
from __future__ import annotations

import logging
import uuid
from dataclasses import asdict
from typing import Annotated, Any, Literal

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Path, Router, Schema, Status, UploadedFile

from documents.importing.background import run_and_wait
from documents.importing.builder import ImportFailure
from documents.importing.uploads import import_uploads

from .auth import TokenOrSession
from .problems import ApiProblem

logger = logging.getLogger(__name__)
router = Router(tags=["imports"], auth=TokenOrSession())
JOB_SECONDS = 24 * 3600
JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]


class FileOutcomeOut(Schema):
    file: str
    status: Literal["created", "existing", "failed"]
    document: int | None
    label: str
    notes: list[str]
    error: str


class ImportJobOut(Schema):
    id: str
    status: Literal["running", "done", "failed"]
    results: list[FileOutcomeOut]
    error: str = ""


def _key(job_id: str) -> str:
    return f"api-import-job:{job_id}"


@router.post("/", response={201: ImportJobOut, 202: ImportJobOut},
             summary="Nhập văn bản từ tệp (.txt, .docx, .doc, .odt, PDF, ảnh quét) hoặc .zip")
def create_import(request: HttpRequest, files: File[list[UploadedFile]], issue: Form[bool] = False,
                  visibility: Form[Literal["public", "internal", "restricted"] | None] = None):
    """201 with the results when the job ends within IMPORT_WAIT_SECONDS, else 202 "running": read
    GET /api/imports/<id>/ until its status is "done" or "failed"."""
    user = request.user
    if not (user.is_superuser or user.has_perm("wagtailadmin.access_admin")):
        raise ApiProblem(403, _("Bạn không có quyền nhập văn bản."))
    uploads = [(f.name or "tep", f.read()) for f in files]
    job: dict[str, Any] = {"id": uuid.uuid4().hex, "status": "running", "owner": user.pk, "results": [], "error": ""}
    cache.set(_key(job["id"]), job, JOB_SECONDS)
    running = dict(job)  # the thread changes ``job``
    if not run_and_wait(lambda: _run(job, user, uploads, issue, visibility), name=f"api-import-{job['id']}"):
        return Status(202, running)
    if job["status"] == "failed":
        raise ApiProblem(422, job["error"], {"files": [job["error"]]})
    return Status(201, job)


def _run(job: dict[str, Any], user, uploads: list[tuple[str, bytes]], issue: bool, visibility: str | None) -> None:
    """Import the uploads and keep the job's end (results, or why it failed) under its id."""
    try:
        outcomes = import_uploads(user, uploads, issue=issue, visibility=visibility)
        job.update(status="done", results=[asdict(o) for o in outcomes])
    except ImportFailure as exc:
        job.update(status="failed", error=str(exc))
    except Exception as exc:  # the job says it stopped; what was imported stays
        logger.exception("API import %s stopped", job["id"])
        job.update(status="failed", error=_("lỗi không mong đợi (%(error)s)") % {"error": f"{type(exc).__name__}: {exc}"})
    cache.set(_key(job["id"]), job, JOB_SECONDS)


@router.get("/{job_id}/", response=ImportJobOut, summary="Kết quả một lần nhập")
def get_import(request: HttpRequest, job_id: JobId):
    job = cache.get(_key(job_id))
    if job is None or job["owner"] != request.user.pk:
        raise ApiProblem(404, _("Không có lần nhập này (hoặc đã quá một ngày)."))
    return job
