"""/api/documents/{id}/attachments/: add a file to a draft (multipart) and take one off."""
from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Path, Router, Status, UploadedFile

from documents import attaching
from documents.models import DocumentAttachment

from .auth import TokenOrSession
from .documents import DocumentId, document_out, readable_document
from .problems import ApiProblem
from .schemas import DocumentOut

router = Router(tags=["documents"], auth=TokenOrSession())
AttachmentId = Annotated[int, Path(ge=1, le=2147483647)]


@router.post("/{document_id}/attachments/", response={201: DocumentOut}, summary="Đính kèm tệp vào dự thảo")
def add_attachment(request: HttpRequest, document_id: DocumentId, file: File[UploadedFile],
                   caption: Form[str] = ""):
    page = readable_document(request, document_id)
    page, _attachment = attaching.attach_file(page, request.user, file, caption)
    return Status(201, document_out(page, request))


@router.delete("/{document_id}/attachments/{attachment_id}/", response=DocumentOut, summary="Bỏ tệp đính kèm")
def remove_attachment(request: HttpRequest, document_id: DocumentId, attachment_id: AttachmentId):
    page = readable_document(request, document_id)
    try:
        page = attaching.remove_file(page, request.user, attachment_id)
    except DocumentAttachment.DoesNotExist:
        raise ApiProblem(404, _("Văn bản không có tệp đính kèm này.")) from None
    return document_out(page, request)
