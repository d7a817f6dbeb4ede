"""Search app tables: the durable index queue and the embedded index's metadata.

The embedded backend's full-text part (an FTS5 virtual table on SQLite, tsvector columns on PostgreSQL)
is created by migration 0002 and managed by search/backends/embedded/.
"""
from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IndexQueueItem(models.Model):
    """One pending index update. Written inside the caller's transaction so nothing is lost."""

    class Action(models.TextChoices):
        INDEX = "index", _("Cập nhật")
        DELETE = "delete", _("Xóa khỏi chỉ mục")

    page_id = models.BigIntegerField(_("trang"), db_index=True)
    action = models.CharField(_("thao tác"), max_length=10, choices=Action.choices, default=Action.INDEX)
    # Backends still to apply this item to, comma separated ("embedded,elasticsearch").
    backends = models.CharField(_("chỉ mục còn chờ"), max_length=100)
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    next_attempt_at = models.DateTimeField(_("thử lại lúc"), default=timezone.now, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("việc chờ cập nhật chỉ mục")
        verbose_name_plural = _("hàng đợi cập nhật chỉ mục")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.page_id} → {self.backends}"

    @property
    def backend_list(self) -> list[str]:
        return [b for b in self.backends.split(",") if b]


class EmbeddedIndexState(models.Model):
    """Which generation of the embedded index readers see; a rebuild fills the next one, then swaps."""

    current_generation = models.PositiveIntegerField(default=1)
    building_generation = models.PositiveIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"generation {self.current_generation}"


class EmbeddedEntry(models.Model):
    """One indexed document in one generation. Its id is the rowid of its full-text row."""

    generation = models.PositiveIntegerField()
    page_id = models.BigIntegerField()
    kind = models.CharField(max_length=30)
    number = models.PositiveIntegerField(null=True)
    notation = models.CharField(max_length=80, blank=True)
    notation_key = models.CharField(max_length=80, blank=True, db_index=True)
    issuer_id = models.BigIntegerField(null=True)
    issuer_name = models.CharField(max_length=255, blank=True)
    issuer_code = models.CharField(max_length=40, blank=True)
    signer = models.CharField(max_length=255, blank=True)
    issued_on = models.DateField(null=True)
    year = models.PositiveIntegerField(null=True)
    status = models.CharField(max_length=30, blank=True)
    state = models.CharField(max_length=12, blank=True)
    visibility = models.CharField(max_length=12, blank=True)
    title = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["generation", "page_id"], name="search_entry_unique_page")]
        indexes = [
            models.Index(fields=["generation", "issued_on"], name="search_entry_gen_date"),
            models.Index(fields=["generation", "kind"], name="search_entry_gen_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.page_id}@{self.generation}"


class EmbeddedText(models.Model):
    """The original NFC text of an entry, for snippets; apart so that scans of entries stay narrow."""

    entry = models.OneToOneField(EmbeddedEntry, on_delete=models.CASCADE, primary_key=True, related_name="text")
    content = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.content[:50]


class EmbeddedPrincipal(models.Model):
    """Who may read an entry ("public", "issuer:3", "user:7", "group:2"): the permission filter joins this."""

    entry = models.ForeignKey(EmbeddedEntry, on_delete=models.CASCADE, related_name="principals")
    principal = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["principal", "entry"], name="search_principal_lookup")]

    def __str__(self) -> str:
        return self.principal
