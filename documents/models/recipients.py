"""Danh bạ nơi nhận: bodies, people, standing groups and classes that documents are sent to."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable


class RecipientKind(models.TextChoices):
    BODY = "body", _("Cơ quan, đơn vị")
    PERSON = "person", _("Cá nhân")
    GROUP = "group", _("Tập thể thường trực")
    CLASS = "class", _("Nhóm (các cơ quan hoặc cá nhân)")


class Recipient(models.Model):
    """One entry of the directory; groups and classes expand to their members when sending."""

    name = models.CharField(_("tên"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField(_("loại"), max_length=10, choices=RecipientKind.choices, default=RecipientKind.BODY)
    issuer = models.ForeignKey(
        "documents.Issuer", verbose_name=_("là cơ quan ban hành"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="directory_entries",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="directory_entries",
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    aliases = models.TextField(
        _("tên gọi khác"), blank=True,
        help_text=_("Mỗi dòng một cách viết khác của tên trên văn bản, ví dụ “VP Tỉnh ủy”; dùng khi nhập văn bản."),
    )
    members = models.ManyToManyField("self", verbose_name=_("thành viên"), symmetrical=False, blank=True, related_name="member_of")
    active = models.BooleanField(_("đang dùng"), default=True)

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("issuer"), FieldPanel("user"), FieldPanel("email"),
              FieldPanel("aliases"), FieldPanel("members"), FieldPanel("active")]

    class Meta:
        verbose_name = _("nơi nhận trong danh bạ")
        verbose_name_plural = _("danh bạ nơi nhận")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        from documents.text.vietnamese import fold, nfc

        self.name = nfc(self.name)
        self.name_key = fold(self.name).strip(" ,;.")
        self.aliases = nfc(self.aliases or "")
        return super().save(*args, **kwargs)

    def alias_list(self) -> list[str]:
        return [line.strip() for line in (self.aliases or "").splitlines() if line.strip()]


class RecipientList(ClusterableModel):
    """A reusable named list a drafter drops into a document's Nơi nhận."""

    name = models.CharField(_("tên danh sách"), max_length=255, unique=True)
    panels = [FieldPanel("name"), InlinePanel("entries", label=_("nơi nhận"))]

    class Meta:
        verbose_name = _("danh sách nơi nhận")
        verbose_name_plural = _("danh sách nơi nhận")

    def __str__(self) -> str:
        return self.name


class RecipientListEntry(Orderable):
    recipient_list = ParentalKey(RecipientList, on_delete=models.CASCADE, related_name="entries")
    recipient = models.ForeignKey(Recipient, verbose_name=_("nơi nhận"), on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(_("mục đích"), max_length=100, blank=True)
    archive = models.BooleanField(_("bản lưu"), default=False)
    panels = [FieldPanel("recipient"), FieldPanel("purpose"), FieldPanel("archive")]
