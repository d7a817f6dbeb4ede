"""Kế hoạch (plan): mục đích, yêu cầu → nội dung, nhiệm vụ (task table) → tổ chức thực hiện."""
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from documents.blocks import SECTIONED_BODY_HELP, sectioned_body_blocks
from documents.models.base import DocumentPage


class KeHoachPage(DocumentPage):
    kind = "ke_hoach"
    default_type_code = "KH"
    type_name = "KẾ HOẠCH"

    body = StreamField(sectioned_body_blocks(), verbose_name=_("nội dung"), blank=True)

    content_panels = DocumentPage.content_panels + [FieldPanel("body", help_text=SECTIONED_BODY_HELP)] + DocumentPage.signature_panels
    is_creatable = True

    class Meta:
        verbose_name = _("Kế hoạch")
        verbose_name_plural = _("Kế hoạch")
