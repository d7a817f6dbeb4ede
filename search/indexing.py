"""Feeding the backends: pages loaded in batches, their ``IndexedDocument`` (declared by documents.indexed),
the searchable text both backends index, full rebuilds, and filling an index found empty."""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from documents.indexed import IndexedDocument, indexable_pages, indexed_documents, prefetch_for_index
from documents.models import DocumentPage
from documents.serializers import prefetch_for_json
from documents.text.vietnamese import fold, nfc, prepare_exact_text
from search import ELASTICSEARCH, EMBEDDED, configured_backends, elasticsearch_backend, get_backend
from search.highlight import FURNITURE_MARK, SHOWN_APART_MARK

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 600_000  # of one document's searchable text, in every backend (huge annexes are cut)
LEAD_WORDS = 120  # the opening words of a field that relevance is ranked on, in every backend
_LEAD_CHARS = 20 * LEAD_WORDS  # enough characters for that many words: a long text is not tokenised whole
_LEAD_FIRST_TRY = 8 * LEAD_WORDS  # usually enough already (a syllable and its space are 4–6 characters)


def load_pages(ids: Iterable[int], *, with_body: bool = True, for_index: bool = False) -> dict[int, DocumentPage]:
    """The specific pages of these ids, with what ``indexed_document`` and ``document_json`` read
    (issuer, bases, recipients, relations, attachments) prefetched: a fixed number of queries for any number
    of pages. Rebuilds, the queue and search results all load their pages here; results do not show bodies,
    whose JSON is most of a document's row (``with_body=False``); the index needs no relations, and reads the
    căn cứ and Nơi nhận as plain texts (``for_index=True``, with ``child_texts``)."""
    pages = DocumentPage.objects.filter(pk__in=list(ids))
    if not with_body:
        pages = pages.defer_streamfields()
    prefetch = prefetch_for_index if for_index else prefetch_for_json
    return {page.pk: page for page in prefetch(pages.specific())}


def searchable_text(doc: IndexedDocument) -> str:
    """All text a reader may search for, NFC, at most MAX_TEXT_CHARS: the title line first, then the căn cứ
    and the body (snippets come from it), the signature, recipients, type and notation, issuer, and the attachments last
    (the longest part)."""
    furniture = [
        " ".join(p for p in (doc.get("signer_position", ""), doc.get("signer", "")) if p),
        "\n".join(doc.get("recipients") or []),
        SHOWN_APART_MARK,
        " ".join(p for p in (doc.get("type_name", ""), doc.get("notation", "")) if p),
        doc.get("issuer_name", ""),
    ]
    # The signature, recipients, notation and issuer lines stand between two FURNITURE_MARK lines (separators
    # no tokenizer keeps), the last two after a SHOWN_APART_MARK: a snippet starts in the signature and recipients
    # only where they hold more of the words than the text, in the notation and issuer (a result shows them
    # apart) only where nothing else matches (search.highlight).
    parts = [doc.get("title", ""), doc.get("bases", ""), doc.get("body", ""), FURNITURE_MARK, *furniture,
             FURNITURE_MARK, doc.get("attachments", "")]
    return nfc("\n".join(p for p in parts if p))[:MAX_TEXT_CHARS]


def folded_opening(text: str) -> str:
    """The first LEAD_WORDS words of ``text``, folded (the lead of a field: cheap to score, where subjects are
    stated)."""
    if len(text) > _LEAD_FIRST_TRY:
        # The opening alone when it holds more than LEAD_WORDS words: the first LEAD_WORDS are then whole and
        # the same as in the longer cut (tokens, tone placement and folding are word by word). This is on every
        # document's path two or three times, and a shorter cut halves its cost.
        words = prepare_exact_text(text[:_LEAD_FIRST_TRY]).split(" ")
        if len(words) > LEAD_WORDS:
            return fold(" ".join(words[:LEAD_WORDS]))
    return " ".join(fold(prepare_exact_text(text[:_LEAD_CHARS])).split(" ")[:LEAD_WORDS])


def iter_index_documents(chunk_size: int = 500) -> Iterator[IndexedDocument]:
    """The entries of every indexable page, streamed (for rebuilds), a chunk's relations loaded at once."""
    ids = list(indexable_pages().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk_size):
        yield from indexed_documents(list(load_pages(ids[start:start + chunk_size], for_index=True).values()))


def count_indexable() -> int:
    return indexable_pages().count()


def bootstrap_embedded() -> bool:
    """Fill the embedded index when it is empty but documents exist (first start, after a schema change)."""
    backend = get_backend(EMBEDDED)
    if backend.count() or not count_indexable():
        return False
    logger.warning("embedded search index empty: building it")
    backend.rebuild(iter_index_documents())
    return True


def bootstrap_elasticsearch() -> bool:
    """Build the Elasticsearch index when the node answers but has none yet (first start, lost data)."""
    if ELASTICSEARCH not in configured_backends():
        return False
    backend = elasticsearch_backend()
    try:
        backend.client.cluster.health()
    except Exception:
        return False  # down: the queue keeps everything until it answers
    if backend.is_ready():
        return False
    logger.warning("Elasticsearch index %s missing: building it", backend.alias)
    backend.rebuild(iter_index_documents())
    return True
