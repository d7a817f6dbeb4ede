"""Sổ văn bản: numbering series and the outgoing register (sổ đăng ký văn bản đi)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .issuers import Issuer, Term


class Register(models.Model):
    """One numbering series. Party: issuer × term × type. State: issuer × year (× type). Secret apart."""

    issuer = models.ForeignKey(Issuer, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="registers")
    series_key = models.CharField(_("khóa sổ"), max_length=120)
    term = models.ForeignKey(Term, verbose_name=_("nhiệm kỳ"), null=True, blank=True, on_delete=models.PROTECT)
    year = models.PositiveIntegerField(_("năm"), null=True, blank=True)
    type_code = models.CharField(_("loại văn bản"), max_length=10, blank=True, help_text=_("Trống: mọi loại."))
    secret = models.BooleanField(_("sổ văn bản mật"), default=False)
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ văn bản")
        verbose_name_plural = _("sổ văn bản")
        constraints = [models.UniqueConstraint(fields=["issuer", "series_key"], name="unique_register_series")]

    def __str__(self) -> str:
        return f"{self.issuer.code} {self.series_key}"


class RegisterEntry(models.Model):
    """A row of the outgoing register: a number given once, never reused."""

    register = models.ForeignKey(Register, verbose_name=_("sổ"), on_delete=models.PROTECT, related_name="entries")
    number = models.PositiveIntegerField(_("số"))
    notation = models.CharField(_("số và ký hiệu"), max_length=80)
    document = models.OneToOneField(
        "documents.DocumentPage", verbose_name=_("văn bản"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="register_entry",
    )
    issued_on = models.DateField(_("ngày tháng văn bản"))
    type_code = models.CharField(_("loại văn bản"), max_length=10, blank=True)
    summary = models.TextField(_("trích yếu"), blank=True)
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    keeper = models.CharField(_("đơn vị, người nhận bản lưu"), max_length=255, blank=True)
    copies = models.PositiveIntegerField(_("số lượng bản"), null=True, blank=True)
    sent_on = models.DateField(_("ngày chuyển"), null=True, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    original_sha256 = models.CharField(_("SHA-256 bản gốc"), max_length=64, blank=True, editable=False)
    archived_import = models.BooleanField(_("nhập từ lưu trữ"), default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản đi đã đăng ký")
        verbose_name_plural = _("sổ đăng ký văn bản đi")
        ordering = ["register", "number"]
        constraints = [models.UniqueConstraint(fields=["register", "number"], name="unique_register_number")]

    def __str__(self) -> str:
        return self.notation
