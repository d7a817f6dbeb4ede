"""What the backend and both dialects share: table names, the prepared row of a document, SQL helpers."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from documents.indexed import IndexedDocument
from documents.text.vietnamese import fold, prepare_exact_text
from search.indexing import searchable_text

ENTRY = "search_embeddedentry"
PRINCIPAL = "search_embeddedprincipal"
TEXT = "search_embeddedtext"
STATE = "search_embeddedindexstate"
FTS = "search_fts"
STATE_PK = 1
LEAD_TOKENS = 120  # title + opening words: the part relevance is ranked on


@dataclass
class _Prepared:
    entry: dict[str, Any]
    content: str
    principals: list[str]
    title_folded: str
    body_folded: str
    exact: str

    @property
    def lead_folded(self) -> str:
        """Title and opening of the text: what relevance is ranked on (cheap, and where subjects are stated)."""
        return " ".join(self.body_folded.split(" ", LEAD_TOKENS)[:LEAD_TOKENS])


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
    return _Prepared(entry, content, list(doc.get("principals") or []), fold(title), fold(exact), exact)


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
