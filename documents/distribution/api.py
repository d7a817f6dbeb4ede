"""The inbox's JSON and queryset, shared by the API (cms/rest/distribution.py) and the reader's inbox page."""
from __future__ import annotations

from typing import Any

from documents.models import Delivery, DeliveryChannel, DeliveryNotice, DeliveryStatus, DocumentPage
from documents.serializers import document_json, prefetch_for_json

from .tracking import _iso


def inbox_queryset(user):
    """The user's own in-app deliveries (issue and recall notices); revoked copies disappear."""
    return (
        Delivery.objects.filter(user=user, channel=DeliveryChannel.INBOX)
        .exclude(status=DeliveryStatus.REVOKED)
        .select_related("document")
        .order_by("-queued_at", "-pk")
    )


def inbox_copy(user, document_id: int) -> Delivery | None:
    """The user's own inbox copy of a document (its latest issue notice), or None. Kept on the user object for
    its request: the page's ETag and its reader box both ask."""
    if user is None or not user.is_authenticated:
        return None
    known = user.__dict__.setdefault("_vanban_inbox_copies", {})
    if document_id not in known:
        known[document_id] = inbox_queryset(user).filter(document_id=document_id, notice=DeliveryNotice.ISSUE).first()
    return known[document_id]


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
