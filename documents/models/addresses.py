"""Addresses a document no longer has: a link printed or bookmarked before the clerk's review corrected its
number or trích yếu still leads to it (cms.former_addresses), for a reader who may read it."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FormerAddress(models.Model):
    page = models.ForeignKey("documents.DocumentPage", verbose_name=_("văn bản"), on_delete=models.CASCADE,
                             related_name="former_addresses")
    url_path = models.CharField(_("địa chỉ cũ"), max_length=512, unique=True)  # Wagtail's url_path, from the tree root
    created = models.DateTimeField(_("thời điểm đổi"), auto_now_add=True)

    class Meta:
        verbose_name = _("địa chỉ cũ của văn bản")
        verbose_name_plural = _("địa chỉ cũ của văn bản")

    def __str__(self) -> str:
        return self.url_path
