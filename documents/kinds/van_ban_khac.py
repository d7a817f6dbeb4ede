"""Văn bản khác: every Party or State type without a page kind of its own (nghị quyết, công văn, thông tri,
chương trình, thông báo, tờ trình …; docs/domain.md §3, §4). One page type keeps the printed type name and the
type code, so these documents are stored, searched, cited and listed by type like the others."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField

from documents.blocks import regulation_body_blocks, sectioned_body_blocks
from documents.models.base import DocumentPage

GENERAL_TYPE_NAME = "VĂN BẢN"


class _PrintedTypeName:
    """`type_name` of a general document: the class says "VĂN BẢN", an instance says what it is printed as."""

    def __get__(self, obj: VanBanKhacPage | None, owner: type | None = None) -> str:
        if obj is None:
            return GENERAL_TYPE_NAME
        return (obj.printed_type_name or "").strip().upper() or GENERAL_TYPE_NAME


def _general_body_blocks() -> list:
    # Either structure occurs (a quy định has Điều, a nghị quyết or chương trình has I., 1.): accept both.
    seen: dict[str, object] = {}
    for name, block in [*regulation_body_blocks(), *sectioned_body_blocks()]:
        seen.setdefault(name, block)
    return list(seen.items())


class VanBanKhacPage(DocumentPage):
    kind = "van_ban"
    default_type_code = ""
    type_name = _PrintedTypeName()  # per instance, see _PrintedTypeName
    numbered = False  # a State công văn has no type code; many others are unnumbered

    printed_type_name = models.CharField(
        _("tên loại văn bản"), max_length=100, blank=True,
        help_text=_("Tên loại in trên văn bản, ví dụ NGHỊ QUYẾT, CÔNG VĂN, THÔNG TRI."),
    )
    body = StreamField(_general_body_blocks(), verbose_name=_("nội dung"), blank=True)

    content_panels = (
        [FieldRowPanel([FieldPanel("printed_type_name")], heading=_("Loại văn bản"))]
        + DocumentPage.content_panels + [FieldPanel("body")] + DocumentPage.signature_panels
    )
    is_creatable = True

    class Meta:
        verbose_name = _("Văn bản khác")
        verbose_name_plural = _("Văn bản khác")
