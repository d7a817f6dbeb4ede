"""Văn bản khác: every Party or State type without a page kind of its own (nghị quyết, công văn, thông tri,
chương trình, thông báo, tờ trình …; docs/domain.md §3, §4). One page type keeps the printed type name and the
type code, so these documents are stored, searched, cited and listed by type like the others."""
from __future__ import annotations

import re
from functools import cache

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField

from documents.blocks import GENERAL_BODY_HELP, regulation_body_blocks, sectioned_body_blocks
from documents.models.base import DocumentPage
from documents.text.notation import TYPE_NAMES
from documents.text.vietnamese import fold

GENERAL_TYPE_NAME = "VĂN BẢN"
GENERAL_KIND = "van_ban"
# A general document is indexed, faceted and filtered by its own type: "van_ban.nghi_quyet". Filtering on
# "van_ban" still finds every general document (search.service expands it).
GENERAL_KIND_PREFIX = GENERAL_KIND + "."
_MAX_KIND = 30  # the search index's kind columns
_NOT_SLUG_RE = re.compile(r"[^a-z0-9_]")


def general_kind(type_name: str) -> str:
    """The index kind of a general document printed as ``type_name`` ("NGHỊ QUYẾT" → "van_ban.nghi_quyet");
    "van_ban" when it names no type."""
    if type_name.strip().upper() == GENERAL_TYPE_NAME:
        return GENERAL_KIND
    slug = _NOT_SLUG_RE.sub("", "_".join(fold(type_name).split()))
    return (GENERAL_KIND_PREFIX + slug)[:_MAX_KIND].rstrip("_") if slug else GENERAL_KIND


def is_general_kind(kind: str) -> bool:
    """Whether ``kind`` is an index kind of general documents ("van_ban", "van_ban.nghi_quyet")."""
    slug = kind.removeprefix(GENERAL_KIND_PREFIX)
    return kind == GENERAL_KIND or (slug != kind and not _NOT_SLUG_RE.search(slug) and len(kind) <= _MAX_KIND)


@cache
def known_general_kinds() -> dict[str, str]:
    """Index kind → name ("van_ban.nghi_quyet" → "Nghị quyết") of every Party and State type named in
    docs/domain.md §3 (documents.text.notation), the five kinds with pages of their own left out."""
    from documents.kinds import kind_classes

    own = {fold(str(cls._meta.verbose_name)) for cls in kind_classes().values()}
    names = {name for names in TYPE_NAMES.values() for name in names if fold(name) not in own}
    return {general_kind(name): capfirst(name) for name in sorted(names)}


def general_kinds() -> dict[str, str]:
    """Index kind → name of every general type: the known ones and those printed on documents in the database
    (an office's own: "QUY ĐỊNH TẠM THỜI")."""
    found = dict(known_general_kinds())
    printed = (VanBanKhacPage.objects.exclude(printed_type_name="")
               .values_list("printed_type_name", flat=True).distinct())
    for name in printed:
        kind = general_kind(name)
        if kind != GENERAL_KIND:
            found.setdefault(kind, capfirst(" ".join(name.split()).lower()))
    return found


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
        + DocumentPage.content_panels + [FieldPanel("body", help_text=GENERAL_BODY_HELP)] + DocumentPage.signature_panels
    )
    is_creatable = True

    @property
    def index_kind(self) -> str:
        return general_kind(self.type_name)

    class Meta:
        verbose_name = _("Văn bản khác")
        verbose_name_plural = _("Văn bản khác")
