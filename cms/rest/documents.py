"""/api/documents/: create, read, change and delete drafts; the workflow's actions on a document.

Wiring only: the rules are in documents.drafting, documents.workflow.operations and documents.permissions.
"""
from __future__ import annotations

import json
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import Path, Router, Status
from ninja.responses import NinjaJSONEncoder

from cms import anonymous_cache, document_cache
from documents import drafting
from documents.models import DocumentPage, Visibility
from documents.permissions import can_read
from documents.serializers import citations_json, document_json
from documents.workflow import operations as actions

from .auth import OptionalAuth, TokenOrSession
from .problems import ApiProblem
from .schemas import DocumentCreate, DocumentOut, DocumentPatch, TransitionIn, TransitionsOut

router = Router(tags=["documents"])
DocumentId = Annotated[int, Path(ge=1, le=2147483647, description="id của văn bản (id trang)")]


def _readable_row(request: HttpRequest, document_id: int) -> DocumentPage:
    """The document's row (not its kind's) if the caller may read it; 404 otherwise, as if it did not exist."""
    page = DocumentPage.objects.select_related("issuer").filter(pk=document_id).first()
    if page is None or not can_read(request.user, page):
        raise ApiProblem(404, _("Không tìm thấy văn bản."))
    return page


def readable_document(request: HttpRequest, document_id: int) -> DocumentPage:
    """The document (its kind's page) if the caller may read it in its current state; 404 otherwise."""
    return _readable_row(request, document_id).specific


def document_out(page: DocumentPage, request: HttpRequest) -> dict[str, Any]:
    """The pages API's document JSON with its body, from the newest content (a draft's latest revision)."""
    current = drafting.editable_version(page)
    data = document_json(current, request)
    body = getattr(current, "body", None)
    data["body"] = body.stream_block.get_api_representation(body) if body is not None else []
    data.update(citations_json(page, request))
    if current is not page:  # the row's values the workflow owns are the truth, not the revision's copy
        data.update(state=page.state, number=page.number, notation=page.notation,
                    issued_on=page.issued_on.isoformat() if page.issued_on else None, status=page.legal_status)
    return data


def _draft_data(payload: DocumentPatch) -> drafting.DraftData:
    given = payload.model_dump(exclude_unset=True)
    return drafting.DraftData(
        title=given.get("title"), place=given.get("place"), unit_code=given.get("unit_code"),
        preamble=given.get("preamble"),
        visibility=given.get("visibility"), urgency=given.get("urgency"), bases=given.get("bases"),
        body=given.get("body"), signer=given.get("signer"), recipients=given.get("recipients"),
    )


@router.post("/", response={201: DocumentOut}, auth=TokenOrSession(), summary="Soạn một dự thảo mới")
def create_document(request: HttpRequest, payload: DocumentCreate):
    issuer = drafting.find_issuer(payload.issuer)
    if issuer is None:
        raise ApiProblem(422, _("Không có cơ quan ban hành này."), {"issuer": [_("Không có cơ quan ban hành này.")]})
    page = drafting.create_draft(request.user, payload.kind, issuer, _draft_data(payload))
    return Status(201, document_out(page, request))


@router.get("/{document_id}/", response=DocumentOut, auth=OptionalAuth(), summary="Một văn bản")
def get_document(request: HttpRequest, document_id: DocumentId):
    page = _readable_row(request, document_id)  # the row tells whether it is cached: no kind query on a hit
    if not document_cache.cacheable(page):
        return document_out(page.specific, request)
    return cached_detail(request, page)


def cached_detail(request: HttpRequest, page: DocumentPage) -> HttpResponse:
    """An issued document's JSON from the cache, keyed by what this caller may see of its relations; its ETag
    answers If-None-Match with 304. Reached only after readable_document's permission check."""
    relations = document_cache.visible_relation_ids(page, request.user)
    key = document_cache.content_key("api", page, request, relations)
    tag = document_cache.etag(key)
    if document_cache.matches(request, tag):
        response: HttpResponse = HttpResponseNotModified()
    else:
        body = document_cache.remember(key, lambda: json.dumps(
            DocumentOut.model_validate(document_out(page.specific, request)).model_dump(), cls=NinjaJSONEncoder))
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = tag
    if page.last_published_at:
        response["Last-Modified"] = http_date(page.last_published_at.timestamp())
    # Revalidate every time; a document not open to everyone never goes into a shared cache.
    if page.visibility == Visibility.PUBLIC:
        patch_cache_control(response, no_cache=True)
    else:
        patch_cache_control(response, no_cache=True, private=True)
    patch_vary_headers(response, ["Authorization", "Cookie"])
    anonymous_cache.mark_shareable(request, response, page, relations)
    return response


@router.patch("/{document_id}/", response=DocumentOut, auth=TokenOrSession(), summary="Sửa dự thảo (từng phần)")
def update_document(request: HttpRequest, document_id: DocumentId, payload: DocumentPatch):
    page = readable_document(request, document_id)
    page = drafting.update_draft(page, request.user, _draft_data(payload))
    return document_out(page, request)


@router.delete("/{document_id}/", response={204: None}, auth=TokenOrSession(), summary="Xóa dự thảo")
def delete_document(request: HttpRequest, document_id: DocumentId):
    drafting.delete_draft(readable_document(request, document_id), request.user)
    return HttpResponse(status=204)


@router.get("/{document_id}/transitions/", response=TransitionsOut, auth=TokenOrSession(),
            summary="Các thao tác người gọi được làm bây giờ")
def list_transitions(request: HttpRequest, document_id: DocumentId):
    page = readable_document(request, document_id)
    return {"state": page.state, "actions": actions.available_actions(page, request.user)}


@router.post("/{document_id}/transitions/", response=DocumentOut, auth=TokenOrSession(),
             summary="Trình ký, ký, trả lại, ban hành, thu hồi")
def take_transition(request: HttpRequest, document_id: DocumentId, payload: TransitionIn):
    page = readable_document(request, document_id)
    page = actions.perform(page, request.user, payload.action, payload.comment, issued_on=payload.issued_on,
                           copies=payload.copies)
    return document_out(DocumentPage.objects.get(pk=page.pk).specific, request)
