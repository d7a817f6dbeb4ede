"""The one JSON shape of a document, shared by the page API, search hits and the inbox."""
from __future__ import annotations

from typing import Any

from documents.models import DocumentPage


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


def _readable_related_ids(page: DocumentPage, request) -> set[int]:
    """Related documents the requester may see (issue 3: a hidden document must not leak by its notation)."""
    from documents.permissions import visible_documents

    ids = set(page.relations.values_list("target_id", flat=True)) | set(page.incoming_relations.values_list("page_id", flat=True))
    if not ids:
        return set()
    return set(visible_documents(getattr(request, "user", None)).filter(pk__in=ids).values_list("pk", flat=True))


def document_json(page: DocumentPage, request=None) -> dict[str, Any]:
    """Serialise a document (any kind) to the contract keys of issue 2/3."""
    page = page.specific if type(page) is DocumentPage else page
    readable = _readable_related_ids(page, request)
    return {
        "id": page.pk,
        "url": _absolute(page.get_url(request=request), request),
        "kind": page.kind_slug,
        "type_code": page.type_code,
        "type_name": page.type_name,
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
            {"relation": rel.relation, "target": rel.target_id, "notation": rel.target.notation}
            for rel in page.relations.select_related("target") if rel.target_id in readable
        ],
        "related_by": [
            {"relation": rel.relation, "source": rel.page_id, "notation": rel.page.notation}
            for rel in page.incoming_relations.select_related("page") if rel.page_id in readable
        ],
        "attachments": [
            {"title": a.caption or a.document.title, "url": _absolute(a.document.url, request)}
            for a in page.attachments.select_related("document")
        ],
    }
