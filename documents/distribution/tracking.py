"""What the clerk sees of a document's distribution: every delivery, counts and the overdue ones."""
from __future__ import annotations

from typing import Any

from django.utils import timezone

from documents.models import Delivery, DeliveryChannel, DeliveryStatus, DocumentPage


def _iso(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def delivery_summary_json(delivery: Delivery, now=None) -> dict[str, Any]:
    return {
        "id": delivery.pk,
        "recipient": delivery.recipient_name,
        "recipient_id": delivery.recipient_id,
        "user": delivery.user.get_username() if delivery.user is not None else None,
        "email": delivery.email,
        "channel": delivery.channel,
        "notice": delivery.notice,
        "status": delivery.status,
        "via": delivery.via,
        "purpose": delivery.purpose,
        "queued_at": _iso(delivery.queued_at),
        "sent_at": _iso(delivery.sent_at),
        "read_at": _iso(delivery.read_at),
        "acknowledged_at": _iso(delivery.acknowledged_at),
        "revoked_at": _iso(delivery.revoked_at),
        "deadline": _iso(delivery.deadline),
        "overdue": delivery.is_overdue(now),
        "attempts": delivery.attempts,
        "next_attempt_at": _iso(delivery.next_attempt_at),
        "last_error": delivery.last_error,
    }


def document_deliveries(page: DocumentPage) -> list[Delivery]:
    return list(page.deliveries.select_related("user").order_by("notice", "priority", "pk"))


RECEIVER_CHANNELS = (DeliveryChannel.INBOX, DeliveryChannel.EMAIL, DeliveryChannel.MANUAL)


def receipt_counts(deliveries: list[Delivery]) -> tuple[int, int]:
    """(receivers who confirmed receipt, receivers): the one count of the tracking page and the register.

    A receiver is a person or body, not a delivery: one reached by inbox and e-mail counts once, and has
    confirmed when either copy was confirmed. Archive copies and revoked deliveries are not receivers.
    """
    seen: dict[str, bool] = {}
    for d in deliveries:
        if d.channel not in RECEIVER_CHANNELS or d.status == DeliveryStatus.REVOKED:
            continue
        key = f"user:{d.user_id}" if d.user_id else d.target_key
        seen[key] = seen.get(key, False) or d.status == DeliveryStatus.ACKNOWLEDGED
    return sum(seen.values()), len(seen)


def summary(deliveries: list[Delivery], now=None) -> dict[str, Any]:
    now = now or timezone.now()
    counts: dict[str, Any] = {"total": len(deliveries)}
    for status in DeliveryStatus.values:
        counts[status] = sum(1 for d in deliveries if d.status == status)
    counts["by_channel"] = {c: sum(1 for d in deliveries if d.channel == c) for c in DeliveryChannel.values}
    awaiting = [d for d in deliveries if d.channel != DeliveryChannel.ARCHIVE and d.status != DeliveryStatus.REVOKED]
    counts["awaiting_acknowledgement"] = sum(1 for d in awaiting if d.status != DeliveryStatus.ACKNOWLEDGED)
    counts["overdue"] = sum(1 for d in deliveries if d.is_overdue(now))
    counts["receivers_acknowledged"], counts["receivers"] = receipt_counts(deliveries)
    return counts


def tracking_json(page: DocumentPage, now=None) -> dict[str, Any]:
    now = now or timezone.now()
    deliveries = document_deliveries(page)
    return {
        "document": {
            "id": page.pk, "notation": page.notation, "title": page.title, "state": page.state,
            "urgency": page.urgency, "issued_on": page.issued_on.isoformat() if page.issued_on else None,
        },
        "summary": summary(deliveries, now),
        "deliveries": [delivery_summary_json(d, now) for d in deliveries],
        "overdue": [
            {"id": d.pk, "recipient": d.recipient_name, "channel": d.channel, "deadline": _iso(d.deadline)}
            for d in deliveries if d.is_overdue(now)
        ],
    }
