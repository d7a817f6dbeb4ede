"""The Elasticsearch requests of one search: the page of hits, and the count and facets beside it.

With facets, the count and the facet counts come from a second request in filter context (no scoring) and of
size 0, which Elasticsearch keeps in its shard request cache until the index changes; the page of hits then needs
no exact total, so only documents that can reach the page are scored. Both go in one _msearch and run side by side.

Marks typed (tier 2 of search.ranking): the documents with every word spelled as typed come before all the others.
As one request this was a constant score band over every match, and a band of that kind stops Lucene from skipping
documents that cannot reach the page: at 100,000 documents "chuyển đổi số" took the node 13 ms, "chuyen doi so"
4 ms. So the page is asked of the exact documents first (``hits``, the exact spelling as a filter), and only when
they do not fill it, of the others (``rest``, the exact spelling excluded): 5 ms, then 4 ms only if needed (the
whole search 31 → 18–20 ms). The order is the one band's order: inside the band every score was raised by the
same constant, and ``exact_score`` gives it back.
"""
from __future__ import annotations

from dataclasses import dataclass

from elasticsearch import Elasticsearch
from elasticsearch.dsl import Q, Search
from elasticsearch.dsl.query import Query

from search.backends.base import FACET_FIELDS, FACETS, SearchQuery, parse_text
from search.backends.elasticsearch_ranking import (
    BASES_BOOST,
    EXACT_BOOST,
    LEAD_BOOST,
    NEWEST,
    NOTATION_BOOST,
    exact_spelling,
    text_query,
    tier_boosts,
)
from search.query import ParsedQuery

SNIPPET_FIELDS = ["snippet_zlib", "snippet"]  # stored fields; the second in an index built before the first
EXACT_COUNT = "exact_count"  # the facets request's count of documents with the exact spelling (later pages)


@dataclass
class SearchPlan:
    hits: Search  # the page (of the exact documents first, when ``rest`` is set)
    counting: Search | None  # count and facets, or None without facets (then ``hits`` tracks the total)
    parsed: ParsedQuery
    has_text: bool
    rest: Search | None = None  # the documents without the exact spelling, unsized: see ``rest_page``

    def rest_page(self, query: SearchQuery, found: int, exact_count: int) -> Search | None:
        """The request filling a page that the exact documents left short (``found`` of them on it), or None.
        ``exact_count``: how many documents have the exact spelling (needed only on a later page that holds
        none of them)."""
        start, end = query.window
        if self.rest is None or found >= end - start:
            return None
        # Ranks [start, end); the exact documents hold ranks [0, exact_count).
        begin = 0 if found or not start else max(0, start - exact_count)
        return self.rest[begin:begin + end - start - found]


def _text_branch(parsed: ParsedQuery, exact_band: bool) -> Query:
    folded = text_query(parsed, "text_folded")
    words = " ".join(parsed.folded_terms)
    # Each field scores only when it holds every word: as "any word", a common one ("ban", "nam") made the node
    # score its postings across the whole index (100,000 documents: 19 → 4 ms for "Uỷ ban nhân dân hoà giải").
    scored = [Q("match", title_folded={"query": words, "boost": 2.0, "operator": "and"}),
              Q("match", bases_folded={"query": words, "boost": BASES_BOOST, "operator": "and"}),
              Q("match", lead_folded={"query": words, "boost": LEAD_BOOST, "operator": "and"})] if words else []
    text = Q("bool", must=[folded], should=scored)
    return Q("bool", must=[text], should=tier_boosts(parsed, exact_band=exact_band))


def plan(client: Elasticsearch, index: str, query: SearchQuery) -> SearchPlan:
    parsed, key = parse_text(query.text)
    parsed.named_issuers = tuple(query.named_issuers)
    parsed.named_signers = tuple(query.named_signers)
    filters = []
    if query.principals is not None:
        filters.append(Q("terms", principals=list(query.principals) or ["-"]))
    for name, values in query.filters.items():
        if values:
            filters.append(Q("terms", **{FACET_FIELDS[name]: list(values)}))
    has_text = not parsed.is_empty or bool(key)
    exact = exact_spelling(parsed)
    # A typed notation outranks the exact band; such searches stay one request (they match few documents).
    split = exact is not None and not key and query.sort != "date" and query.with_facets
    if has_text:
        branches = [_text_branch(parsed, exact_band=not split)] if not parsed.is_empty else []
        if key:
            branches.append(Q("constant_score", filter=Q("term", notation_key=key), boost=NOTATION_BOOST))
        main = Q("bool", should=branches, minimum_should_match=1, filter=filters)
    else:
        main = Q("bool", filter=filters) if filters else Q("match_all")

    def request(q: Query) -> Search:
        search = Search(using=client, index=index).query(q).extra(track_total_hits=not query.with_facets)
        # The page id is the hit's _id: no _source is read, only the snippet's stored field.
        search = search.source(False)
        search = search.extra(stored_fields=SNIPPET_FIELDS) if has_text else search
        return search.sort(*NEWEST) if query.sort == "date" or not has_text else search.sort("_score", *NEWEST)

    hits, rest = request(main), None
    if split:
        hits, rest = request(Q("bool", must=[main], filter=[exact])), request(Q("bool", must=[main], must_not=[exact]))
    start, end = query.window
    hits = hits[start:end]
    if not query.with_facets:
        return SearchPlan(hits, None, parsed, has_text)
    counting = (Search(using=client, index=index).query(Q("bool", filter=[main]))
                .extra(size=0, track_total_hits=True).params(request_cache=True))
    for name in FACETS:
        counting.aggs.bucket(name, "terms", field=FACET_FIELDS[name], size=200)
    if split and query.offset:
        counting.aggs.bucket(EXACT_COUNT, "filter", filter=exact)
    return SearchPlan(hits, counting, parsed, has_text, rest=rest)


def exact_score(score: float | None) -> float | None:
    """A hit of the exact documents scored as in the one band (its constant added back)."""
    return None if score is None else score + EXACT_BOOST
