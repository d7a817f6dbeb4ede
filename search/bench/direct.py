"""Index documents made straight from the synthetic corpus, without database pages: for corpora too large
to insert as Wagtail pages (``bench_search --es-only``, and every size above ES_ONLY_THRESHOLD), where only
Elasticsearch is measured. The documents are what ``documents.indexed.indexed_document`` would give for the
pages that pages.py inserts (texts, notation, issuer, readers)."""
from __future__ import annotations

from collections.abc import Iterator

from documents.blocks import stream_text
from documents.indexed import IndexedDocument
from documents.kinds import kind_classes
from documents.text.vietnamese import nfc
from search.bench.corpus import ISSUERS, Generator

ES_ONLY_THRESHOLD = 200_000  # above this, bench_search measures Elasticsearch only, fed directly


def issuer_ids() -> dict[str, int]:
    """Issuer id by code, as the direct documents number them (1-based position in ISSUERS)."""
    return {code: i + 1 for i, (_name, code, *_rest) in enumerate(ISSUERS)}


def direct_documents(size: int, seed: int) -> Iterator[IndexedDocument]:
    kinds = {slug: nfc(cls.type_name) for slug, cls in kind_classes().items()}
    for page_id, synthetic in enumerate(Generator(seed).documents(size), start=1):
        name, code, *_rest = ISSUERS[synthetic.issuer]
        issuer_id = synthetic.issuer + 1
        principals = ["public"] if synthetic.visibility == "public" else [f"issuer:{issuer_id}"]
        yield IndexedDocument(
            id=page_id, kind=synthetic.kind, type_name=kinds.get(synthetic.kind, ""), number=synthetic.number,
            notation=synthetic.notation, notation_key=synthetic.notation_key, issuer_id=issuer_id,
            issuer_name=nfc(name), issuer_code=code, signer=nfc(synthetic.signer_name),
            signer_position=nfc(synthetic.signer_position), issued_on=synthetic.issued_on,
            year=synthetic.issued_on.year, status=synthetic.legal_status, state="issued",
            visibility=synthetic.visibility, recipients=[nfc(r) for r in synthetic.recipients],
            title=nfc(synthetic.title), bases=nfc("\n".join(synthetic.bases)),
            body=nfc("\n".join(t for t in [synthetic.preamble, stream_text(synthetic.body)] if t)),
            attachments="", principals=principals,
        )
