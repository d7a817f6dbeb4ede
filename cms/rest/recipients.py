"""/api/recipients/: the Nơi nhận directory and its saved lists (reading for drafters, writing for clerks)."""
from __future__ import annotations

from typing import Annotated, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from pydantic import ConfigDict

from documents.distribution import entries
from documents.models import Recipient, RecipientList

from .auth import TokenOrSession
from .problems import ApiProblem

router = Router(tags=["recipients"], auth=TokenOrSession())
Id = Annotated[int, Path(ge=1, le=2147483647)]
RecipientKindValue = Literal["body", "person", "group", "class"]
IdValue = Annotated[int, Field(ge=1, le=2147483647)]


class DirectoryEntryOut(Schema):
    id: int
    name: str
    kind: str
    issuer: int | None
    user: int | None
    email: str
    aliases: list[str]
    members: list[int]
    active: bool


class SavedListEntryOut(Schema):
    recipient: int
    name: str
    purpose: str
    archive: bool


class SavedListOut(Schema):
    id: int
    name: str
    entries: list[SavedListEntryOut]


class DirectoryOut(Schema):
    recipients: list[DirectoryEntryOut]
    lists: list[SavedListOut]


class DirectoryEntryPatch(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)

    name: str | None = Field(None, min_length=1, max_length=255)
    kind: RecipientKindValue | None = None
    issuer: IdValue | None = None
    user: IdValue | None = None
    email: str | None = Field(None, max_length=254)
    aliases: str | None = Field(None, max_length=5000, description="mỗi dòng một tên gọi khác")
    members: list[IdValue] | None = Field(None, max_length=500)
    active: bool | None = None


class DirectoryEntryCreate(DirectoryEntryPatch):
    name: str = Field(..., min_length=1, max_length=255)


class SavedListEntryIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)

    recipient: IdValue
    purpose: str = Field("", max_length=100)
    archive: bool = False


class SavedListPatch(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)

    name: str | None = Field(None, min_length=1, max_length=255)
    entries: list[SavedListEntryIn] | None = Field(None, max_length=500)


class SavedListCreate(SavedListPatch):
    name: str = Field(..., min_length=1, max_length=255)


def _recipient_json(entry: Recipient) -> dict:
    return {"id": entry.pk, "name": entry.name, "kind": entry.kind, "issuer": entry.issuer_id, "user": entry.user_id,
            "email": entry.email, "aliases": entry.alias_list(), "active": entry.active,
            "members": sorted(m.pk for m in entry.members.all())}


def _list_json(recipient_list: RecipientList) -> dict:
    return {"id": recipient_list.pk, "name": recipient_list.name, "entries": [
        {"recipient": e.recipient_id, "name": e.recipient.name, "purpose": e.purpose, "archive": e.archive}
        for e in recipient_list.entries.select_related("recipient").order_by("sort_order")]}


def _readable(request: HttpRequest) -> None:
    if not entries.can_read_directory(request.user):
        raise ApiProblem(403, _("Bạn không có quyền xem danh bạ nơi nhận."))


@router.get("/", response=DirectoryOut, summary="Danh bạ nơi nhận và các danh sách đã lưu")
def directory(request: HttpRequest):
    _readable(request)
    return {
        "recipients": [_recipient_json(r) for r in Recipient.objects.prefetch_related("members").order_by("name")],
        "lists": [_list_json(rl) for rl in RecipientList.objects.order_by("name")],
    }


@router.post("/", response={201: DirectoryEntryOut}, summary="Thêm nơi nhận vào danh bạ (văn thư)")
def create_recipient(request: HttpRequest, payload: DirectoryEntryCreate):
    entry = entries.create_entry(request.user, payload.model_dump(exclude_unset=True))
    return Status(201, _recipient_json(entry))


@router.post("/lists/", response={201: SavedListOut}, summary="Lưu một danh sách nơi nhận (văn thư)")
def create_list(request: HttpRequest, payload: SavedListCreate):
    return Status(201, _list_json(entries.save_list(request.user, payload.model_dump(exclude_unset=True))))


@router.patch("/lists/{list_id}/", response=SavedListOut, summary="Sửa một danh sách nơi nhận (văn thư)")
def update_list(request: HttpRequest, list_id: Id, payload: SavedListPatch):
    _readable(request)
    recipient_list = RecipientList.objects.filter(pk=list_id).first()
    if recipient_list is None:
        raise ApiProblem(404, _("Không có danh sách này."))
    return _list_json(entries.save_list(request.user, payload.model_dump(exclude_unset=True), recipient_list))


# After the lists: "/lists/" must not be taken for a recipient id.
@router.patch("/{recipient_id}/", response=DirectoryEntryOut, summary="Sửa một nơi nhận (văn thư)")
def update_recipient(request: HttpRequest, recipient_id: Id, payload: DirectoryEntryPatch):
    _readable(request)
    entry = Recipient.objects.filter(pk=recipient_id).first()
    if entry is None:
        raise ApiProblem(404, _("Không có nơi nhận này trong danh bạ."))
    return _recipient_json(entries.update_entry(entry, request.user, payload.model_dump(exclude_unset=True)))
