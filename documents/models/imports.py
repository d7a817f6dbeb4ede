"""What the importer remembers: which files it has taken in (ImportRecord), and the admin's batches (ImportBatch).

A record is written in the same transaction as the document it made, so a killed import leaves either both or
neither, and the next run skips exactly the files that were finished.
"""
from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    """One imported file, by the SHA-256 of its bytes: the same file never makes a second document."""

    fingerprint = models.CharField(_("dấu vân tay SHA-256"), max_length=64, unique=True)
    page = models.ForeignKey(
        "documents.DocumentPage", verbose_name=_("văn bản"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="import_records",
    )
    file_name = models.CharField(_("tên tệp"), max_length=500)
    # issuer id | notation key | ISO date of the document read from the file, when it has all three
    document_key = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    created = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đã nhập")
        verbose_name_plural = _("tệp đã nhập")

    def __str__(self) -> str:
        return f"{self.file_name} {self.fingerprint[:12]}"


class ImportBatch(models.Model):
    """A batch started from the admin: its progress and its per-file report, read by the page that polls it."""

    class Status(models.TextChoices):
        RUNNING = "running", _("đang nhập")
        DONE = "done", _("đã xong")
        FAILED = "failed", _("bị gián đoạn")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), on_delete=models.CASCADE,
                              related_name="import_batches")
    issue = models.BooleanField(_("văn bản đã ban hành"), default=False)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    total = models.PositiveIntegerField(_("số tệp"), default=0)
    rows = models.JSONField(_("kết quả từng tệp"), default=list)
    error = models.TextField(_("lỗi"), blank=True)
    created = models.DateTimeField(_("bắt đầu"), auto_now_add=True)
    updated = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("lô nhập văn bản")
        verbose_name_plural = _("lô nhập văn bản")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M} {self.owner_id}"
