"""/api/documents/{id}/history/, diff/, sharing/ and lock/: a document's revisions and events, what changed
between two revisions, its named readers, and Wagtail's lock."""
from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict
from wagtail.models import PageLogEntry, Revision

from documents import locking, sharing
from documents.models import DocumentPage
from documents.revisions import diff_documents
from documents.workflow.operations import handles

from .auth import TokenOrSession
from .documents import DocumentId, readable_document
from .problems import ApiProblem

router = Router(tags=["documents"], auth=TokenOrSession())


class RevisionOut(Schema):
    id: int
    created_at: str
    user: str | None
    title: str
    published: bool


class EventOut(Schema):
    id: int
    action: str
    label: str
    message: str
    comment: str
    timestamp: str
    user: str | None
    revision: int | None


class HistoryOut(Schema):
    revisions: list[RevisionOut]
    events: list[EventOut]


class ChangeOut(Schema):
    part: str
    label: str
    change: str
    before: str | None
    after: str | None


class DiffOut(Schema):
    from_: int = Field(..., alias="from")
    to: int
    changes: list[ChangeOut]


class DiffParams(Schema):
    from_: int | None = Field(None, alias="from", ge=1, le=2147483647, description="id của phiên bản trước")
    to: int | None = Field(None, ge=1, le=2147483647, description="id của phiên bản sau (mặc định: mới nhất)")


class Principal(Schema):
    id: int
    name: str


class SharingOut(Schema):
    users: list[Principal]
    groups: list[Principal]


PrincipalId = Annotated[int, Field(ge=1, le=2147483647)]


class SharingIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)

    users: list[PrincipalId] = Field(default_factory=list, max_length=200)
    groups: list[PrincipalId] = Field(default_factory=list, max_length=200)


class SharingQuery(Schema):
    user: list[PrincipalId] = Field(default_factory=list, max_length=200)
    group: list[PrincipalId] = Field(default_factory=list, max_length=200)


class LockOut(Schema):
    locked: bool
    locked_by: str | None
    locked_at: str | None


def _handled_document(request: HttpRequest, document_id: int) -> DocumentPage:
    """Readable (else 404) and handled by the caller in the admin (else 403): history is the admin's view."""
    page = readable_document(request, document_id)
    # The admin shows revisions to those who work on the document there (a reader has no admin access).
    if not (handles(page, request.user) and page.permissions_for_user(request.user).can_view_revisions()):
        raise ApiProblem(403, _("Bạn không có quyền xem lịch sử văn bản này."))
    return page


def _username(user) -> str | None:
    return user.get_username() if user is not None else None


@router.get("/{document_id}/history/", response=HistoryOut, summary="Các phiên bản và sự kiện của văn bản")
def history(request: HttpRequest, document_id: DocumentId):
    page = _handled_document(request, document_id)
    revisions = page.revisions.select_related("user").order_by("-created_at", "-pk")
    events = PageLogEntry.objects.filter(page=page).select_related("user").order_by("-timestamp", "-pk")
    return {
        "revisions": [{
            "id": r.pk, "created_at": r.created_at.isoformat(), "user": _username(r.user),
            "title": str(r.content.get("title", "")), "published": r.pk == page.live_revision_id,
        } for r in revisions],
        "events": [{
            "id": e.pk, "action": e.action, "label": str(e.formatter.label if e.formatter else e.action),
            "message": str(e.message), "comment": str(e.comment or ""), "timestamp": e.timestamp.isoformat(),
            "user": _username(e.user), "revision": e.revision_id,
        } for e in events],
    }


def _revision(page: DocumentPage, revision_id: int) -> Revision:
    revision = page.revisions.filter(pk=revision_id).first()
    if revision is None:
        raise ApiProblem(404, _("Văn bản không có phiên bản %(id)s.") % {"id": revision_id})
    return revision


@router.get("/{document_id}/diff/", response=DiffOut, by_alias=True, summary="So sánh hai phiên bản theo từng phần")
def diff(request: HttpRequest, document_id: DocumentId, params: Query[DiffParams]):
    page = _handled_document(request, document_id)
    revisions = list(page.revisions.order_by("created_at", "pk").values_list("pk", flat=True))
    if not revisions:
        raise ApiProblem(404, _("Văn bản chưa có phiên bản nào."))
    to_id = params.to or revisions[-1]
    after = _revision(page, to_id)
    if params.from_ is not None:
        from_id = params.from_
    else:
        index = revisions.index(after.pk)
        from_id = revisions[index - 1] if index > 0 else after.pk
    before = _revision(page, from_id)
    changes = diff_documents(before.as_object(), after.as_object())
    return {"from": before.pk, "to": after.pk, "changes": [c.as_json() for c in changes]}


def _sharing_json(page: DocumentPage) -> dict:
    users, groups = sharing.readers(page)
    return {"users": [{"id": u.pk, "name": u.get_username()} for u in users],
            "groups": [{"id": g.pk, "name": g.name} for g in groups]}


def _sharable_document(request: HttpRequest, document_id: int) -> DocumentPage:
    page = readable_document(request, document_id)
    if not sharing.can_share(request.user, page):
        raise ApiProblem(403, _("Chỉ văn thư của cơ quan ban hành được xem và đổi việc chia sẻ văn bản."))
    return page


@router.get("/{document_id}/sharing/", response=SharingOut, summary="Người và nhóm được cấp quyền đọc")
def get_sharing(request: HttpRequest, document_id: DocumentId):
    return _sharing_json(_sharable_document(request, document_id))


@router.post("/{document_id}/sharing/", response=SharingOut, summary="Cấp quyền đọc cho người hoặc nhóm")
def add_sharing(request: HttpRequest, document_id: DocumentId, payload: SharingIn):
    page = _sharable_document(request, document_id)
    sharing.share(page, request.user, payload.users, payload.groups)
    return _sharing_json(page)


@router.delete("/{document_id}/sharing/", response=SharingOut, summary="Thu hồi quyền đọc (?user=&group=)")
def remove_sharing(request: HttpRequest, document_id: DocumentId, params: Query[SharingQuery]):
    page = _sharable_document(request, document_id)
    sharing.unshare(page, request.user, params.user, params.group)
    return _sharing_json(page)


@router.post("/{document_id}/lock/", response=LockOut, summary="Khóa văn bản (khóa của Wagtail)")
def lock_document(request: HttpRequest, document_id: DocumentId):
    return locking.lock_json(locking.lock(readable_document(request, document_id), request.user))


@router.delete("/{document_id}/lock/", response=LockOut, summary="Mở khóa văn bản")
def unlock_document(request: HttpRequest, document_id: DocumentId):
    return locking.lock_json(locking.unlock(readable_document(request, document_id), request.user))
