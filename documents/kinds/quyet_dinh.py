"""Quyết định (decision): "Căn cứ …", "Xét đề nghị …", "QUYẾT ĐỊNH:", Điều 1..n."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from documents.blocks import REGULATION_BODY_HELP, regulation_body_blocks
from documents.models.base import DocumentPage


class QuyetDinhPage(DocumentPage):
    kind = "quyet_dinh"
    default_type_code = "QĐ"
    type_name = "QUYẾT ĐỊNH"

    decider = models.CharField(
        _("chủ thể quyết định"), max_length=255, blank=True,
        help_text=_("Dòng chữ in hoa trước các căn cứ, ví dụ BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG LA GI."),
    )
    proposal = models.TextField(_("xét đề nghị"), blank=True, help_text=_("Ví dụ: Xét đề nghị của Văn phòng Đảng ủy,"))
    body = StreamField(regulation_body_blocks(), verbose_name=_("các điều"), blank=True)

    # Only a Quyết định prints its own "QUYẾT ĐỊNH:" line: the other kinds' lời dẫn help does not mention it.
    content_panels = (
        DocumentPage.content_panels[:2] + [FieldPanel("decider")] + DocumentPage.content_panels[2:3]
        + [FieldPanel("preamble", help_text=_("Câu dẫn sau các căn cứ, nếu có. Quyết định tự in “QUYẾT ĐỊNH:” sau "
                                              "phần xét đề nghị: không gõ lại dòng đó ở đây."))]
        + DocumentPage.content_panels[4:]
        + [FieldPanel("proposal"), FieldPanel("body", help_text=REGULATION_BODY_HELP)] + DocumentPage.signature_panels
    )
    is_creatable = True

    class Meta:
        verbose_name = _("Quyết định")
        verbose_name_plural = _("Quyết định")
