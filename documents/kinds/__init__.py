"""Document kinds. Each module here defines one DocumentPage subclass; adding a kind is adding a module."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from documents.models import DocumentPage

import importlib
import pkgutil

_loaded = False


def load_kinds() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")


def kind_classes() -> dict[str, type[DocumentPage]]:
    """Map of kind slug (quy_che, quyet_dinh, …) to its page class."""
    from documents.models import DocumentPage

    load_kinds()
    found: dict[str, type[DocumentPage]] = {}
    stack = list(DocumentPage.__subclasses__())
    while stack:
        cls = stack.pop()
        if cls.kind and not cls._meta.abstract:
            found[cls.kind] = cls
        stack.extend(cls.__subclasses__())
    return found


def prints_own_type_name(cls: type[DocumentPage]) -> bool:
    """Whether the kind's type name is each document's own (a general document: "NGHỊ QUYẾT", "CÔNG VĂN" …)."""
    return any(field.name == "printed_type_name" for field in cls._meta.get_fields())


def with_own_type_names(pages: list[DocumentPage], select_related: Sequence[str] = ()) -> list[DocumentPage]:
    """Generic pages of a listing ready to show, in their order: those of a kind whose documents print their own
    type name as specific instances without their bodies (one query per such kind, not one per kind as
    ``.specific()`` takes), ``select_related`` joined as for the others."""
    own: dict[type[DocumentPage], list[int]] = {}
    classes = kind_classes()
    for page in pages:
        cls = classes.get(page.kind_slug)
        if cls is not None and type(page) is not cls and prints_own_type_name(cls):
            own.setdefault(cls, []).append(page.pk)
    if not own:
        return pages
    found = {}
    for cls, pks in own.items():
        rows = cls.objects.filter(pk__in=pks).defer_streamfields()
        if select_related:  # (none given would join every foreign key)
            rows = rows.select_related(*select_related)
        found.update({p.pk: p for p in rows})
    return [found.get(page.pk, page) for page in pages]
