"""A document's address segment: derived from its number-notation (once issued) and its trích yếu, never typed.

An imported document's segment is derived from the notation key and trích yếu as read; when the clerk's review
corrects them, the segment follows and the former address keeps leading to the document (FormerAddress)."""
from __future__ import annotations

from django.utils.text import slugify

from documents.text.vietnamese import fold

MAX_BASE = 70


def document_slug_base(notation: str, type_code: str, title: str, kind: str) -> str:
    """ "113-QĐ/ĐU" + "về việc kiện toàn …" → "113-qd-du-ve-viec-kien-toan-…" (ASCII, folded Vietnamese)."""
    prefix = notation or type_code
    base = slugify(fold(f"{prefix} {title}").replace("/", " "))[:MAX_BASE].strip("-")
    return base or kind.replace("_", "-") or "van-ban"


def is_derived(slug: str, type_code: str, title: str, kind: str) -> bool:
    """Whether `slug` is the unnumbered one derived for this document (possibly with a "-2" sibling suffix)."""
    return has_base(slug, document_slug_base("", type_code, title, kind))


def import_slug_base(notation_key: str, title: str, kind: str) -> str:
    """ "1-qc-bcd" + "Quy chế làm việc …" → "1-qc-bcd-quy-che-lam-viec-…": the segment an import is given."""
    return slugify(f"{notation_key} {fold(title)}")[:MAX_BASE].strip("-") or kind.replace("_", "-")


def has_base(slug: str, base: str) -> bool:
    """Whether ``slug`` is ``base`` or a sibling's "-2", "-3" … of it."""
    return slug == base or (slug.startswith(base + "-") and slug[len(base) + 1:].isdigit())
