"""What the backend and both dialects share: table names, the prepared row of a document, SQL helpers."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from documents.indexed import IndexedDocument
from documents.text.vietnamese import fold, prepare_exact_text
from search.indexing import LEAD_WORDS, folded_opening, searchable_text

ENTRY = "search_embeddedentry"
PRINCIPAL = "search_embeddedprincipal"
TEXT = "search_embeddedtext"
STATE = "search_embeddedindexstate"
FTS = "search_fts"
STATE_PK = 1
LEAD_TOKENS = LEAD_WORDS  # opening words of the body, the căn cứ and the attachments: what relevance is ranked on


@dataclass
class _Prepared:
    """A document as the dialects write it. Relevance is ranked on the "lead", weighed by field: the trích yếu,
    then the căn cứ, then the opening of the body, then the opening of the attachments (docs/domain.md)."""

    entry: dict[str, Any]
    content: str
    principals: list[str]
    title_folded: str
    body_folded: str
    exact: str
    bases_folded: str = ""
    lead_folded: str = ""  # opening of the body
    attachments_folded: str = ""  # opening of the attachments
    encoded: Any = None  # the dialect's own form of the row (_Dialect.encode), when made ahead of the write


def prepare(doc: IndexedDocument) -> _Prepared:
    content = searchable_text(doc)  # NFC
    exact = prepare_exact_text(content)
    entry = {
        "page_id": doc["id"], "kind": doc.get("kind", ""), "number": doc.get("number"),
        "notation": doc.get("notation", ""), "notation_key": doc.get("notation_key", ""),
        "issuer_id": doc.get("issuer_id"), "issuer_name": doc.get("issuer_name", ""),
        "issuer_code": doc.get("issuer_code", ""), "signer": doc.get("signer", ""),
        "issued_on": doc.get("issued_on"), "year": doc.get("year"), "status": doc.get("status", ""),
        "state": doc.get("state", ""), "visibility": doc.get("visibility", ""), "title": doc.get("title", ""),
    }
    # fold() is character-local, so folding the exact token string equals prepare_index_text(content).
    title = prepare_exact_text(doc.get("title", ""))
    return _Prepared(entry, content, list(doc.get("principals") or []), fold(title), fold(exact), exact,
                     bases_folded=folded_opening(doc.get("bases", "")), lead_folded=folded_opening(doc.get("body", "")),
                     attachments_folded=folded_opening(doc.get("attachments", "")))


def _marks(items: Sequence) -> str:
    return ", ".join(["%s"] * len(items))


def _chunks(items: Sequence, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _score(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value
