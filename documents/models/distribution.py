"""Phát hành văn bản: one delivery of an issued document to one receiver over one channel (issue 5)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DeliveryChannel(models.TextChoices):
    INBOX = "inbox", _("Hộp thư trên hệ thống")
    EMAIL = "email", _("Thư điện tử")
    MANUAL = "manual", _("Văn thư gửi trực tiếp")
    ARCHIVE = "archive", _("Bản lưu")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi")
    READ = "read", _("Đã xem")
    ACKNOWLEDGED = "acknowledged", _("Đã xác nhận")
    REVOKED = "revoked", _("Đã thu hồi")


class DeliveryNotice(models.TextChoices):
    ISSUE = "issue", _("Phát hành")
    RECALL = "recall", _("Thông báo thu hồi")


class Delivery(models.Model):
    """One receiver of one document on one channel; the row exists before anything is sent (nothing lost)."""

    document = models.ForeignKey(
        "documents.DocumentPage", verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="deliveries",
    )
    notice = models.CharField(_("loại gửi"), max_length=8, choices=DeliveryNotice.choices, default=DeliveryNotice.ISSUE)
    recipient = models.ForeignKey(
        "documents.Recipient", verbose_name=_("nơi nhận trong danh bạ"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="deliveries",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản nhận"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="deliveries",
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    recipient_name = models.CharField(_("nơi nhận"), max_length=255)
    via = models.CharField(_("theo dòng nơi nhận"), max_length=1000, blank=True)
    purpose = models.CharField(_("mục đích"), max_length=255, blank=True)
    # Identifies the receiver for idempotency: user:<id>, email:<addr>, recipient:<id>, text:<folded name>.
    target_key = models.CharField(max_length=300, editable=False)
    channel = models.CharField(_("kênh"), max_length=8, choices=DeliveryChannel.choices)
    status = models.CharField(_("trạng thái"), max_length=13, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED, db_index=True)
    priority = models.PositiveSmallIntegerField(_("thứ tự ưu tiên"), default=5)
    deadline = models.DateTimeField(_("hạn xác nhận"), null=True, blank=True)

    queued_at = models.DateTimeField(_("vào hàng đợi lúc"), default=timezone.now)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    read_at = models.DateTimeField(_("xem lúc"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    attempts = models.PositiveIntegerField(_("số lần thử gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("thử lại lúc"), null=True, blank=True, db_index=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    # A worker owns a delivery until this moment; another worker skips it (no double sending).
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("lượt gửi văn bản")
        verbose_name_plural = _("theo dõi gửi văn bản")
        ordering = ["document", "priority", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "notice", "channel", "target_key"], name="unique_delivery_per_receiver",
            ),
        ]
        indexes = [models.Index(fields=["channel", "status", "priority", "next_attempt_at"], name="delivery_queue_idx")]

    def __str__(self) -> str:
        return f"{self.document_id} → {self.recipient_name} ({self.channel})"

    def is_overdue(self, now=None) -> bool:
        """Not yet confirmed by its receiver after the deadline set by the document's urgency."""
        now = now or timezone.now()
        return (
            self.channel != DeliveryChannel.ARCHIVE
            and self.status not in (DeliveryStatus.ACKNOWLEDGED, DeliveryStatus.REVOKED)
            and self.deadline is not None
            and self.deadline < now
        )
