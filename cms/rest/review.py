"""/api/documents/{id}/review/: rà soát văn bản nhập, the admin's form as a resource (documents.workflow.review
holds the rules): what an issued import still has to review, and the clerk's corrections."""
from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from documents.models import DocumentPage
from documents.workflow.review import can_review, correct_import, recipient_entries

from .auth import TokenOrSession
from .documents import DocumentId, readable_document
from .problems import ApiProblem
from .schemas import Strict

router = Router(tags=["documents"], auth=TokenOrSession())


class ReviewIn(Strict):
    """Only the keys given (and not null) change; ``review_notes`` is what is left to review ([] when done).
    ``number`` given alone renumbers the notation; ``notation`` given alone carries its own number."""

    number: int | None = Field(None, ge=1, le=999999, description="số in trên bản gốc")
    notation: str | None = Field(None, min_length=1, max_length=80, description="số và ký hiệu, ví dụ 105-QĐ/ĐU")
    issued_on: datetime.date | None = Field(None, strict=False, description="ngày ban hành, YYYY-MM-DD")
    place: str | None = Field(None, min_length=1, max_length=100, description="địa danh")

    title: str | None = Field(None, min_length=1, max_length=255, description="trích yếu")
    signer_authority: str | None = Field(None, max_length=5, description="T/M, K/T, T/L, TM., KT., TL., TUQ.; \"\": ký trực tiếp")
    signer_authority_body: str | None = Field(None, max_length=255, description="sau T/M, K/T…: BAN THƯỜNG VỤ, TRƯỞNG BAN")
    signer_position: str | None = Field(None, max_length=255)
    signer_name: str | None = Field(None, max_length=255)
    bases: list[str] | None = Field(None, description="căn cứ, theo thứ tự")
    recipients: list[str] | None = Field(
        None, description="nơi nhận, theo thứ tự, mỗi mục như in: \"Thường trực Đảng ủy (b/c)\", \"Lưu VP\"")
    review_notes: list[str] | None = Field(None, description="những mục còn cần rà soát")


class ReviewOut(Schema):
    id: int
    number: int | None
    notation: str
    issued_on: datetime.date | None
    place: str
    title: str
    signer_authority: str
    signer_authority_body: str
    signer_position: str
    signer_name: str
    bases: list[str]
    recipients: list[str]
    review_notes: list[str]
    changed: list[str] = Field([], description="những gì lần này đã sửa")


def _reviewable(request: HttpRequest, document_id: int) -> DocumentPage:
    page = readable_document(request, document_id)
    if not can_review(request.user, page):
        raise ApiProblem(403, _("Chỉ văn thư của cơ quan ban hành được rà soát văn bản nhập còn cần rà soát."))
    return page


def _out(page: DocumentPage, changed: list[str] | None = None) -> dict:
    return {"id": page.pk, "number": page.number, "notation": page.notation, "issued_on": page.issued_on,
            "place": page.place, "title": page.title, "signer_authority": page.signer_authority,
            "signer_authority_body": page.signer_authority_body, "signer_position": page.signer_position,
            "signer_name": page.signer_name, "bases": [b.text for b in page.bases.order_by("sort_order", "pk")],
            "recipients": recipient_entries(page),
            "review_notes": [line for line in page.review_notes.splitlines() if line.strip()],
            "changed": changed or []}


@router.get("/{document_id}/review/", response=ReviewOut, summary="Những gì văn bản nhập còn cần rà soát")
def get_review(request: HttpRequest, document_id: DocumentId):
    return _out(_reviewable(request, document_id))


@router.post("/{document_id}/review/", response=ReviewOut, summary="Rà soát văn bản nhập (văn thư)")
def post_review(request: HttpRequest, document_id: DocumentId, payload: ReviewIn):
    page = _reviewable(request, document_id)
    current = _out(page)
    given = {key: value for key, value in payload.model_dump(exclude_unset=True).items() if value is not None}
    changed = correct_import(
        page, request.user, title=given.get("title", current["title"]),
        signer_authority=given.get("signer_authority", current["signer_authority"]),
        signer_authority_body=given.get("signer_authority_body", current["signer_authority_body"]),
        signer_position=given.get("signer_position", current["signer_position"]),
        signer_name=given.get("signer_name", current["signer_name"]), bases=given.get("bases", current["bases"]),
        recipients=given.get("recipients"),
        review_notes="\n".join(given.get("review_notes", current["review_notes"])),
        number=given.get("number"), notation=given.get("notation"), issued_on=given.get("issued_on"),
        place=given.get("place"))
    return _out(DocumentPage.objects.get(pk=page.pk).specific, changed)
