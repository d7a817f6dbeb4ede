"""Báo cáo (report): a reporting period, results, shortcomings, next tasks."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField

from documents.blocks import SECTIONED_BODY_HELP, sectioned_body_blocks
from documents.models.base import DocumentPage


class PeriodType(models.TextChoices):
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    HALF = "half", _("6 tháng")
    YEAR = "year", _("Năm")
    AD_HOC = "ad_hoc", _("Đột xuất")


class ReviewKind(models.TextChoices):
    NONE = "", _("Báo cáo định kỳ")
    SO_KET = "so_ket", _("Sơ kết")
    TONG_KET = "tong_ket", _("Tổng kết")


class BaoCaoPage(DocumentPage):
    kind = "bao_cao"
    default_type_code = "BC"
    type_name = "BÁO CÁO"

    period_type = models.CharField(_("kỳ báo cáo"), max_length=10, choices=PeriodType.choices, default=PeriodType.QUARTER)
    period_year = models.PositiveIntegerField(_("năm"), null=True, blank=True)
    period_index = models.PositiveSmallIntegerField(_("tháng/quý/nửa năm số"), null=True, blank=True)
    review_kind = models.CharField(_("sơ kết, tổng kết"), max_length=10, choices=ReviewKind.choices, blank=True)
    body = StreamField(sectioned_body_blocks(), verbose_name=_("nội dung"), blank=True)

    content_panels = (
        DocumentPage.content_panels
        + [FieldRowPanel([FieldPanel("period_type"), FieldPanel("period_index"), FieldPanel("period_year"), FieldPanel("review_kind")], heading=_("Kỳ báo cáo"))]
        + [FieldPanel("body", help_text=SECTIONED_BODY_HELP)] + DocumentPage.signature_panels
    )
    is_creatable = True

    class Meta:
        verbose_name = _("Báo cáo")
        verbose_name_plural = _("Báo cáo")

    @property
    def period_label(self) -> str:
        """Human label of the period, e.g. "quý I năm 2026"."""
        roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
        year = f" năm {self.period_year}" if self.period_year else ""
        if self.period_type == PeriodType.QUARTER and self.period_index:
            return f"quý {roman.get(self.period_index, self.period_index)}{year}"
        if self.period_type == PeriodType.MONTH and self.period_index:
            return f"tháng {self.period_index:02d}{year}"
        if self.period_type == PeriodType.HALF:
            return f"6 tháng {'đầu' if self.period_index in (None, 1) else 'cuối'}{year}"
        if self.period_type == PeriodType.YEAR:
            return f"năm {self.period_year}" if self.period_year else ""
        return ""
