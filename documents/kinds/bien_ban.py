"""Biên bản (minutes): time and place, participants, content, conclusions, two signatures."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField

from documents.blocks import SECTIONED_BODY_HELP, sectioned_body_blocks
from documents.models.base import DocumentPage


class BienBanPage(DocumentPage):
    kind = "bien_ban"
    default_type_code = "BB"
    type_name = "BIÊN BẢN"
    numbered = False  # often unnumbered; the clerk may still register one

    meeting_start = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    meeting_end = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    meeting_place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    chair = models.CharField(_("chủ trì"), max_length=255, blank=True)
    chair_position = models.CharField(_("chức vụ chủ trì"), max_length=255, blank=True)
    secretary = models.CharField(_("thư ký"), max_length=255, blank=True)
    present_count = models.PositiveIntegerField(_("số có mặt"), null=True, blank=True)
    expected_count = models.PositiveIntegerField(_("tổng số triệu tập"), null=True, blank=True)
    absentees = models.TextField(_("vắng mặt (lý do)"), blank=True)
    conclusions = models.TextField(_("kết luận, biểu quyết"), blank=True)
    body = StreamField(sectioned_body_blocks(), verbose_name=_("diễn biến"), blank=True)

    content_panels = (
        DocumentPage.content_panels[:2]
        + [MultiFieldPanel([
            FieldRowPanel([FieldPanel("meeting_start"), FieldPanel("meeting_end")]), FieldPanel("meeting_place"),
            FieldRowPanel([FieldPanel("chair"), FieldPanel("chair_position"), FieldPanel("secretary")]),
            FieldRowPanel([FieldPanel("present_count"), FieldPanel("expected_count")]), FieldPanel("absentees"),
        ], heading=_("Thời gian, địa điểm, thành phần"))]
        + [FieldPanel("body", help_text=SECTIONED_BODY_HELP), FieldPanel("conclusions")] + DocumentPage.signature_panels
    )
    is_creatable = True

    class Meta:
        verbose_name = _("Biên bản")
        verbose_name_plural = _("Biên bản")
