"""The admin page listings as a clerk reads them: số ký hiệu, loại, ngày, trạng thái; and a folded search.

Used by the page viewset of documents/workflow/hooks.py (explorer and admin search). The search here is a folded
lookup over the documents the user may see (title and notation without marks, the number, the notation key), so it
finds drafts too: the project's full-text index (search/) holds only issued documents.
"""
from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, When
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from documents.models import DocumentPage, DocumentState, document_type_name
from documents.text.notation import notation_key
from documents.text.vietnamese import fold, tokens

MAX_SCANNED = 5000  # newest documents looked at by the folded lookup
MAX_FOUND = 200


def _notation(page) -> str:
    return getattr(page, "notation", "") or ""


def _kind(page) -> str:
    name = document_type_name(page) if isinstance(page, DocumentPage) else ""
    return name.lower().capitalize() if name else ""


def _day(page) -> str:
    day = getattr(page, "issued_on", None)
    return date_format(day, "d/m/Y") if day else ""


def _state(page) -> str:
    state = getattr(page, "state", "")
    label = str(DocumentState(state).label) if state in DocumentState.values else ""
    if (getattr(page, "review_notes", "") or "").strip():  # imported with parts of its structure missing
        label = f"{label} · {_('cần rà soát')}" if label else str(_("Cần rà soát"))
    return label


DOCUMENT_COLUMNS = [
    Column("notation", label=_("Số, ký hiệu"), accessor=_notation, width="12%"),
    Column("kind", label=_("Loại"), accessor=_kind, width="10%"),
    Column("issued_on", label=_("Ngày ban hành"), accessor=_day, width="10%"),
    Column("state", label=_("Trạng thái"), accessor=_state, width="10%"),
]


def with_document_columns(columns: list) -> list:
    """Wagtail's columns with the document's after the title; Wagtail's page type and live/draft status are
    replaced by "Loại" and the document's own "Trạng thái"."""
    result = []
    for column in columns:
        if column.name in ("type", "status"):
            continue
        result.append(column)
        if column.name == "title":
            result.extend(DOCUMENT_COLUMNS)
    return result


def folded_document_ids(query: str, pages: QuerySet) -> list[int]:
    """Documents among `pages` matching the query: its notation ("113-QĐ/ĐU", "113/QĐ-ĐU"), its number ("113"),
    or every folded word of it in the title or notation ("kien toan" finds "kiện toàn")."""
    query = (query or "").strip()
    if not query:
        return []
    documents = DocumentPage.objects.filter(pk__in=pages.values("pk"))
    found: list[int] = []
    key = notation_key(query)
    if key:
        found += documents.filter(notation_key=key).values_list("pk", flat=True)
    if query.isdigit():
        found += documents.filter(number=int(query)).values_list("pk", flat=True)
    words = [fold(t).lower() for t in tokens(query)]
    if words:
        rows = documents.order_by("-pk").values_list("pk", "title", "notation")[:MAX_SCANNED]
        for pk, title, notation in rows:
            haystack = set(fold(f"{title} {notation}").lower().replace("/", " ").replace("-", " ").split())
            if all(word in haystack for word in words):
                found.append(pk)
    return list(dict.fromkeys(found))[:MAX_FOUND]


def in_order(queryset: QuerySet, ids: list[int]) -> QuerySet:
    order = Case(*[When(pk=pk, then=n) for n, pk in enumerate(ids)], output_field=IntegerField())
    return queryset.filter(pk__in=ids).order_by(order)
