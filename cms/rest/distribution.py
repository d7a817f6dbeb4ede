"""The receiver's inbox, the clerk's tracking of one document and the outgoing register (same paths and JSON as
the DRF views they replace; the functions are those of documents/distribution/)."""
from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Router, Schema

from documents.distribution.api import inbox_item_json, inbox_queryset, with_documents
from documents.distribution.receipt import acknowledge, mark_delivery_read
from documents.distribution.register_export import (
    CONTENT_TYPES,
    RegisterQueryError,
    export_response,
    parse_period,
)
from documents.distribution.tracking import tracking_json
from documents.models import Delivery, DocumentPage, Issuer
from documents.permissions import is_clerk

from .auth import TokenOrSession
from .problems import ApiProblem
from .schemas import DocumentJSON

router = Router(tags=["distribution"], auth=TokenOrSession())
Id = Annotated[int, Path(ge=1, le=2147483647)]


class DeliveryOut(Schema):
    id: int
    status: str
    channel: str
    notice: str
    sent_at: str | None
    read_at: str | None
    acknowledged_at: str | None
    deadline: str | None
    overdue: bool


class InboxItemOut(DocumentJSON):
    delivery: DeliveryOut


class InboxOut(Schema):
    count: int
    results: list[InboxItemOut]


class TrackingOut(Schema):
    document: dict[str, Any]
    summary: dict[str, Any]
    deliveries: list[dict[str, Any]]
    overdue: list[dict[str, Any]]


def _own_delivery(request: HttpRequest, delivery_id: int) -> Delivery:
    delivery = inbox_queryset(request.user).filter(pk=delivery_id).first()
    if delivery is None:
        raise ApiProblem(404, _("Không tìm thấy văn bản đến này trong hộp thư của bạn."))
    return delivery


@router.get("/inbox/", response=InboxOut, summary="Hộp thư văn bản đến của người gọi")
def inbox(request: HttpRequest):
    items = [inbox_item_json(d, request, page) for d, page in with_documents(inbox_queryset(request.user))]
    return {"count": len(items), "results": items}


@router.get("/inbox/{delivery_id}/", response=InboxItemOut, summary="Mở một văn bản đến (đánh dấu đã đọc)")
def inbox_item(request: HttpRequest, delivery_id: Id):
    delivery = _own_delivery(request, delivery_id)
    mark_delivery_read(delivery)
    return inbox_item_json(delivery, request)


@router.post("/inbox/{delivery_id}/acknowledge/", response=InboxItemOut, summary="Xác nhận đã nhận văn bản")
def inbox_acknowledge(request: HttpRequest, delivery_id: Id):
    return inbox_item_json(acknowledge(_own_delivery(request, delivery_id)), request)


@router.get("/documents/{document_id}/deliveries/", response=TrackingOut, url_name="api_deliveries",
            summary="Theo dõi gửi văn bản (văn thư)")
def document_deliveries(request: HttpRequest, document_id: Id):
    page = DocumentPage.objects.select_related("issuer").filter(pk=document_id).first()
    if page is None or not is_clerk(request.user, page.issuer):
        raise ApiProblem(404, _("Không tìm thấy văn bản."))
    return tracking_json(page)


def _register(request: HttpRequest, issuer_id: int, file_format: str):
    issuer = Issuer.objects.filter(pk=issuer_id).first()
    if issuer is None or not is_clerk(request.user, issuer):
        raise ApiProblem(404, _("Không tìm thấy sổ văn bản của cơ quan này."))
    try:
        start, end = parse_period(request.GET.get("from"), request.GET.get("to"))
    except RegisterQueryError as exc:
        raise ApiProblem(400, str(exc)) from None
    return export_response(issuer, start, end, file_format)


def _file_response(file_format: str) -> dict:
    return {"responses": {200: {"description": _("Sổ đăng ký văn bản đi"),
                                "content": {CONTENT_TYPES[file_format]: {"schema": {"type": "string",
                                                                                     "format": "binary"}}}}}}


_PERIOD = {"parameters": [
    {"name": "from", "in": "query", "required": False, "schema": {"type": "string", "format": "date"}},
    {"name": "to", "in": "query", "required": False, "schema": {"type": "string", "format": "date"}},
]}


@router.get("/registers/{issuer_id}/outgoing.csv", summary="Sổ đăng ký văn bản đi (CSV)", url_name="api_register_csv",
            openapi_extra={**_file_response("csv"), **_PERIOD})
def register_csv(request: HttpRequest, issuer_id: Id):
    return _register(request, issuer_id, "csv")


@router.get("/registers/{issuer_id}/outgoing.xlsx", summary="Sổ đăng ký văn bản đi (XLSX)", url_name="api_register_xlsx",
            openapi_extra={**_file_response("xlsx"), **_PERIOD})
def register_xlsx(request: HttpRequest, issuer_id: Id):
    return _register(request, issuer_id, "xlsx")
