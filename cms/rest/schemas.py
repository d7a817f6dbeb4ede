"""Shapes of the document API (input and output); the output is documents.serializers.document_json + body."""
from __future__ import annotations

import datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

Kind = Literal["quy_che", "quyet_dinh", "ke_hoach", "bao_cao", "bien_ban"]
VisibilityValue = Literal["public", "internal", "restricted"]
UrgencyValue = Literal["", "khan", "thuong_khan", "hoa_toc"]
Action = Literal["submit", "sign", "return", "issue", "recall"]
PageId = int


class Strict(Schema):
    """Input as the schema says it, no coercion ("0" is no integer, 0 no boolean), no unknown keys."""

    model_config = ConfigDict(extra="forbid", strict=True)


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: dict[str, list[str]] | None = None


class SignerIn(Strict):
    authority: str | None = Field(None, max_length=260, description="Ví dụ “T/M BAN THƯỜNG VỤ”; rỗng: ký trực tiếp")
    position: str | None = Field(None, max_length=255)
    name: str | None = Field(None, max_length=255)
    user: int | None = Field(None, ge=1, le=2147483647)


class RecipientIn(Strict):
    name: str = Field("", max_length=255)
    purpose: str = Field("", max_length=100)
    archive: bool = False
    directory_id: int | None = Field(None, ge=1, le=2147483647)


class BlockIn(Schema):
    type: str = Field(..., max_length=40)
    value: Any = None


class DocumentPatch(Strict):
    title: str | None = Field(None, min_length=1, max_length=255)
    place: str | None = Field(None, max_length=100)
    unit_code: str | None = Field(None, max_length=20, description="ký hiệu đơn vị soạn thảo sau ký hiệu cơ quan: "
                                  "VP trong 15/UBND-VP")
    bases: list[str] | None = None
    preamble: str | None = None
    body: list[BlockIn] | None = None
    signer: SignerIn | None = None
    recipients: list[RecipientIn] | None = None
    visibility: VisibilityValue | None = None
    urgency: UrgencyValue | None = None


class DocumentCreate(DocumentPatch):
    kind: Kind
    issuer: int | str = Field(..., description="id hoặc ký hiệu của cơ quan ban hành (ví dụ “BCĐ”)")
    title: str = Field(..., min_length=1, max_length=255)


class IssuerOut(Schema):
    id: int
    name: str
    code: str
    superior: str
    system: str


class SignerOut(Schema):
    authority: str
    position: str
    name: str


class RecipientOut(Schema):
    name: str
    purpose: str
    archive: bool


class RelationOut(Schema):
    relation: str
    target: int
    notation: str


class RelatedByOut(Schema):
    relation: str
    source: int
    notation: str


class AttachmentOut(Schema):
    id: int
    title: str
    url: str


class DocumentJSON(Schema):
    """documents.serializers.document_json: the one JSON of a document (pages API, search hits, inbox)."""

    id: int
    url: str
    kind: str
    type_code: str
    unit_code: str
    type_name: str
    number: int | None
    notation: str
    issued_on: datetime.date | None
    place: str
    issuer: IssuerOut
    title: str
    bases: list[str]
    signer: SignerOut
    recipients: list[RecipientOut]
    status: str
    visibility: str
    state: str
    urgency: str
    rule_set: str
    relations: list[RelationOut]
    related_by: list[RelatedByOut]
    attachments: list[AttachmentOut]


class CitedOut(Schema):
    """A document cited by this one, or citing it. A citation that matches no document the caller may read has
    id, title and url null: only the citing document's own words (text, notation and date as cited)."""

    id: int | None = Field(..., description="id của văn bản được dẫn; null nếu chưa có trong hệ thống hoặc không được xem")
    title: str | None
    notation: str
    date: datetime.date | None
    url: str | None
    text: str = Field(..., description="lời trích dẫn trong văn bản dẫn")
    recalled: bool = Field(False, description="văn bản được dẫn đã bị thu hồi (url dẫn đến thông báo thu hồi)")


class DocumentOut(DocumentJSON):
    """A document with its structured body (the pages API's detail) and its citations both ways."""

    body: list[dict[str, Any]]
    cites: list[CitedOut]
    cited_by: list[CitedOut]


class TransitionIn(Strict):
    action: Action
    comment: str = Field("", max_length=2000)
    issued_on: datetime.date | None = Field(None, strict=False)  # JSON has no dates: "YYYY-MM-DD" is the form
    copies: int | None = Field(None, ge=1, le=100000)


class TransitionsOut(Schema):
    state: str
    actions: list[Action]
