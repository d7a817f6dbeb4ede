"""Quy chế (regulation): Chương → Điều → khoản → điểm."""
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from documents.blocks import REGULATION_BODY_HELP, regulation_body_blocks
from documents.models.base import DocumentPage


class QuyChePage(DocumentPage):
    kind = "quy_che"
    default_type_code = "QC"
    type_name = "QUY CHẾ"

    body = StreamField(regulation_body_blocks(), verbose_name=_("nội dung"), blank=True)

    content_panels = DocumentPage.content_panels + [FieldPanel("body", help_text=REGULATION_BODY_HELP)] + DocumentPage.signature_panels
    template = "documents/document_page.html"
    is_creatable = True

    class Meta:
        verbose_name = _("Quy chế")
        verbose_name_plural = _("Quy chế")
