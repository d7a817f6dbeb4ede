"""/api/imports/: import uploaded files (.txt, .docx, .doc, .odt, PDF, scans: documents.importing.reader.
SUPPORTED_SUFFIXES) or a .zip of them through documents/importing/.

A job runs while the request waits and is kept in the cache for a day under its id, for its owner to read again.
"""
from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Annotated, Literal

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Path, Router, Schema, Status, UploadedFile

from documents.importing.builder import ImportFailure
from documents.importing.uploads import import_uploads

from .auth import TokenOrSession
from .problems import ApiProblem

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
    status: Literal["done"]
    results: list[FileOutcomeOut]


def _key(job_id: str) -> str:
    return f"api-import-job:{job_id}"


@router.post("/", response={201: ImportJobOut}, summary="Nhập văn bản từ tệp (.txt, .docx, .doc, .odt, PDF, ảnh quét) hoặc .zip")
def create_import(request: HttpRequest, files: File[list[UploadedFile]], issue: Form[bool] = False,
                  visibility: Form[Literal["public", "internal", "restricted"] | None] = None):
    user = request.user
    if not (user.is_superuser or user.has_perm("wagtailadmin.access_admin")):
        raise ApiProblem(403, _("Bạn không có quyền nhập văn bản."))
    try:
        outcomes = import_uploads(user, [(f.name or "tep", f.read()) for f in files], issue=issue,
                                  visibility=visibility)
    except ImportFailure as exc:
        raise ApiProblem(422, str(exc), {"files": [str(exc)]}) from None
    job = {"id": uuid.uuid4().hex, "status": "done", "owner": user.pk, "results": [asdict(o) for o in outcomes]}
    cache.set(_key(job["id"]), job, JOB_SECONDS)
    return Status(201, job)


@router.get("/{job_id}/", response=ImportJobOut, summary="Kết quả một lần nhập")
def get_import(request: HttpRequest, job_id: JobId):
    job = cache.get(_key(job_id))
    if job is None or job["owner"] != request.user.pk:
        raise ApiProblem(404, _("Không có lần nhập này (hoặc đã quá một ngày)."))
    return job
