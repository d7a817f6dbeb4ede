"""The admin page listings as a clerk reads them: số ký hiệu, loại, ngày, trạng thái; and the admin's search.

Used by the page viewset and the page chooser of documents/workflow/hooks.py (explorer, admin search, chooser).
The admin's search (`admin_search_ids`) asks the project's search first, which cms/ plugs in through the Wagtail
hook DOCUMENT_SEARCH_HOOK (documents/ cannot import search/), then adds a folded lookup over the documents the user
may see (title and notation without marks, the number, the notation key), which finds drafts too: the project's
full-text index holds only issued documents. Both are kept to `pages`, what the user may explore.
"""
from __future__ import annotations

import copy

from django.db.models import Case, IntegerField, QuerySet, When
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.query import PageQuerySet

from documents.models import DocumentPage, DocumentState, document_type_name
from documents.text.notation import notation_key
from documents.text.vietnamese import fold, tokens

MAX_SCANNED = 5000  # newest documents looked at by the folded lookup
MAX_FOUND = 200
# fn(query: str, user) -> list of document ids, best first, already limited to what the user may read.
DOCUMENT_SEARCH_HOOK = "vanban_search_documents"


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


# Columns a phone leaves out (cms/static/cms/admin.css hides WIDE_ONLY below 50em): the title, số ký hiệu and
# trạng thái stay readable instead of every column squeezed to a letter a line.
WIDE_ONLY = "vanban-wide-only"
WIDE_ONLY_COLUMNS = ("kind", "issued_on", "parent", "latest_revision_created_at")


def _wide_only(column):
    column = copy.copy(column)  # Wagtail's column objects are shared by its other views
    column.classname = f"{column.classname or ''} {WIDE_ONLY}".strip()
    column.header = type(column.header)(column)  # the header renders the column it was made for
    return column


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
    return [_wide_only(c) if c.name in WIDE_ONLY_COLUMNS else c for c in result]


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


def admin_search_ids(query: str, pages: QuerySet, user) -> list[int]:
    """Documents among `pages` for the admin's search box: the project's search (registered documents, by
    notation, number, words without marks, trích yếu and body), then the folded lookup (drafts too)."""
    query = (query or "").strip()
    if not query:
        return []
    searched: list[int] = []
    for search in hooks.get_hooks(DOCUMENT_SEARCH_HOOK):
        searched += search(query, user)
    allowed = set(pages.filter(pk__in=searched).values_list("pk", flat=True)) if searched else set()
    found = [pk for pk in searched if pk in allowed] + folded_document_ids(query, pages)
    return list(dict.fromkeys(found))[:MAX_FOUND]


class DocumentSearchPageQuerySet(PageQuerySet):
    """The page chooser's queryset: its search box (Wagtail calls autocomplete) finds documents as the admin's
    search does, before Wagtail's own matches. `searching_user` is set on a per-request subclass."""

    searching_user = None

    def autocomplete(self, query, *args, **kwargs):
        own = super().autocomplete(query, *args, **kwargs)
        found = admin_search_ids(query if isinstance(query, str) else "", self, self.searching_user)
        if not found:
            return own
        return in_order(self, list(dict.fromkeys([*found, *(page.pk for page in own[:50])])))


def searchable_by(pages: PageQuerySet, user) -> PageQuerySet:
    """`pages` whose autocomplete is the admin's document search for `user` (the page chooser)."""
    queryset_class = type("UserDocumentSearch", (DocumentSearchPageQuerySet,), {"searching_user": user})
    return queryset_class(model=pages.model, query=pages.query.chain(), using=pages.db)
