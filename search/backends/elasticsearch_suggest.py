"""As-you-type suggestions from Elasticsearch, in one _msearch: notations by prefix (``notation_folded``),
documents whose folded trích yếu holds the words typed and a term starting with the last one (a prefix query
on the indexed title terms: no edge n-grams needed), and the issuers named that have a visible document."""
from __future__ import annotations

from elasticsearch.dsl import Q, Search
from elasticsearch.dsl.document_base import InstrumentedField
from elasticsearch.dsl.query import Query

from search.backends.base import Suggestion, SuggestQuery
from search.backends.elasticsearch_ranking import NEWEST

MAX_ISSUERS = 3


def suggest_searches(client, index: str, query: SuggestQuery) -> list[tuple[str, Search]]:
    """(part, search) pairs: "notation", "issuer", "document", in the order they are offered."""
    filters: list[Query] = []
    if query.principals is not None:
        filters.append(Q("terms", principals=list(query.principals) or ["-"]))
    base = Search(using=client, index=index).extra(track_total_hits=False)
    searches: list[tuple[str, Search]] = []
    if query.notation_prefix:
        # A wildcard query with a literal start is a prefix query's lookup (NOTATION_ANY_CHAR is its "?").
        found = Q("bool", filter=[Q("wildcard", notation_folded=query.notation_prefix + "*"), *filters])
        searches.append(("notation", base.query(found).sort(*NEWEST).source(["page_id", "notation"])[:query.limit]))
    if query.issuer_ids:
        named = Q("bool", filter=[Q("terms", issuer_id=query.issuer_ids[:MAX_ISSUERS]), *filters])
        issuers = base.query(named).extra(size=0)
        issuers.aggs.bucket("issuers", "terms", field="issuer_id", size=MAX_ISSUERS) \
            .bucket("name", "terms", field="issuer_name", size=1)
        searches.append(("issuer", issuers))
    fields: list[str | InstrumentedField] = ["page_id", "title", "notation", "kind"]
    if query.kinds:
        numbered = [Q("term", number=query.kind_number)] if query.kind_number is not None else []
        named = Q("bool", filter=[Q("terms", kind=query.kinds), *numbered, *_titled(query.kind_words, query.kind_prefix),
                                  *filters])
        searches.append(("document", base.query(named).sort(*NEWEST).source(fields)[:query.limit]))
    if query.words or query.prefix:
        titled = Q("bool", filter=[*_titled(query.words, query.prefix), *filters])
        searches.append(("document", base.query(titled).sort(*NEWEST).source(fields)[:query.limit]))
    return searches


def _titled(words: list[str], prefix: str) -> list[Query]:
    """The folded trích yếu holds every word and a term starting with ``prefix``."""
    must: list[Query] = []
    if words:
        must.append(Q("match", title_folded={"query": " ".join(words), "operator": "and"}))
    if prefix:
        must.append(Q("prefix", title_folded=prefix))
    return must


def read_suggestions(parts: list[str], responses, limit: int) -> list[Suggestion]:
    found: list[Suggestion] = []
    seen: set[int] = set()
    for part, response in zip(parts, responses, strict=True):
        if part == "issuer":
            for bucket in response.aggregations.issuers.buckets:
                names = bucket.name.buckets
                found.append(Suggestion("issuer", names[0].key if names else "", issuer_id=int(bucket.key)))
            continue
        for hit in response.hits:
            page_id = int(hit.page_id)
            if page_id in seen:  # a document found by its notation is not offered again by its title
                continue
            seen.add(page_id)
            notation = getattr(hit, "notation", "") or ""
            label = notation if part == "notation" else getattr(hit, "title", "")
            found.append(Suggestion(part, label, page_id=page_id, notation=notation, doc_kind=getattr(hit, "kind", "")))
    return found[:limit]
