"""Login attempts (the shared store of the login policy, and its audit trail) and per-client API tokens."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AttemptOutcome(models.TextChoices):
    PENDING = "pending", _("Đang kiểm tra")
    SUCCESS = "success", _("Thành công")
    FAILURE = "failure", _("Sai thông tin")
    THROTTLED = "throttled", _("Bị chặn tạm thời")
    CLEARED = "cleared", _("Sai, đã bỏ qua sau lần đăng nhập đúng")


class LoginAttempt(models.Model):
    """One password check, by any form or the token endpoint. Rows are written before the password is checked
    (outcome "pending"), so workers counting at the same moment see each other's attempts."""

    at = models.DateTimeField(_("thời điểm"), db_index=True)
    username = models.CharField(_("tên đăng nhập"), max_length=150, db_index=True)
    address = models.CharField(_("địa chỉ"), max_length=64, db_index=True)
    channel = models.CharField(_("nơi đăng nhập"), max_length=32)
    outcome = models.CharField(_("kết quả"), max_length=16, choices=AttemptOutcome.choices)

    class Meta:
        verbose_name = _("lần đăng nhập")
        verbose_name_plural = _("nhật ký đăng nhập")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username}@{self.address} {self.outcome}"


class ApiToken(models.Model):
    """A token of one client of one user: only its SHA-256 is stored; the key is shown once, at login."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vanban_api_tokens")
    name = models.CharField(_("ứng dụng"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("đầu mã"), max_length=8)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    expires_at = models.DateTimeField(_("hết hạn"), db_index=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} · {self.name} · {self.prefix}…"
