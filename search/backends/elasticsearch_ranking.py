"""The tiers of search.ranking as Elasticsearch queries: score bands, each above anything below it (a text
score stays far below 1000), so the order is the embedded backend's. (The node has no scripting to squash
the text score.) At these sizes float32 scores still tell text scores apart to about 0.02.
"""
from __future__ import annotations

from elasticsearch.dsl import Q
from elasticsearch.dsl.query import Query

from search.query import ParsedQuery
from search.ranking import query_intent

# The tie-break after the score, and the order of searches without words: the newest first.
NEWEST = ({"issued_on": {"order": "desc", "missing": "_last"}}, {"page_id": {"order": "desc"}})
NOTATION_BOOST = 1_000_000.0  # the document whose notation was typed outranks everything
EXACT_BOOST = 100_000.0  # an exact-diacritic match outranks any folded-only match
NAMED_BOOST = 10_000.0  # per kind, number or issuer the query names (at most three)
TITLE_BOOST = 1_000.0  # the trích yếu holds every word left
TITLE_PHRASE_BOOST = 500.0  # … side by side, as typed (added to TITLE_BOOST)
# Text score on top of the whole text's: a word in the căn cứ, over one in the opening of the body, over one only
# in the attachments (none); small, so the trích yếu (2.0) still decides between documents alike.
BASES_BOOST = 0.15
LEAD_BOOST = 0.1


def all_words(parsed: ParsedQuery, field: str, terms: list[str]) -> list[Query]:
    """Every term in ``field``; a number as any of its spellings ("1": 1, 01, 001), as the embedded backend."""
    words = [t for t in terms if len(parsed.spellings(t)) == 1]
    found = [Q("match", **{field: {"query": " ".join(words), "operator": "and"}})] if words else []
    return found + [Q("match", **{field: {"query": " ".join(parsed.spellings(t))}}) for t in terms if t not in words]


def text_query(parsed: ParsedQuery, field: str) -> Query:
    """Every folded term and phrase of the query in ``field`` (the marks typed are checked apart:
    ``exact_spelling``)."""
    terms = parsed.folded_terms
    prefix = [Q("prefix", **{field: terms[-1]})] if parsed.prefix_last else []
    must = all_words(parsed, field, terms[:-1] if prefix else terms) + prefix
    must += [Q("match_phrase", **{field: " ".join(p)}) for p in parsed.folded_phrases]
    return Q("bool", must=must)


def exact_spelling(parsed: ParsedQuery) -> Query | None:
    """Tier 2 of search.ranking: every word with the marks typed (a phrase's words without re-checking their
    positions); None when the query has no marks."""
    if not parsed.has_diacritics:
        return None
    words = parsed.terms + [t for phrase in parsed.phrases for t in phrase]
    return Q("bool", filter=all_words(parsed, "text_exact", words))


def tier_boosts(parsed: ParsedQuery, exact_band: bool = True) -> list[Query]:
    """Tiers 2 to 4 of search.ranking: exact marks (unless asked apart: ``exact_band``); kind, number and issuer
    named by the query; the trích yếu."""
    intent = query_intent(parsed)
    named = (("kind", intent.kinds), ("number", intent.numbers), ("issuer_code", intent.issuer_codes),
             ("issuer_id", intent.issuer_ids), ("signer", intent.signers))
    boosts = [Q("constant_score", filter=Q("terms", **{field: list(values)}), boost=NAMED_BOOST)
              for field, values in named if values]
    if intent.subject:
        title = Q("match", title_folded={"query": " ".join(intent.subject), "operator": "and"})
        boosts.append(Q("constant_score", filter=title, boost=TITLE_BOOST))
        if len(intent.subject) > 1:
            phrase = Q("match_phrase", title_folded=" ".join(intent.subject))
            boosts.append(Q("constant_score", filter=phrase, boost=TITLE_PHRASE_BOOST))
    exact = exact_spelling(parsed) if exact_band else None
    if exact is not None:
        boosts.append(Q("constant_score", filter=exact, boost=EXACT_BOOST))
    return boosts
