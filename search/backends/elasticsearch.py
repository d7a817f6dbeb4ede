"""Elasticsearch backend (elasticsearch.dsl), for large collections.

The node is a plain one (no ICU, no asciifolding), so Vietnamese folding happens in Python: ``text_folded``
holds the text folded and ``text_exact`` its lowercase NFC words, each once (only filtered on); both use the
built-in standard analyzer and queries are folded the same way. Snippets come from ``snippet_zlib`` (the opening
of the original text, compressed, a stored field) through search.highlight as in the embedded backend (the node's
own highlighter could only show folded text). Keyword fields serve filters and facets;
``principals`` is filtered in filter context. Readers use the alias ``<prefix>-documents``; a rebuild
fills a new versioned index (reachable meanwhile through ``<prefix>-documents-building`` so live updates
reach both) and moves the alias in one atomic call.
"""
from __future__ import annotations

import base64
import logging
import threading
import uuid
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import Binary, Date, Document, Index, Integer, Keyword, Long, MultiSearch, Search, Text
from elasticsearch.dsl.response import Response

from documents.text.vietnamese import fold
from search.backends.base import (
    FACETS,
    BackendUnavailable,
    ProgressCallback,
    SearchBackend,
    SearchBackendError,
    SearchHit,
    SearchQuery,
    SearchResult,
    Suggestion,
    SuggestQuery,
    latest_by_id,
)
from search.backends.elasticsearch_bulk import CHUNK_ACTIONS, send_bulk
from search.backends.elasticsearch_json import serializers
from search.backends.elasticsearch_query import EXACT_COUNT, SNIPPET_FIELDS, SearchPlan, exact_score, plan
from search.backends.elasticsearch_suggest import read_suggestions, suggest_searches
from search.highlight import MAX_SCAN_CHARS, snippet
from search.indexing import folded_opening, searchable_text

if TYPE_CHECKING:
    from documents.indexed import IndexedDocument

logger = logging.getLogger(__name__)

_clients: dict[tuple[str, float], Elasticsearch] = {}
_clients_lock = threading.Lock()


def get_client(url: str, timeout: float = 10.0) -> Elasticsearch:
    """One client (connection pool) per URL and timeout for the whole process."""
    key = (url, timeout)
    with _clients_lock:
        if key not in _clients:
            _clients[key] = Elasticsearch(url, request_timeout=timeout, max_retries=1, retry_on_timeout=False,
                                         serializers=serializers())
        return _clients[key]


class IndexEntry(Document):
    page_id = Long()
    kind = Keyword(eager_global_ordinals=True)  # facets: ordinals built at refresh, not at query time
    number = Integer()
    notation = Keyword()
    notation_key = Keyword()
    notation_folded = Keyword()  # folded, upper case: "01-QC/BCD", for notation prefixes as the reader types
    issuer_id = Long()
    issuer_name = Keyword()
    issuer_code = Keyword()
    signer = Keyword(eager_global_ordinals=True)
    issued_on = Date()
    year = Integer()
    status = Keyword(eager_global_ordinals=True)
    state = Keyword()
    visibility = Keyword()
    recipients = Keyword(multi=True)
    principals = Keyword(multi=True)
    title = Text(analyzer="standard")
    title_folded = Text(analyzer="standard")
    # The marks typed are only checked (a filter): each word once, with no positions, frequencies or norms.
    text_exact = Text(analyzer="standard", index_options="docs", norms=False)
    text_folded = Text(analyzer="standard", index_phrases=True)  # two-word shingles: fast quoted phrases
    # Field weights: the căn cứ and the opening of the body score on top of text_folded, the căn cứ more;
    # a word only in the attachments has text_folded alone (as the embedded backend's lead).
    bases_folded = Text(analyzer="standard")
    lead_folded = Text(analyzer="standard")
    # Snippets: the opening of the original text (not indexed, only returned; the highlighter folds it). A stored
    # field apart from _source: a hit reads it as it is, where filtering a _source that held it parsed and
    # rewrote the whole of it (2–4 ms of a 20-hit search at 10,000 documents). Compressed by the client: a page
    # of 20 hits carried ~200 KB of it, and reading and sending that was a third of the node's answer (at
    # 10,000 documents the _msearch p50 4.7–5.4 → 3.3–3.9 ms; the node never looks inside it).
    snippet_zlib = Binary(store=True)


# The full texts are indexed but not kept in _source (the database is the source, a rebuild reads it); the
# snippet is a stored field of its own.
IndexEntry._doc_type.mapping.meta(  # set by dsl's metaclass
    "_source", {"excludes": ["text_exact", "text_folded", "bases_folded", "lead_folded", "snippet_zlib"]})
SNIPPET_CHARS = MAX_SCAN_CHARS  # the highlighter reads no further


def pack_snippet(text: str) -> str:
    """The stored form of a snippet's text: zlib in base64, as a binary field takes it. Level 1: half the time of
    the default level for a tenth more bytes (65 against 121 µs a document, 38% against 34% of the UTF-8)."""
    return base64.b64encode(zlib.compress(text.encode(), 1)).decode("ascii")


def unpack_snippet(value: str) -> str:
    return zlib.decompress(base64.b64decode(value)).decode()


def distinct_words(text: str) -> str:
    """Each word of ``text`` once, lowercase, in order of first use. Whitespace never falls inside a token of the
    standard analyzer, so the node finds the same words in it, without analysing the repeats."""
    return " ".join(dict.fromkeys(text.lower().split()))


def to_source(doc: IndexedDocument) -> dict[str, Any]:
    """The _source of an IndexEntry. Built as a plain dict (an IndexEntry instance cost as much as the folding)
    with IndexEntry.to_dict()'s rule: None and empty lists are left out, "" and 0 kept."""
    content = searchable_text(doc)
    folded = fold(content)
    title = doc.get("title", "")
    source = {
        "page_id": doc["id"], "kind": doc.get("kind", ""), "number": doc.get("number"),
        "notation": doc.get("notation", ""), "notation_key": doc.get("notation_key", ""),
        "notation_folded": fold(doc.get("notation", "")).upper(), "issuer_id": doc.get("issuer_id"),
        "issuer_name": doc.get("issuer_name", ""), "issuer_code": doc.get("issuer_code", ""),
        "signer": doc.get("signer", ""), "issued_on": doc.get("issued_on"), "year": doc.get("year"),
        "status": doc.get("status", ""), "state": doc.get("state", ""), "visibility": doc.get("visibility", ""),
        "recipients": list(doc.get("recipients") or []), "principals": list(doc.get("principals") or []),
        "title": title, "title_folded": fold(title),
        "text_exact": distinct_words(content), "text_folded": folded,
        "bases_folded": folded_opening(doc.get("bases", "")), "lead_folded": folded_opening(doc.get("body", "")),
        "snippet_zlib": pack_snippet(content[:SNIPPET_CHARS]),
    }
    return {name: value for name, value in source.items() if value is not None and value != []}


def index_actions(docs: Iterable[IndexedDocument], targets: list[str]) -> Iterator[dict[str, Any]]:
    """Bulk index actions for each document into each target index, its source built as it is reached."""
    for doc in docs:
        source = to_source(doc)
        for target in targets:
            yield {"_op_type": "index", "_index": target, "_id": source["page_id"], "_source": source}


def hit_snippet_text(hit: dict[str, Any]) -> str:
    """The text a hit's snippet is taken from: the compressed stored field, or in an index built before it was
    compressed, the plain one (until the next reindex). ``hit``: a hit as the node sent it."""
    fields = hit.get("fields") or {}
    compressed, plain = SNIPPET_FIELDS
    if fields.get(compressed):
        return unpack_snippet(fields[compressed][0])
    return fields[plain][0] if fields.get(plain) else ""


def _unavailable(exc: Exception) -> bool:
    if isinstance(exc, NotFoundError):
        return True
    if isinstance(exc, ApiError):
        return exc.status_code in (404, 408, 429) or exc.status_code >= 500
    return isinstance(exc, (TransportError, TransportConnectionError))


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url: str, prefix: str = "vanban", timeout: float = 10.0) -> None:
        if not url:
            raise SearchBackendError("ELASTICSEARCH_URL is not set")
        self.url = url
        self.prefix = prefix.lower()
        self.client = get_client(url, timeout)

    @property
    def alias(self) -> str:
        return f"{self.prefix}-documents"

    @property
    def building_alias(self) -> str:
        return f"{self.prefix}-documents-building"

    def _call(self, fn, *args, **kwargs):
        """Run a client call, turning "cannot answer now" into BackendUnavailable."""
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            if _unavailable(exc):
                raise BackendUnavailable(f"Elasticsearch: {exc}") from exc
            raise

    def clear_result_caches(self) -> None:
        """Empty the shard request cache (benchmarks measure searches that were not answered before)."""
        self._call(self.client.indices.clear_cache, index=self.alias, request=True)

    def _msearch_raw(self, *searches: Search) -> list[dict[str, Any]]:
        """Several searches in one round trip, each answer as the node sent it; a failed one raises as it would
        have alone (the _msearch itself answers 200, each search carries its own status)."""
        combined = MultiSearch()
        for search in searches:
            combined = combined.add(search)
        answer = self._call(self.client.msearch, index=self.alias, body=combined.to_dict())
        items = answer["responses"]
        for item in items:
            if "error" in item:
                status = int(item.get("status") or 500)
                if status in (404, 408, 429) or status >= 500:
                    raise BackendUnavailable(f"Elasticsearch: {item['error']}")
                raise ApiError(str(item["error"]), meta=answer.meta, body=item)
        return items

    def _msearch(self, *searches: Search) -> list[Response]:
        return [Response(search, item) for search, item in zip(searches, self._msearch_raw(*searches), strict=True)]

    def _aliased(self, alias: str) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=alias).body)
        except NotFoundError:
            return []

    def _targets(self) -> list[str]:
        """Concrete indices a live update must reach: the read alias and a rebuild in progress."""
        targets = self._call(self._aliased, self.alias)
        if not targets:
            raise BackendUnavailable(
                f"Elasticsearch: chỉ mục {self.alias} chưa được tạo; chạy manage.py reindex --backend elasticsearch"
            )
        return targets + [name for name in self._call(self._aliased, self.building_alias) if name not in targets]

    def _new_index(self) -> Index:
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        index = Index(f"{self.alias}-{stamp}-{uuid.uuid4().hex[:6]}", using=self.client)
        index.settings(number_of_shards=1, number_of_replicas=0, refresh_interval="-1")
        index.document(IndexEntry)
        return index

    # -- interface --------------------------------------------------------------------------------
    def index(self, docs: Iterable[IndexedDocument]) -> None:
        """Searchable when this returns (one refresh at the end). A document given twice is sent once, as last
        given: two chunks in flight could otherwise land in either order."""
        docs = latest_by_id(docs)
        if docs:
            self.bulk_index(docs)

    def bulk_index(self, docs: Iterable[IndexedDocument], chunk_size: int = CHUNK_ACTIONS) -> int:
        """Many documents at once (a queue's backlog, a batch import): streamed bulk requests of ``chunk_size``
        without a refresh each (the next one built while the node analyses the last), then one refresh."""
        targets = self._call(self._targets)
        done = send_bulk(self.client, index_actions(docs, targets), call=self._call, chunk_size=chunk_size)
        for target in targets:
            self._call(self.client.indices.refresh, index=target)
        return done // max(len(targets), 1)

    def delete(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        if not ids:
            return
        actions = [{"_op_type": "delete", "_index": t, "_id": i} for t in self._targets() for i in ids]
        self._bulk(actions, ignore_missing=True)

    def _bulk(self, actions: list[dict], ignore_missing: bool = False) -> None:
        _ok, errors = self._call(
            helpers.bulk, self.client, actions, refresh=True, raise_on_error=False, raise_on_exception=True,
        )
        errors = [e for e in errors if not (ignore_missing and next(iter(e.values())).get("status") == 404)]
        if errors:
            raise SearchBackendError(f"Elasticsearch bulk errors: {errors[:3]}")

    def rebuild(self, docs: Iterable[IndexedDocument], progress: ProgressCallback | None = None) -> int:
        index = self._new_index()
        self._call(index.create)
        name = index._name
        done = 0
        try:
            stale = self._call(self._aliased, self.building_alias)
            actions = [{"remove": {"index": n, "alias": self.building_alias}} for n in stale]
            actions.append({"add": {"index": name, "alias": self.building_alias}})
            self._call(self.client.indices.update_aliases, actions=actions)
            done = send_bulk(self.client, index_actions(docs, [name]), call=self._call, progress=progress)
            self._call(self.client.indices.put_settings, index=name, settings={"index": {"refresh_interval": "1s"}})
            self._call(self.client.indices.refresh, index=name)
            # A freshly built index is read far more than written: one segment answers fastest.
            self.client.options(request_timeout=3600).indices.forcemerge(index=name, max_num_segments=1)
            old = self._call(self._aliased, self.alias)
            actions = [{"remove": {"index": n, "alias": self.alias}} for n in old]
            actions += [{"add": {"index": name, "alias": self.alias}},
                        {"remove": {"index": name, "alias": self.building_alias}}]
            self._call(self.client.indices.update_aliases, actions=actions)  # the atomic swap
        except BaseException:
            try:
                self.client.indices.delete(index=name, ignore_unavailable=True)
            except Exception:  # keep the original error
                logger.exception("could not remove the unfinished index %s", name)
            raise
        self._drop_unaliased(keep={name})
        return done

    def _drop_unaliased(self, keep: set[str]) -> None:
        """Remove versioned indices no alias points at (old generations, failed rebuilds)."""
        try:
            indices = self.client.indices.get_alias(index=f"{self.alias}-*").body
        except NotFoundError:
            return
        for name, info in indices.items():
            if name not in keep and not info.get("aliases"):
                self.client.indices.delete(index=name, ignore_unavailable=True)

    def drop_all(self) -> None:
        """Delete every index of this prefix (tests and benchmarks)."""
        try:
            names = list(self.client.indices.get_alias(index=f"{self.alias}-*").body)
        except NotFoundError:
            return
        for name in names:  # by name: nodes may refuse wildcard deletes
            self.client.indices.delete(index=name, ignore_unavailable=True)

    def health(self) -> dict[str, Any]:
        try:
            health = self.client.cluster.health().body  # not GET / (some nodes answer it with 405)
            indices = self._aliased(self.alias)
            return {
                "ok": health.get("status") in ("green", "yellow") and bool(indices),
                "status": health.get("status"), "url": self.url, "alias": self.alias, "indices": indices,
                "documents": self.count() if indices else 0,
            }
        except Exception as exc:  # health never raises
            return {"ok": False, "url": self.url, "alias": self.alias, "error": str(exc)}

    def is_ready(self) -> bool:
        """Whether the node answers and the read alias exists."""
        try:
            return bool(self._aliased(self.alias))
        except Exception:
            return False

    def count(self) -> int:
        try:
            return int(self._call(self.client.count, index=self.alias)["count"])
        except BackendUnavailable:
            if not self._aliased(self.alias):
                return 0
            raise

    def indexed_ids(self) -> set[int]:
        return {int(hit["_id"]) for hit in helpers.scan(self.client, index=self.alias, _source=False,
                                                        query={"query": {"match_all": {}}})}

    def suggest(self, query: SuggestQuery) -> list[Suggestion]:
        if not (query.words or query.prefix or query.notation_prefix or query.kinds):
            return []
        searches = suggest_searches(self.client, self.alias, query)
        responses = self._msearch(*(search for _part, search in searches))
        return read_suggestions([part for part, _search in searches], responses, query.limit)

    # -- search -----------------------------------------------------------------------------------
    def build_search(self, query: SearchQuery) -> SearchPlan:
        return plan(self.client, self.alias, query)

    def search(self, query: SearchQuery) -> SearchResult:
        # The answers are read as the node sent them: dsl's Response wraps every hit in objects (0.7 ms a page).
        found = self.build_search(query)
        search, counting, parsed, has_text = found.hits, found.counting, found.parsed, found.has_text
        if counting is None:  # the page tracks its own total
            page = counted = self._msearch_raw(search)[0]
        else:
            page, counted = self._msearch_raw(search, counting)
        banded = found.rest is not None
        pairs = [(hit, exact_score(hit["_score"]) if banded else hit["_score"]) for hit in page["hits"]["hits"]]
        aggregations = counted.get("aggregations") or {}
        exact_count = (aggregations.get(EXACT_COUNT) or {}).get("doc_count", 0)
        rest = found.rest_page(query, len(pairs), exact_count)
        if rest is not None:
            pairs += [(hit, hit["_score"]) for hit in self._msearch_raw(rest)[0]["hits"]["hits"]]
        hits = []
        for hit, score in pairs:
            text = (snippet(hit_snippet_text(hit), parsed.folded_words, exact=parsed.exact_words,
                            paired=parsed.is_notation) if has_text else "")
            hits.append(SearchHit(id=int(hit["_id"]), score=score, highlight=text))
        facets: dict[str, dict[str, int]] = {}
        if counting is not None:
            for name in FACETS:
                buckets = aggregations[name]["buckets"]
                facets[name] = {str(b["key"]): b["doc_count"] for b in buckets if b["key"] != ""}
        return SearchResult(count=counted["hits"]["total"]["value"], hits=hits, facets=facets, backend=self.name)
