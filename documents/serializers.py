"""The one JSON shape of a document, shared by the page API, search hits and the inbox."""
from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from documents.models import DocumentAttachment, DocumentPage, DocumentRelation, document_type_name
from documents.output.views import output_urls


def issuer_json(issuer) -> dict[str, Any]:
    return {
        "id": issuer.pk, "name": issuer.name, "code": issuer.code, "superior": issuer.printed_superior,
        "system": issuer.system,
    }


def _absolute(url: str | None, request) -> str:
    if not url:
        return ""
    if request is not None and url.startswith("/"):
        return request.build_absolute_uri(url)
    return url


def _relation_lookups() -> list:
    return [
        Prefetch("relations", queryset=DocumentRelation.objects.select_related("target")),
        Prefetch("incoming_relations", queryset=DocumentRelation.objects.select_related("page")),
    ]


def _json_lookups() -> list:
    return [
        "issuer__superior", "bases", "recipients", *_relation_lookups(),
        Prefetch("attachments", queryset=DocumentAttachment.objects.select_related("document")),
    ]


def prefetch_for_json(queryset: QuerySet) -> QuerySet:
    """Documents (generic or ``.specific()``) with everything document_json reads, in a fixed number of queries.

    Serialising a list without it costs about ten queries per document.
    """
    return queryset.prefetch_related(*_json_lookups())


def prefetch_pages_for_json(pages: list[DocumentPage]) -> None:
    """``prefetch_for_json`` for pages already loaded (a mix of generic and specific instances)."""
    prefetch_related_objects(pages, *_json_lookups())


def readable_relations(page: DocumentPage, user) -> tuple[list[DocumentRelation], list[DocumentRelation]]:
    """The page's outgoing and incoming relations whose other document the user may see (issue 3: a hidden
    document must not leak by its notation). One query, and none when the page has no relations."""
    from documents.permissions import visible_documents

    prefetch_related_objects([page], *_relation_lookups())  # no-op when already prefetched
    outgoing, incoming = list(page.relations.all()), list(page.incoming_relations.all())
    ids = {rel.target_id for rel in outgoing} | {rel.page_id for rel in incoming}
    if not ids:
        return [], []
    readable = set(visible_documents(user).filter(pk__in=ids).values_list("pk", flat=True))
    return [rel for rel in outgoing if rel.target_id in readable], [rel for rel in incoming if rel.page_id in readable]


def document_json(page: DocumentPage, request=None) -> dict[str, Any]:
    """Serialise a document (any kind, generic or specific instance) to the contract keys of issue 2/3."""
    prefetch_related_objects([page], *_json_lookups())  # only what the caller did not prefetch
    outgoing, incoming = readable_relations(page, getattr(request, "user", None))
    return {
        "id": page.pk,
        "url": _absolute(page.get_url(request=request), request),
        "kind": page.kind_slug,
        "type_code": page.type_code,
        "unit_code": page.unit_code,
        "type_name": document_type_name(page),
        "number": page.number,
        "notation": page.notation,
        "issued_on": page.issued_on.isoformat() if page.issued_on else None,
        "place": page.place,
        "issuer": issuer_json(page.issuer),
        "title": page.title,
        "bases": [basis.text for basis in page.bases.all()],
        "signer": {
            "authority": page.signer_authority_line,
            "position": page.signer_position,
            "name": page.signer_name,
        },
        "recipients": [
            {"name": r.name, "purpose": r.purpose, "archive": r.archive} for r in page.recipients.all()
        ],
        "status": page.legal_status,
        "visibility": page.visibility,
        "state": page.state,
        "urgency": page.urgency,
        "rule_set": page.rule_set,
        "relations": [
            {"relation": rel.relation, "target": rel.target_id, "notation": rel.target.notation} for rel in outgoing
        ],
        "related_by": [
            {"relation": rel.relation, "source": rel.page_id, "notation": rel.page.notation} for rel in incoming
        ],
        "attachments": [
            {"id": a.pk, "title": a.caption or a.document.title, "url": _absolute(a.document.url, request)}
            for a in page.attachments.all()
        ],
        **output_urls(page),  # issue 11: absolute PDF and DOCX download links
    }


def _cited_json(item, request) -> dict[str, Any]:
    page = item.page
    return {
        "id": page.pk if page is not None else None,
        "title": item.title,
        "notation": item.notation,
        "date": item.date.isoformat() if item.date else None,
        "url": (_absolute(page.get_url(request=request), request) or None) if page is not None else None,
        "text": item.text,
        "recalled": item.recalled,
    }


def citations_json(page: DocumentPage, request=None) -> dict[str, list[dict[str, Any]]]:
    """``cites`` and ``cited_by`` of a document's detail (docs/domain.md §13): readable documents linked, every
    other citation as the source's own words with id and url null. One query per list."""
    from documents.citations import readable_cited_by, readable_cites

    user = getattr(request, "user", None)
    return {
        "cites": [_cited_json(item, request) for item in readable_cites(page, user)],
        "cited_by": [_cited_json(item, request) for item in readable_cited_by(page, user)],
    }
