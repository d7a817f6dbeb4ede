"""What the search index holds for one document, declared by the domain: ``indexed_document(page)``.

Only issued, live, non-secret documents are indexed (editors use Wagtail's admin search for drafts);
everything else is removed from the index. The search app stores this structure in every backend and adds
nothing to it: it is infrastructure.
"""
from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypedDict

from django.db import models
from django.db.models import Prefetch, QuerySet

from documents.attachment_text import attachment_text
from documents.blocks import stream_text
from documents.models import DocumentAttachment, DocumentBasis, DocumentPage, DocumentRecipient, DocumentState
from documents.permissions import document_principals, documents_principals
from documents.text.notation import notation_key
from documents.text.vietnamese import nfc


class IndexedDocument(TypedDict):
    """One document in the index: metadata for filters and facets, its texts (NFC), and its readers."""

    id: int
    kind: str  # DocumentPage.index_kind: a general document's own type ("van_ban.nghi_quyet")
    type_name: str
    number: int | None
    notation: str
    notation_key: str
    issuer_id: int
    issuer_name: str
    issuer_code: str
    signer: str
    signer_position: str
    issued_on: datetime.date | None
    year: int | None
    status: str
    state: str
    visibility: str
    recipients: list[str]
    title: str
    bases: str  # the căn cứ lines (ranked above the body, docs/domain.md)
    body: str  # preamble, body blocks and the kind's own text fields
    attachments: str  # text of the attached files (ranked below the body)
    principals: list[str]  # "public", "user:<id>", "group:<id>", "issuer:<id>" (documents.permissions)


def indexable_pages() -> QuerySet[DocumentPage]:
    """Every document that belongs in the index."""
    return DocumentPage.objects.live().filter(state=DocumentState.ISSUED).exclude(confidentiality__gt="")


def prefetch_for_index(queryset: QuerySet) -> QuerySet:
    """Pages with what ``indexed_document`` and ``documents_principals`` read (issuer and its superior,
    attachments with their files), one query per relation for any number of pages; their căn cứ and Nơi nhận
    texts come from ``child_texts``. Narrower than the JSON's prefetch: the index holds no relations between
    documents."""
    return queryset.prefetch_related(
        "issuer__superior",
        Prefetch("attachments", queryset=DocumentAttachment.objects.select_related("document")),
    )


@dataclass(frozen=True)
class ChildTexts:
    """The căn cứ and Nơi nhận texts of many pages, in their order, by page id."""

    bases: dict[int, list[str]]
    recipients: dict[int, list[str]]


def _texts_by_page(model: type[models.Model], column: str, ids: list[int]) -> dict[int, list[str]]:
    grouped: defaultdict[int, list[str]] = defaultdict(list)
    rows = model._default_manager.filter(page_id__in=ids).order_by("page_id", "sort_order", "pk")
    for page_id, text in rows.values_list("page_id", column):
        grouped[page_id].append(text)
    return dict(grouped)


def child_texts(page_ids: Iterable[int]) -> ChildTexts:
    """Two queries of plain values for any number of pages. Prefetching the rows as models cost a third of a
    rebuild's reading (0.29 of 0.87 ms a document at 10,000: 8 instances a page, each with its signals and
    cluster set-up), for two strings each."""
    ids = list(page_ids)
    return ChildTexts(bases=_texts_by_page(DocumentBasis, "text", ids),
                      recipients=_texts_by_page(DocumentRecipient, "name", ids))


def is_indexable(page: DocumentPage) -> bool:
    """The rule of ``indexable_pages`` for one loaded page."""
    return bool(page.live and page.state == DocumentState.ISSUED and not page.confidentiality)


_KIND_TEXT_FIELDS: dict[type[DocumentPage], tuple] = {}


def _kind_text_fields(cls: type[DocumentPage]) -> tuple:
    if cls not in _KIND_TEXT_FIELDS:
        shared = {f.name for f in DocumentPage._meta.get_fields()}
        _KIND_TEXT_FIELDS[cls] = tuple(f for f in cls._meta.get_fields()
                                       if f.name not in shared and isinstance(f, (models.CharField, models.TextField)))
    return _KIND_TEXT_FIELDS[cls]


def _kind_fields_text(page: DocumentPage) -> list[str]:
    """Text fields a kind adds to the shared ones (decider, proposal, chair, conclusions, period …)."""
    parts: list[str] = []
    for field in _kind_text_fields(type(page)):
        value = getattr(page, field.name, "")
        if field.choices and value:
            value = getattr(page, f"get_{field.name}_display")()
        if value:
            parts.append(str(value))
    label = getattr(page, "period_label", "")
    if label:  # "quý I năm 2026" says the period's type too: not "Quý quý I năm 2026"
        parts = [part for part in parts if part.lower() not in label.lower()] + [label]
    return parts


def indexed_documents(pages: list[DocumentPage]) -> list[IndexedDocument]:
    """The index entries of many pages, in order, their readers and texts found for all of them at once
    (rebuilds)."""
    principals = documents_principals(pages)
    children = child_texts(page.pk for page in pages)
    return [indexed_document(page, principals[page.pk], children) for page in pages]


def indexed_document(page: DocumentPage, principals: list[str] | None = None,
                     children: ChildTexts | None = None) -> IndexedDocument:
    """The index entry of a page (prefetch_for_index for many pages). ``principals``: its readers if already
    known (``documents_principals``), else read here; ``children``: its căn cứ and Nơi nhận texts if already
    read (``child_texts``), else read from the page."""
    page = page.specific
    issuer = page.issuer
    if children is None:
        bases = [nfc(b.text) for b in page.bases.all()]
        recipients = [nfc(r.name) for r in page.recipients.all()]
    else:
        bases = [nfc(text) for text in children.bases.get(page.pk, ())]
        recipients = [nfc(name) for name in children.recipients.get(page.pk, ())]
    body_parts = [nfc(page.preamble)]
    if hasattr(page, "body"):
        body_parts.append(nfc(stream_text(page.body)))
    body_parts += [nfc(t) for t in _kind_fields_text(page)]
    issued_on = page.issued_on
    return IndexedDocument(
        id=page.pk,
        kind=page.index_kind,
        type_name=nfc(page.type_name),
        number=page.number,
        notation=page.notation,
        notation_key=notation_key(page.notation) if page.notation else "",
        issuer_id=issuer.pk,
        issuer_name=nfc(issuer.name),
        issuer_code=issuer.code,
        signer=nfc(page.signer_name),
        signer_position=nfc(page.signer_position),
        issued_on=issued_on,
        year=issued_on.year if issued_on else None,
        status=page.legal_status,
        state=page.state,
        visibility=page.visibility,
        recipients=recipients,
        title=nfc(page.title),
        bases="\n".join(b for b in bases if b),
        body="\n".join(p for p in body_parts if p),
        attachments=attachment_text(page),
        principals=sorted(set(document_principals(page) if principals is None else principals)),
    )
