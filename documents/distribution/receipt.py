"""What receivers do: open (đã xem) and confirm receipt (xác nhận đã nhận)."""
from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from documents.models import Delivery, DeliveryChannel, DeliveryNotice, DeliveryStatus

RECEIPT_SALT = "documents.distribution.receipt.v2"  # v1 links (signed with SECRET_KEY, no expiry) are refused
OPEN = (DeliveryStatus.QUEUED, DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.READ)


def mark_read(user, document_id: int, *, now=None) -> int:
    """The user opened the document: their delivered copies become "read" (first time only). Returns how many
    copies were opened now. One UPDATE, which matches nothing from the second view on (every page view runs it)."""
    if user is None or not user.is_authenticated:
        return 0
    now = now or timezone.now()
    delivered = Q(status=DeliveryStatus.SENT) & ~Q(channel=DeliveryChannel.ARCHIVE)
    # A mail still waiting keeps its status (the queue still sends it); the time of reading is kept anyway.
    return Delivery.objects.filter(
        user=user, document_id=document_id, notice=DeliveryNotice.ISSUE, read_at__isnull=True, status__in=OPEN,
    ).update(status=Case(When(delivered, then=Value(DeliveryStatus.READ)), default=F("status")), read_at=now)


def _same_receiver(delivery: Delivery):
    qs = Delivery.objects.filter(document_id=delivery.document_id, notice=delivery.notice)
    if delivery.user_id:
        return qs.filter(user_id=delivery.user_id)
    return qs.filter(pk=delivery.pk)


def mark_delivery_read(delivery: Delivery, *, now=None) -> None:
    now = now or timezone.now()
    if delivery.notice == DeliveryNotice.ISSUE and delivery.user_id:
        mark_read(delivery.user, delivery.document_id, now=now)
    else:
        Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENT).update(status=DeliveryStatus.READ, read_at=now)
    delivery.refresh_from_db()


def acknowledge(delivery: Delivery, *, now=None) -> Delivery:
    """Xác nhận đã nhận, for every copy this receiver got of this notice (inbox and e-mail alike). Idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        copies = _same_receiver(delivery).filter(status__in=OPEN).exclude(channel=DeliveryChannel.ARCHIVE)
        copies.filter(read_at__isnull=True).update(read_at=now)
        copies.update(status=DeliveryStatus.ACKNOWLEDGED, acknowledged_at=now, next_attempt_at=None)
    delivery.refresh_from_db()
    return delivery


# -- the acknowledgement link of an e-mail ---------------------------------------------------------------------
def _receipt_key() -> str:
    from django.core.exceptions import ImproperlyConfigured

    if not settings.RECEIPT_SIGNING_KEY:  # an empty key would make Django sign with SECRET_KEY
        raise ImproperlyConfigured("RECEIPT_SIGNING_KEY is not set")
    return settings.RECEIPT_SIGNING_KEY


def ack_token(delivery: Delivery) -> str:
    """A link token for this delivery only, signed with settings.RECEIPT_SIGNING_KEY — never SECRET_KEY, which
    is public under `make run` — and valid for settings.RECEIPT_LINK_MAX_AGE seconds."""
    return signing.dumps({"d": delivery.pk}, key=_receipt_key(), salt=RECEIPT_SALT, compress=True)


def delivery_from_token(token: str) -> int | None:
    """The delivery id of a link from an e-mail; None when it was altered, forged with another key or expired."""
    try:
        data = signing.loads(token, key=_receipt_key(), salt=RECEIPT_SALT,
                             max_age=settings.RECEIPT_LINK_MAX_AGE)
        return int(data["d"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
