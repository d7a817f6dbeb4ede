"""Sending on issue: deliveries are rows first, then the queue sends mail one committed delivery at a time.

Guarantees: a delivery row exists before anything is sent; a worker claims one delivery with a
conditional UPDATE (two workers never send the same one); a delivery becomes "sent" only after the SMTP server
accepted the message; any error leaves it queued or failed with the reason and the time of the next attempt.
"""
from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.models import (
    Delivery,
    DeliveryChannel,
    DeliveryNotice,
    DeliveryStatus,
    DocumentPage,
    DocumentState,
    RegisterEntry,
)
from documents.permissions import grant_view, revoke_view

from . import conf
from .deadlines import ack_deadline, backoff, priority
from .mail import build_message, describe_error, notice_parts
from .resolve import resolve_document

logger = logging.getLogger(__name__)

RETRYABLE = (DeliveryStatus.QUEUED, DeliveryStatus.FAILED)


class DistributionError(Exception):
    """A document cannot be sent; the message says why, in Vietnamese."""


def is_archived_import(page: DocumentPage) -> bool:
    """Registered by an import of a past document (numbering.register_existing): sent long ago, never from here."""
    return RegisterEntry.objects.filter(document_id=page.pk, archived_import=True).exists()


def send_document(page: DocumentPage, user=None, *, now=None) -> list[Delivery]:
    """Create the deliveries of an issued document (idempotent: existing ones are kept) and grant read access.

    Runs inside the caller's transaction when there is one (the issuing transaction); mail leaves from the
    queue after commit.
    """
    page = page.specific
    if page.state != DocumentState.ISSUED:
        raise DistributionError(f"Văn bản {page.notation or page.pk} chưa ban hành: chưa thể gửi.")
    if is_archived_import(page):
        raise DistributionError(_("Văn bản %(notation)s được nhập từ hồ sơ lưu trữ: nó đã được ban hành và gửi trước "
                                  "đây, ngoài hệ thống, nên không gửi từ đây.") % {"notation": page.notation or page.title})
    now = now or timezone.now()
    deadline = ack_deadline(page.urgency, now)
    rank = priority(page.urgency)
    with transaction.atomic():
        DocumentPage.objects.select_for_update().filter(pk=page.pk).first()  # one sender at a time per document
        existing = set(page.deliveries.filter(notice=DeliveryNotice.ISSUE).values_list("channel", "target_key"))
        created = Delivery.objects.bulk_create([
            _issue_delivery(page, target, now=now, deadline=deadline, rank=rank)
            for target in resolve_document(page) if (target.channel, target.target_key) not in existing
        ])
        readers = {d.user_id: d.user for d in page.deliveries.filter(notice=DeliveryNotice.ISSUE, user__isnull=False)
                   .exclude(status=DeliveryStatus.REVOKED).select_related("user")}
        RegisterEntry.objects.filter(document_id=page.pk, sent_on__isnull=True).update(sent_on=timezone.localdate(now))
        grant_view(page, list(readers.values()), actor=user)  # one document_changed: the index follows
        if created and conf.send_on_commit():
            transaction.on_commit(lambda: _send_soon(page.pk))
    return created


def _issue_delivery(page: DocumentPage, target, *, now, deadline, rank: int) -> Delivery:
    immediate = target.channel in (DeliveryChannel.INBOX, DeliveryChannel.ARCHIVE)
    return Delivery(
        document_id=page.pk, notice=DeliveryNotice.ISSUE, channel=target.channel, target_key=target.target_key,
        recipient=target.recipient, user=target.user, email=target.email,
        recipient_name=target.name[:255], via="; ".join(target.via)[:1000],
        purpose="; ".join(target.purposes)[:255], priority=rank,
        deadline=_deadline_from_now(target.channel, deadline),
        queued_at=now, next_attempt_at=now if target.channel == DeliveryChannel.EMAIL else None,
        status=DeliveryStatus.SENT if immediate else DeliveryStatus.QUEUED,
        sent_at=now if immediate else None,
    )


def _deadline_from_now(channel: str, deadline):
    """The acknowledgement deadline counted from now, for what leaves now. A paper copy's clock starts when the
    clerk marks it sent (mark_manual_sent): counted from issue, one carried three days later would be overdue
    before it arrived. The archive copy has none."""
    return None if channel in (DeliveryChannel.ARCHIVE, DeliveryChannel.MANUAL) else deadline


def _send_soon(page_id: int) -> None:
    """Best effort right after issuing; whatever fails stays queued for the worker."""
    try:
        process_delivery_queue(document_id=page_id)
    except Exception:  # the issuing request must not fail because of mail
        logger.exception("Immediate sending of document %s failed; the queue will retry", page_id)


def _due(now, document_id: int | None = None):
    qs = Delivery.objects.filter(channel=DeliveryChannel.EMAIL, status__in=RETRYABLE, next_attempt_at__lte=now)
    qs = qs.filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
    if document_id is not None:
        qs = qs.filter(document_id=document_id)
    return qs


def _claim(pk: int, now) -> bool:
    """Own one delivery for a while with a conditional UPDATE; False when another worker got it first."""
    until = now + datetime.timedelta(seconds=conf.retry()["claim_seconds"])
    return bool(_due(now).filter(pk=pk).update(claimed_until=until, attempts=F("attempts") + 1))


def _stamp(now, text: str) -> str:
    return f"{timezone.localtime(now):%d/%m/%Y %H:%M}: {text}"[:2000]


def process_delivery_queue(*, limit: int | None = None, document_id: int | None = None, now=None) -> dict[str, int]:
    """Send due e-mail deliveries, most urgent first. Returns counts of sent, failed and deferred ones.

    Each delivery is claimed, sent and recorded on its own, so a crash loses at most the record of one message
    the SMTP server had already accepted (it is then sent again after the claim expires, never lost).
    When the server cannot be reached the pass stops and the remaining due deliveries carry the same reason.
    """
    now = now or timezone.now()
    stats = {"sent": 0, "failed": 0, "deferred": 0}
    ids = list(_due(now, document_id).order_by("priority", "queued_at", "pk").values_list("pk", flat=True)[:limit])
    run = None  # (document, notice), page, notice_parts: a document's mail goes out together, its parts read once
    for index, pk in enumerate(ids):
        if not _claim(pk, now):
            continue
        delivery = Delivery.objects.select_related("document", "user").get(pk=pk)
        try:
            if run is None or run[0] != (delivery.document_id, delivery.notice):
                page = delivery.document.specific
                parts = notice_parts(page, delivery.notice)
                run = ((delivery.document_id, delivery.notice), page, parts)
            build_message(delivery, run[1], run[2]).send(fail_silently=False)
        except Exception as exc:  # noqa: BLE001 — every failure is recorded for the clerk
            message, permanent, unreachable = describe_error(exc)
            attempts = delivery.attempts
            gives_up = permanent and attempts >= conf.retry()["max_permanent_attempts"]
            Delivery.objects.filter(pk=pk, status__in=RETRYABLE).update(
                status=DeliveryStatus.FAILED if permanent else DeliveryStatus.QUEUED,
                last_error=_stamp(now, message), claimed_until=None,
                next_attempt_at=None if gives_up else now + backoff(attempts),
            )
            Delivery.objects.filter(pk=pk).exclude(status__in=RETRYABLE).update(claimed_until=None)
            stats["failed" if permanent else "deferred"] += 1
            logger.warning("Delivery %s (%s) not sent: %s", pk, delivery.email, message)
            if unreachable:
                rest = ids[index + 1:]
                stats["deferred"] += _due(now).filter(pk__in=rest).update(
                    last_error=_stamp(now, message), next_attempt_at=now + backoff(max(attempts, 1)),
                )
                break
            continue
        sent_at = timezone.now()
        Delivery.objects.filter(pk=pk, status__in=RETRYABLE).update(
            status=DeliveryStatus.SENT, sent_at=sent_at, last_error="", claimed_until=None, next_attempt_at=None,
        )
        # Read or acknowledged meanwhile through the inbox: keep that status, record the mail.
        Delivery.objects.filter(pk=pk, sent_at__isnull=True).update(sent_at=sent_at, claimed_until=None)
        Delivery.objects.filter(pk=pk).update(claimed_until=None)
        stats["sent"] += 1
    return stats


def requeue(deliveries: Iterable[Delivery], *, now=None) -> int:
    """"Gửi lại": queued or failed e-mail deliveries go out at the next pass. Sent ones are left alone."""
    now = now or timezone.now()
    pks = [d.pk for d in deliveries]
    return Delivery.objects.filter(pk__in=pks, channel=DeliveryChannel.EMAIL, status__in=RETRYABLE).update(
        status=DeliveryStatus.QUEUED, next_attempt_at=now, claimed_until=None,
    )


def resend_document(page: DocumentPage, user=None, *, now=None) -> int:
    """Create any missing deliveries (recipients added later) and requeue the unsent mail of a document."""
    now = now or timezone.now()
    created = send_document(page, user, now=now) if page.specific.state == DocumentState.ISSUED else []
    return len(created) + requeue(Delivery.objects.filter(document_id=page.pk), now=now)


def mark_manual_sent(delivery: Delivery, *, now=None) -> bool:
    """The clerk records that a manual (post, hand) delivery went out; its acknowledgement deadline starts now."""
    now = now or timezone.now()
    urgency = DocumentPage.objects.filter(pk=delivery.document_id).values_list("urgency", flat=True).first() or ""
    return bool(Delivery.objects.filter(pk=delivery.pk, channel=DeliveryChannel.MANUAL, status=DeliveryStatus.QUEUED)
                .update(status=DeliveryStatus.SENT, sent_at=now, deadline=ack_deadline(urgency, now)))


def revoke_document(page: DocumentPage, user=None, *, now=None) -> int:
    """Thu hồi: revoke every delivery, withdraw read access, notify whoever had received it, reindex."""
    now = now or timezone.now()
    with transaction.atomic():
        issued = list(Delivery.objects.select_for_update(of=("self",)).filter(document_id=page.pk, notice=DeliveryNotice.ISSUE)
                      .exclude(status=DeliveryStatus.REVOKED).select_related("user"))
        deadline = ack_deadline(page.urgency, now)
        notified = set(page.deliveries.filter(notice=DeliveryNotice.RECALL).values_list("channel", "target_key"))
        Delivery.objects.bulk_create([
            _recall_notice(delivery, now=now, deadline=deadline) for delivery in issued
            if delivery.channel != DeliveryChannel.ARCHIVE
            and (delivery.channel == DeliveryChannel.INBOX or delivery.status not in RETRYABLE)  # it reached them
            and (delivery.channel, delivery.target_key) not in notified
        ])
        count = Delivery.objects.filter(pk__in=[d.pk for d in issued]).update(
            status=DeliveryStatus.REVOKED, revoked_at=now, claimed_until=None, next_attempt_at=None,
        )
        revoke_view(page, [d.user for d in issued], actor=user)  # one document_changed: the index follows
        if conf.send_on_commit():
            transaction.on_commit(lambda: _send_soon(page.pk))
    return count


def _recall_notice(delivery: Delivery, *, now, deadline) -> Delivery:
    immediate = delivery.channel == DeliveryChannel.INBOX
    return Delivery(
        document_id=delivery.document_id, notice=DeliveryNotice.RECALL, channel=delivery.channel,
        target_key=delivery.target_key, recipient_id=delivery.recipient_id, user_id=delivery.user_id,
        email=delivery.email, recipient_name=delivery.recipient_name, via=delivery.via, priority=0,
        deadline=_deadline_from_now(delivery.channel, deadline), queued_at=now,
        status=DeliveryStatus.SENT if immediate else DeliveryStatus.QUEUED,
        sent_at=now if immediate else None,
        next_attempt_at=now if delivery.channel == DeliveryChannel.EMAIL else None,
    )
