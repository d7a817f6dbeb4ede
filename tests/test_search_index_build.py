"""The indexing path's shortcuts (search/indexing.py, the Elasticsearch source): each gives what the plain
definition gives. No database, no server."""
from __future__ import annotations

import datetime
import random
import zlib

import pytest

from documents.text.vietnamese import fold, prepare_exact_text
from search.backends.elasticsearch import SNIPPET_CHARS, IndexEntry, distinct_words, to_source, unpack_snippet
from search.bench.corpus import TOPICS, VOCABULARY
from search.indexing import _LEAD_CHARS, LEAD_WORDS, folded_opening, searchable_text


def reference_folded_opening(text: str) -> str:
    return " ".join(fold(prepare_exact_text(text[:_LEAD_CHARS])).split(" ")[:LEAD_WORDS])


def _texts() -> list[str]:
    rng = random.Random(11)
    words = VOCABULARY + TOPICS + ["hoà", "Uỷ", "thuỷ", "ĐỔI", "Quỳnh", "01-QC/BCĐ", "a\u0301", "\u0301", "Σ", "ΣΑΣ",
                                   "x" * 70, "İ", "ﬁ", "—", "...", "\n"]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 700))) for _ in range(300)]
    return texts + ["", "một", "x" * 5000, "a " * 119 + "b" * 3000, "ab " * 160, ("Ủy ban " * 300)[:959]]


@pytest.mark.parametrize("text", _texts())
def test_folded_opening_equals_its_definition(text):
    assert folded_opening(text) == reference_folded_opening(text)


def _document(**changes) -> dict:
    doc = {
        "id": 7, "kind": "quyet_dinh", "type_name": "Quyết định", "number": 1, "notation": "01/QĐ-UBND",
        "notation_key": "01-QD-UBND", "issuer_id": 3, "issuer_name": "Ủy ban nhân dân", "issuer_code": "UBND",
        "signer": "Nguyễn Văn A", "signer_position": "Chủ tịch", "issued_on": datetime.date(2025, 3, 1), "year": 2025,
        "status": "con_hieu_luc", "state": "issued", "visibility": "public", "recipients": ["Như trên"],
        "title": "Về việc hoà giải ở cơ sở", "bases": "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "body": "Điều 1. Ban hành quy chế. " * 40, "attachments": "", "principals": ["public"],
    }
    doc.update(changes)
    return doc


def reference_source(doc) -> dict:
    """to_source as it was first written: through an IndexEntry."""
    content = searchable_text(doc)
    snippet_text = content[:SNIPPET_CHARS]
    return IndexEntry(
        page_id=doc["id"], kind=doc.get("kind", ""), number=doc.get("number"), notation=doc.get("notation", ""),
        notation_key=doc.get("notation_key", ""),
        notation_folded=fold(doc.get("notation", "")).upper(), issuer_id=doc.get("issuer_id"),
        issuer_name=doc.get("issuer_name", ""), issuer_code=doc.get("issuer_code", ""),
        signer=doc.get("signer", ""), issued_on=doc.get("issued_on"), year=doc.get("year"),
        status=doc.get("status", ""), state=doc.get("state", ""), visibility=doc.get("visibility", ""),
        recipients=list(doc.get("recipients") or []), principals=list(doc.get("principals") or []),
        title=doc.get("title", ""), title_folded=fold(doc.get("title", "")),
        text_exact=distinct_words(content), text_folded=fold(content),
        bases_folded=folded_opening(doc.get("bases", "")), lead_folded=folded_opening(doc.get("body", "")),
        snippet_zlib=zlib.compress(snippet_text.encode(), 1),  # the binary field's own serialiser makes it base64
    ).to_dict()


@pytest.mark.parametrize("changes", [
    {}, {"number": None, "issued_on": None, "year": None, "recipients": [], "notation": ""},
    {"body": "Thuỷ lợi và đê điều. " * 2000},  # longer than the snippet
    {"body": "Có ký tự lạ: ﬁ İ a\u0301 Å. " * 1200},  # folding changes the length
    {"title": "", "bases": "", "body": "", "principals": ["issuer:3", "user:9"], "visibility": "internal"},
])
def test_elasticsearch_source_equals_the_index_entry(changes):
    doc = _document(**changes)
    assert to_source(doc) == reference_source(doc)
    assert unpack_snippet(to_source(doc)["snippet_zlib"]) == searchable_text(doc)[:SNIPPET_CHARS]
