"""What goes into the search index for one document: ``build_index_document(page) -> dict``.

Only issued, live documents are indexed (editors use Wagtail's admin search for drafts); everything
else is removed from the index. Both backends index the same dict.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from django.db import models

from documents.blocks import stream_text
from documents.permissions import document_principals
from documents.text.notation import notation_key
from documents.text.vietnamese import nfc
from search.attachments import attachment_text


def indexable_pages():
    """Every document that belongs in the index, as specific pages."""
    from documents.models import DocumentPage, DocumentState

    return DocumentPage.objects.live().filter(state=DocumentState.ISSUED).exclude(confidentiality__gt="")


def load_pages(ids: Iterable[int]) -> dict[int, Any]:
    """The specific pages of these ids, with what ``build_index_document`` and ``document_json`` read
    (issuer, bases, recipients, relations, attachments) prefetched: a fixed number of queries for any number
    of pages. Rebuilds, the queue and search results all load their pages here."""
    from documents.models import DocumentPage
    from documents.serializers import prefetch_for_json

    return {page.pk: page for page in prefetch_for_json(DocumentPage.objects.filter(pk__in=list(ids)).specific())}


def should_index(page) -> bool:
    from documents.models import DocumentState

    return bool(page.live and page.state == DocumentState.ISSUED and not page.confidentiality)


@cache
def _kind_text_fields(cls) -> tuple:
    from documents.models import DocumentPage

    shared = {f.name for f in DocumentPage._meta.get_fields()}
    return tuple(f for f in cls._meta.get_fields()
                 if f.name not in shared and isinstance(f, (models.CharField, models.TextField)))


def _kind_fields_text(page) -> list[str]:
    """Text fields a kind adds to the shared ones (decider, proposal, chair, conclusions, period …)."""
    parts: list[str] = []
    for field in _kind_text_fields(type(page)):
        value = getattr(page, field.name, "")
        if field.choices and value:
            value = getattr(page, f"get_{field.name}_display")()
        if value:
            parts.append(str(value))
    label = getattr(page, "period_label", "")
    if label:
        parts.append(label)
    return parts


def build_index_document(page) -> dict[str, Any]:
    """The index document of a page: metadata for filters and facets, texts, and its readers."""
    page = page.specific
    issuer = page.issuer
    bases = [nfc(b.text) for b in page.bases.all()]
    recipients = [nfc(r.name) for r in page.recipients.all()]
    body_parts = [*bases, nfc(page.preamble)]
    if hasattr(page, "body"):
        body_parts.append(nfc(stream_text(page.body)))
    body_parts += [nfc(t) for t in _kind_fields_text(page)]
    issued_on = page.issued_on
    return {
        "id": page.pk,
        "kind": page.kind_slug,
        "type_name": nfc(page.type_name),
        "number": page.number,
        "notation": page.notation,
        "notation_key": notation_key(page.notation) if page.notation else "",
        "issuer_id": issuer.pk,
        "issuer_name": nfc(issuer.name),
        "issuer_code": issuer.code,
        "signer": nfc(page.signer_name),
        "signer_position": nfc(page.signer_position),
        "issued_on": issued_on,
        "year": issued_on.year if issued_on else None,
        "status": page.legal_status,
        "state": page.state,
        "visibility": page.visibility,
        "recipients": recipients,
        "title": nfc(page.title),
        "body": "\n".join(p for p in body_parts if p),
        "attachments": attachment_text(page),
        "principals": sorted(set(document_principals(page))),
    }


MAX_TEXT_CHARS = 600_000  # of one document's searchable text, in every backend (huge annexes are cut)


def searchable_text(doc: dict[str, Any]) -> str:
    """All text a reader may search for, NFC, at most MAX_TEXT_CHARS: the title line first, then the body
    (snippets come from it), the signature, recipients, type and notation, issuer, and the attachments last
    (the longest part)."""
    parts = [
        doc.get("title", ""),
        doc.get("body", ""),
        " ".join(p for p in (doc.get("signer_position", ""), doc.get("signer", "")) if p),
        "\n".join(doc.get("recipients") or []),
        " ".join(p for p in (doc.get("type_name", ""), doc.get("notation", "")) if p),
        doc.get("issuer_name", ""),
        doc.get("attachments", ""),
    ]
    return nfc("\n".join(p for p in parts if p))[:MAX_TEXT_CHARS]


def iter_index_documents(chunk_size: int = 200) -> Iterator[dict[str, Any]]:
    """Index documents of every indexable page, streamed (for rebuilds)."""
    ids = list(indexable_pages().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk_size):
        for page in load_pages(ids[start:start + chunk_size]).values():
            yield build_index_document(page)


def count_indexable() -> int:
    return indexable_pages().count()
