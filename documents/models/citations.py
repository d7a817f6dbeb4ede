"""Citation: one document citing another by number and notation, in its căn cứ or its body (docs/domain.md §13).

Rows are derived from the source's text (documents/citations.py) and never edited by hand; the target is filled
when a registered document has the cited notation key (and date or year), and stays empty until one does.
"""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CitationPlace(models.TextChoices):
    CAN_CU = "can_cu", _("Căn cứ")
    BODY = "body", _("Nội dung")


class Citation(models.Model):
    source = models.ForeignKey(
        "documents.DocumentPage", verbose_name=_("văn bản dẫn"), on_delete=models.CASCADE, related_name="citations",
    )
    target = models.ForeignKey(
        "documents.DocumentPage", verbose_name=_("văn bản được dẫn"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="citations_in",
    )
    notation_key = models.CharField(max_length=80, blank=True, db_index=True)
    cited_date = models.DateField(_("ngày ghi trong trích dẫn"), null=True, blank=True)
    cited_year = models.PositiveSmallIntegerField(null=True, blank=True)
    kind_word = models.CharField(_("loại văn bản được dẫn"), max_length=40, blank=True)
    notation = models.CharField(_("số và ký hiệu được dẫn"), max_length=80, blank=True)
    issuer_text = models.CharField(_("cơ quan ban hành được dẫn"), max_length=255, blank=True)
    text = models.TextField(_("lời trích dẫn"))
    where = models.CharField(_("vị trí"), max_length=8, choices=CitationPlace.choices)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("trích dẫn văn bản")
        verbose_name_plural = _("trích dẫn văn bản")
        ordering = ["source", "position"]
        constraints = [
            models.UniqueConstraint(fields=["source", "position"], name="citation_unique_position"),
        ]

    def __str__(self) -> str:
        return self.text
