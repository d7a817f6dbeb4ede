"""REST endpoints: the receiver's inbox, the clerk's tracking, the outgoing register export."""
from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from documents.models import Delivery, DeliveryChannel, DeliveryStatus, DocumentPage, Issuer
from documents.permissions import is_clerk
from documents.serializers import document_json, prefetch_for_json

from .receipt import acknowledge, mark_delivery_read
from .register_export import RegisterQueryError, export_response, parse_period
from .tracking import _iso, tracking_json


def not_found() -> NotFound:
    """The one 404 of these endpoints: a missing id and one the caller may not see answer the same body."""
    return NotFound(_("Không tìm thấy."))


def get_or_404(queryset, **lookup):
    found = queryset.filter(**lookup).first()
    if found is None:
        raise not_found()
    return found


def inbox_queryset(user):
    """The user's own in-app deliveries (issue and recall notices); revoked copies disappear."""
    return (
        Delivery.objects.filter(user=user, channel=DeliveryChannel.INBOX)
        .exclude(status=DeliveryStatus.REVOKED)
        .select_related("document")
        .order_by("-queued_at", "-pk")
    )


def with_documents(deliveries) -> list[tuple[Delivery, DocumentPage]]:
    """Each delivery with its document as its own kind, every document read in one pass (not one per row)."""
    deliveries = list(deliveries)
    pages = prefetch_for_json(DocumentPage.objects.filter(pk__in={d.document_id for d in deliveries}).specific())
    by_pk = {page.pk: page for page in pages}
    return [(d, by_pk[d.document_id]) for d in deliveries]


def delivery_json(delivery: Delivery) -> dict[str, Any]:
    return {
        "id": delivery.pk,
        "status": delivery.status,
        "channel": delivery.channel,
        "notice": delivery.notice,
        "sent_at": _iso(delivery.sent_at),
        "read_at": _iso(delivery.read_at),
        "acknowledged_at": _iso(delivery.acknowledged_at),
        "deadline": _iso(delivery.deadline),
        "overdue": delivery.is_overdue(),
    }


def inbox_item_json(delivery: Delivery, request=None, page: DocumentPage | None = None) -> dict[str, Any]:
    data = document_json(page or delivery.document.specific, request)
    data["delivery"] = delivery_json(delivery)
    return data


def _own_delivery(request, delivery_id: int) -> Delivery:
    return get_or_404(inbox_queryset(request.user), pk=delivery_id)


class InboxView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        items = [inbox_item_json(d, request, page) for d, page in with_documents(inbox_queryset(request.user))]
        return Response({"count": len(items), "results": items})


class InboxItemView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, delivery_id: int):
        delivery = _own_delivery(request, delivery_id)
        mark_delivery_read(delivery)
        return Response(inbox_item_json(delivery, request))


class InboxAcknowledgeView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, delivery_id: int):
        delivery = acknowledge(_own_delivery(request, delivery_id))
        return Response(inbox_item_json(delivery, request))


class DocumentDeliveriesView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, page_id: int):
        page = get_or_404(DocumentPage.objects.select_related("issuer"), pk=page_id)
        if not is_clerk(request.user, page.issuer):
            raise not_found()
        return Response(tracking_json(page))


class OutgoingRegisterView(APIView):
    """Sổ đăng ký văn bản đi of one issuer, CSV or XLSX; ?from=YYYY-MM-DD&to=YYYY-MM-DD."""

    permission_classes = [IsAuthenticated]
    file_format = "csv"

    def get(self, request, issuer_id: int):
        issuer = get_or_404(Issuer.objects.all(), pk=issuer_id)
        if not is_clerk(request.user, issuer):
            raise not_found()
        try:
            start, end = parse_period(request.GET.get("from"), request.GET.get("to"))
        except RegisterQueryError as exc:
            return Response({"detail": str(exc)}, status=400)
        return export_response(issuer, start, end, self.file_format)
