"""/api/imports/: import uploaded files (.txt, .docx, .doc, .odt, PDF, scans: documents.importing.reader.
SUPPORTED_SUFFIXES) or a .zip of them through documents/importing/.

A job runs in a thread of its own (documents/importing/background.py) and is kept in the cache for a day under
its id, for its owner to read. A job done within IMPORT_WAIT_SECONDS answers 201 with its results, as most do; a
longer one (many pages of scans to read by OCR, a large zip) answers 202 "running", and GET /api/imports/<id>/
says "done" (or "failed") once it ends.
"""
from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Annotated, Literal

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Path, Router, Schema, Status, UploadedFile

from documents.importing.background import run_job
from documents.importing.uploads import import_uploads
from documents.models import Issuer
from documents.permissions import is_clerk

from .auth import TokenOrSession
from .problems import ApiProblem

router = Router(tags=["imports"], auth=TokenOrSession())
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
                  visibility: Form[Literal["public", "internal", "restricted"] | None] = None,
                  fallback_issuer: Form[int | None] = None):
    """201 with the results when the job ends within IMPORT_WAIT_SECONDS, else 202 "running": read
    GET /api/imports/<id>/ until its status is "done" or "failed". ``fallback_issuer``: the id of the issuer of
    a document whose own is not recognised (one that prints its issuer keeps it), as the admin's batch offers."""
    user = request.user
    if not (user.is_superuser or user.has_perm("wagtailadmin.access_admin")):
        raise ApiProblem(403, _("Bạn không có quyền nhập văn bản."))
    fallback = Issuer.objects.filter(pk=fallback_issuer).first() if fallback_issuer is not None else None
    if fallback_issuer is not None and (fallback is None or not (user.is_superuser or is_clerk(user, fallback))):
        raise ApiProblem(422, _("Không có cơ quan ban hành này, hoặc bạn không phải văn thư của cơ quan này."),
                         {"fallback_issuer": [_("Chọn một cơ quan mà bạn là văn thư.")]})
    uploads = [(f.name or "tep", f.read()) for f in files]
    job = {"id": uuid.uuid4().hex, "status": "running", "owner": user.pk, "results": [], "error": ""}

    def work() -> dict:
        return {"results": [asdict(o) for o in import_uploads(user, uploads, issue=issue, visibility=visibility,
                                                                           fallback=fallback)]}

    ended = run_job(job, _key(job["id"]), work, name=f"api-import-{job['id']}")
    if ended is None:
        return Status(202, job)
    if ended["status"] == "failed":
        raise ApiProblem(422, ended["error"], {"files": [ended["error"]]})
    return Status(201, ended)


@router.get("/{job_id}/", response=ImportJobOut, summary="Kết quả một lần nhập")
def get_import(request: HttpRequest, job_id: JobId):
    job = cache.get(_key(job_id))
    if job is None or job["owner"] != request.user.pk:
        raise ApiProblem(404, _("Không có lần nhập này (hoặc đã quá một ngày)."))
    return job
