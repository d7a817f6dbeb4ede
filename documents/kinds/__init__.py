"""Document kinds. Each module here defines one DocumentPage subclass; adding a kind is adding a module."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
