"""Embedded backend: full-text search inside the project's own database, no server needed.

SQLite uses an FTS5 table, PostgreSQL tsvector columns with GIN indexes (migrations 0002/0004). Both index
the tokens of documents.text.vietnamese: folded text (what every query matches, with or without marks) and exact
lowercase NFC text (used to rank exact-diacritic matches first).

One SQL statement per search: the match, the filters and the permission filter (principals) are computed
once into "hits"; the facet counts and the requested page both read it. Relevance: the document whose
notation was typed, then exact-diacritic matches, then bm25/ts_rank of the title and opening words (the
"lead": cheap to score, and where an official document states its subject), then the newest.

A rebuild fills a new generation of rows and then swaps the generation readers see in one transaction.
"""
from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connections, transaction

from documents.text.vietnamese import fold, prepare_exact_text
from search.backends.base import (
    FACET_FIELDS,
    FACETS,
    BackendUnavailable,
    ProgressCallback,
    SearchBackend,
    SearchHit,
    SearchQuery,
    SearchResult,
    parse_text,
)
from search.highlight import snippet
from search.indexing import searchable_text
from search.query import ParsedQuery

if TYPE_CHECKING:
    from documents.indexed import IndexedDocument

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
    title = prepare_exact_text(entry["title"])
    return _Prepared(entry, content, list(doc.get("principals") or []), fold(title), fold(exact), exact)


# ---------------------------------------------------------------------------------------------- dialects

class _Dialect:
    """The vendor-specific full-text parts; everything else is shared SQL."""

    def write(self, cursor, rows: Sequence[tuple[int, _Prepared]]) -> None:
        raise NotImplementedError

    def delete(self, cursor, entry_ids: Sequence[int]) -> None:
        for chunk in _chunks(entry_ids, 500):
            cursor.execute(f"DELETE FROM {FTS} WHERE rowid IN ({_marks(chunk)})", list(chunk))

    def match_ids(self, parsed: ParsedQuery, exact: bool = False) -> tuple[str, list]:
        """SELECT fid: entries whose text holds all terms and phrases (folded, or with exact marks)."""
        raise NotImplementedError

    def ranking(self, parsed: ParsedQuery) -> tuple[str, list]:
        """SELECT fid, score over the entries of CTE "m": relevance of the title and opening words."""
        raise NotImplementedError

    def scored_matches(self, parsed: ParsedQuery) -> tuple[str, list] | None:
        """SELECT fid, score: the folded matches with their relevance in one pass, where the vendor can
        (then no separate ranking); None otherwise."""
        return None

    def score_order(self, column: str) -> str:
        """ORDER BY expression putting the most relevant first (entries without a score last)."""
        raise NotImplementedError

    def reported_score(self, value) -> float | None:
        return _score(value)

    needs_transaction = False

    def after_rebuild(self, cursor) -> None:
        """Refresh planner statistics after the table contents changed wholesale."""

    def prepare_search(self, cursor) -> None:
        """Per-search session settings, inside the search's transaction."""


class _SQLite(_Dialect):
    @staticmethod
    def _expression(parsed: ParsedQuery, exact: bool, columns: str) -> str:
        terms = parsed.terms if exact else parsed.folded_terms
        phrases = parsed.phrases if exact else parsed.folded_phrases
        items = [f'"{t}"' for t in terms] + ['"' + " ".join(p) + '"' for p in phrases]
        return f"{columns} : (" + " AND ".join(items) + ")"

    def write(self, cursor, rows):
        # OR REPLACE: a flush (tests) empties the entry table but not this virtual table, so ids can come back.
        cursor.executemany(
            f"INSERT OR REPLACE INTO {FTS} (rowid, title, body, exact, lead) VALUES (%s, %s, %s, %s, %s)",
            [(entry_id, p.title_folded, p.body_folded, p.exact, p.lead_folded) for entry_id, p in rows],
        )

    def match_ids(self, parsed, exact=False):
        column = "exact" if exact else "body"  # the body column holds the title too
        return f"SELECT rowid AS fid FROM {FTS} WHERE {FTS} MATCH %s", [self._expression(parsed, exact, column)]

    def ranking(self, parsed):
        return (f"SELECT rowid AS fid, bm25({FTS}, 3.0, 0.0, 0.0, 1.0) AS score FROM {FTS} "
                f"WHERE {FTS} MATCH %s", [self._expression(parsed, False, "{title lead}")])

    def score_order(self, column):
        return f"({column} IS NULL), {column}"  # bm25: lower is better

    def reported_score(self, value):
        value = _score(value)
        return -value if value is not None else None


def _tsvector(groups: Sequence[tuple[str, str]], shingles: bool = False) -> str:
    """A tsvector literal from space-separated tokens, positions kept, weights per group.

    ``shingles``: also "a_b" and "a_b_c" for neighbouring words (without positions), so that a phrase is
    found from the GIN index alone: checking positions means reading every candidate's whole vector back
    from TOAST, over 100 ms for a common phrase in 10,000 documents ("_" never occurs in a token).
    """
    positions: dict[str, list[str]] = {}
    grams: set[str] = set()
    pos = 0
    for text, weight in groups:
        before: list[str] = []
        for token in text.split():
            pos += 1
            if len(token) > 60:
                before = []
                continue
            slots = positions.setdefault(token, [])
            if len(slots) < 256:  # PostgreSQL keeps at most 256 positions per lexeme
                slots.append(f"{min(pos, 16383)}{weight}")
            if shingles:
                if before:
                    grams.add(f"{before[-1]}_{token}")
                if len(before) > 1:
                    grams.add(f"{before[-2]}_{before[-1]}_{token}")
                before = [*before[-1:], token]
        pos += 20  # no phrase across groups
    lexemes = [f"'{_quote(t)}':{','.join(p)}" for t, p in positions.items()]
    lexemes += [f"'{_quote(gram)}'" for gram in grams]
    return " ".join(lexemes)


def _quote(token: str) -> str:
    return token.replace("\\", "\\\\").replace("'", "''")


def _shingles(phrase: list[str]) -> list[str]:
    """A phrase as the word triples (or the one pair) it is made of: exact up to three words; a longer
    phrase is matched by all its overlapping triples, which in practice only that phrase contains."""
    if len(phrase) <= 3:
        return ["_".join(phrase)]
    return ["_".join(phrase[i:i + 3]) for i in range(len(phrase) - 2)]


def _tsquery(parsed: ParsedQuery, exact: bool, mode: str) -> str:
    """All terms and phrases. A phrase: "shingles" (folded vector, index only), "positions" (<->, for the
    small lead vector) or "words" (its words anywhere: the exact vector has no shingles; ranking only)."""
    terms = parsed.terms if exact else parsed.folded_terms
    phrases = parsed.phrases if exact else parsed.folded_phrases
    items = [f"'{_quote(t)}'" for t in terms]
    for phrase in phrases:
        if mode == "positions":
            items.append("(" + " <-> ".join(f"'{_quote(t)}'" for t in phrase) + ")")
        elif mode == "shingles":
            items += [f"'{_quote(gram)}'" for gram in _shingles(phrase)]
        else:
            items += [f"'{_quote(t)}'" for t in phrase]
    return " & ".join(items)


class _Postgres(_Dialect):
    def write(self, cursor, rows):
        cursor.executemany(
            f"INSERT INTO {FTS} (rowid, folded, exact, lead) VALUES (%s, %s::tsvector, %s::tsvector, %s::tsvector) "
            "ON CONFLICT (rowid) DO UPDATE SET folded = EXCLUDED.folded, exact = EXCLUDED.exact, lead = EXCLUDED.lead",
            [
                (entry_id, _tsvector([(p.body_folded, "")], shingles=True), _tsvector([(p.exact, "")]),
                 _tsvector([(p.title_folded, "A"), (p.lead_folded, "")]))
                for entry_id, p in rows
            ],
        )

    def match_ids(self, parsed, exact=False):
        # The exact vector (used to rank exact-diacritic matches first) keeps no shingles: its phrases are
        # approximated by their words, which only affects the order within the folded matches.
        column, mode = ("exact", "words") if exact else ("folded", "shingles")
        return f"SELECT rowid AS fid FROM {FTS} WHERE {column} @@ %s::tsquery", [_tsquery(parsed, exact, mode)]

    def ranking(self, parsed):
        query = _tsquery(parsed, False, "positions")
        return (f"SELECT rowid AS fid, ts_rank(lead, %s::tsquery) AS score FROM {FTS} "
                f"WHERE rowid IN (SELECT fid FROM m) AND lead @@ %s::tsquery", [query, query])

    def scored_matches(self, parsed):
        # The lead vector sits in the row the match reads anyway. Joined as a separate CTE, the ranking was
        # estimated at one row and joined by nested loop: quadratic, 65 ms for 900 matches.
        query = _tsquery(parsed, False, "positions")
        return (f"SELECT rowid AS fid, CASE WHEN lead @@ %s::tsquery THEN ts_rank(lead, %s::tsquery) END AS score "
                f"FROM {FTS} WHERE folded @@ %s::tsquery", [query, query, _tsquery(parsed, False, "shingles")])

    def score_order(self, column):
        return f"({column} IS NULL), {column} DESC"

    needs_transaction = True

    def after_rebuild(self, cursor):
        cursor.execute(f"ANALYZE {FTS}, {ENTRY}, {PRINCIPAL}")

    def prepare_search(self, cursor):
        # The planner does not price reading large tsvectors back from TOAST: left alone it scans the
        # table for common words, reading every document's vector, where the GIN index answers alone.
        cursor.execute("SET LOCAL enable_seqscan = off")


def _marks(items: Sequence) -> str:
    return ", ".join(["%s"] * len(items))


def _chunks(items: Sequence, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


# ---------------------------------------------------------------------------------------------- backend

class EmbeddedBackend(SearchBackend):
    name = "embedded"

    def __init__(self, using: str = "default") -> None:
        self.using = using

    # -- plumbing ---------------------------------------------------------------------------------
    @property
    def connection(self):
        return connections[self.using]

    def _dialect(self) -> _Dialect:
        vendor = self.connection.vendor
        if vendor == "sqlite":
            return _SQLite()
        if vendor == "postgresql":
            return _Postgres()
        raise BackendUnavailable(f"embedded search does not support the {vendor} database")

    def _state(self):
        from search.models import EmbeddedIndexState

        state, _created = EmbeddedIndexState.objects.using(self.using).get_or_create(pk=STATE_PK)
        return state

    def _live_generations(self) -> list[int]:
        state = self._state()
        return [state.current_generation] + ([state.building_generation] if state.building_generation else [])

    def _write(self, generation: int, docs: Sequence[_Prepared]) -> None:
        from search.models import EmbeddedEntry, EmbeddedPrincipal, EmbeddedText

        if not docs:
            return
        self._delete_pages(generation, [p.entry["page_id"] for p in docs])
        entries = EmbeddedEntry.objects.using(self.using).bulk_create(
            [EmbeddedEntry(generation=generation, **p.entry) for p in docs], batch_size=500,
        )
        EmbeddedText.objects.using(self.using).bulk_create(
            [EmbeddedText(entry_id=e.pk, content=p.content) for e, p in zip(entries, docs, strict=True)], batch_size=200,
        )
        EmbeddedPrincipal.objects.using(self.using).bulk_create(
            [EmbeddedPrincipal(entry_id=e.pk, principal=principal) for e, p in zip(entries, docs, strict=True)
             for principal in p.principals],
            batch_size=1000,
        )
        with self.connection.cursor() as cursor:
            self._dialect().write(cursor, [(e.pk, p) for e, p in zip(entries, docs, strict=True)])

    def _delete_pages(self, generation: int | None, page_ids: Sequence[int]) -> None:
        from search.models import EmbeddedEntry

        entries = EmbeddedEntry.objects.using(self.using).filter(page_id__in=list(page_ids))
        if generation is not None:
            entries = entries.filter(generation=generation)
        self._delete_entries(list(entries.values_list("pk", flat=True)))

    def _delete_entries(self, entry_ids: Sequence[int]) -> None:
        from search.models import EmbeddedEntry, EmbeddedPrincipal, EmbeddedText

        with self.connection.cursor() as cursor:
            self._dialect().delete(cursor, entry_ids)
        for chunk in _chunks(list(entry_ids), 500):
            EmbeddedPrincipal.objects.using(self.using).filter(entry_id__in=chunk)._raw_delete(self.using)
            EmbeddedText.objects.using(self.using).filter(entry_id__in=chunk)._raw_delete(self.using)
            EmbeddedEntry.objects.using(self.using).filter(pk__in=chunk)._raw_delete(self.using)

    # -- interface --------------------------------------------------------------------------------
    def index(self, docs: Iterable[IndexedDocument]) -> None:
        prepared = [prepare(doc) for doc in docs]
        with transaction.atomic(using=self.using):
            for generation in self._live_generations():
                self._write(generation, prepared)

    def delete(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        if ids:
            with transaction.atomic(using=self.using):
                self._delete_pages(None, ids)

    def rebuild(self, docs: Iterable[IndexedDocument], progress: ProgressCallback | None = None) -> int:
        from search.models import EmbeddedEntry, EmbeddedIndexState

        with transaction.atomic(using=self.using):
            state = self._state()
            used = EmbeddedEntry.objects.using(self.using).order_by("-generation").values_list("generation", flat=True).first()
            new = max(state.current_generation, state.building_generation or 0, used or 0) + 1
            EmbeddedIndexState.objects.using(self.using).filter(pk=STATE_PK).update(building_generation=new)
        done = 0
        batch: list[_Prepared] = []
        try:
            for doc in docs:
                batch.append(prepare(doc))
                if len(batch) >= 200:
                    done += self._flush(new, batch, progress, done)
                    batch = []
            done += self._flush(new, batch, progress, done)
        except BaseException:
            self._drop_generation(new)
            EmbeddedIndexState.objects.using(self.using).filter(pk=STATE_PK, building_generation=new).update(building_generation=None)
            raise
        with transaction.atomic(using=self.using):
            EmbeddedIndexState.objects.using(self.using).filter(pk=STATE_PK).update(current_generation=new, building_generation=None)
        # Readers see the new generation from here on; the old rows go afterwards.
        old = EmbeddedEntry.objects.using(self.using).exclude(generation=new).values_list("generation", flat=True).distinct()
        for generation in list(old):
            self._drop_generation(generation)
        with self.connection.cursor() as cursor:
            self._dialect().after_rebuild(cursor)
        return done

    def _flush(self, generation: int, batch: list[_Prepared], progress: ProgressCallback | None, done: int) -> int:
        if batch:
            with transaction.atomic(using=self.using):
                self._write(generation, batch)
            if progress:
                progress(done + len(batch))
        return len(batch)

    def _drop_generation(self, generation: int) -> None:
        from search.models import EmbeddedEntry

        ids = list(EmbeddedEntry.objects.using(self.using).filter(generation=generation).values_list("pk", flat=True))
        for chunk in _chunks(ids, 2000):
            with transaction.atomic(using=self.using):
                self._delete_entries(chunk)

    def health(self) -> dict[str, Any]:
        try:
            self._dialect()
            return {"ok": True, "vendor": self.connection.vendor, "documents": self.count()}
        except Exception as exc:  # health never raises
            return {"ok": False, "error": str(exc)}

    def count(self) -> int:
        from search.models import EmbeddedEntry

        return EmbeddedEntry.objects.using(self.using).filter(generation=self._state().current_generation).count()

    def indexed_ids(self) -> set[int]:
        from search.models import EmbeddedEntry

        current = self._state().current_generation
        return set(EmbeddedEntry.objects.using(self.using).filter(generation=current).values_list("page_id", flat=True))

    # -- search -----------------------------------------------------------------------------------
    # One statement per search: the full-text match (with its relevance) and the filters, the permission
    # filter included, are computed once into "hits"; the facet counts and the requested page both read it.
    def _matches(self, parsed: ParsedQuery, key: str, scored: tuple[str, list] | None) -> tuple[str, list]:
        """SELECT fid (and score, with ``scored``): entries matching the text, or carrying the typed notation."""
        parts, params = [], []
        if scored is not None:
            parts.append(scored[0])
            params += scored[1]
        elif not parsed.is_empty:
            sql, sql_params = self._dialect().match_ids(parsed)
            parts.append(sql)
            params += sql_params
        if key:
            parts.append(f"SELECT id AS fid{', NULL AS score' if scored else ''} FROM {ENTRY} WHERE notation_key = %s")
            params.append(key)
        if scored is not None and len(parts) > 1:  # an entry matched both ways keeps its text score
            return f"SELECT fid, MAX(score) AS score FROM ({' UNION ALL '.join(parts)}) u GROUP BY fid", params
        return " UNION ".join(parts), params

    def _hits(self, query: SearchQuery, matches: str | None, score: str | None) -> tuple[str, list]:
        clauses = [f"e.generation = (SELECT current_generation FROM {STATE} WHERE id = %s)"]
        params: list = [STATE_PK]
        for name, values in query.filters.items():
            if values:
                clauses.append(f"e.{FACET_FIELDS[name]} IN ({_marks(values)})")
                params += list(values)
        if query.principals is not None:
            principals = list(query.principals) or ["-"]
            clauses.append(
                f"EXISTS (SELECT 1 FROM {PRINCIPAL} p WHERE p.entry_id = e.id AND p.principal IN ({_marks(principals)}))"
            )
            params += principals
        join = "JOIN m ON m.fid = e.id" if matches else ""
        if score == "r.score":
            join += " LEFT JOIN r ON r.fid = e.id"
        return (
            f"SELECT e.id, e.page_id, e.kind, e.issuer_id, e.year, e.signer, e.status, e.issued_on, e.notation_key, "
            f"{score or 'CAST(NULL AS REAL)'} AS score FROM {ENTRY} e {join} WHERE {' AND '.join(clauses)}",
            params,
        )

    def search(self, query: SearchQuery) -> SearchResult:
        dialect = self._dialect()
        parsed, key = parse_text(query.text)
        has_text = not parsed.is_empty or bool(key)
        ranked = has_text and query.sort != "date"
        ctes, params = [], []
        matches, score = None, None
        ranked_text = ranked and not parsed.is_empty
        scored = dialect.scored_matches(parsed) if ranked_text else None
        if has_text:
            matches, match_params = self._matches(parsed, key, scored)
            ctes.append(f"m AS MATERIALIZED ({matches})")
            params += match_params
        if scored is not None:
            score = "m.score"
        elif ranked_text:
            rank_sql, rank_params = dialect.ranking(parsed)
            ctes.append(f"r AS MATERIALIZED ({rank_sql})")
            params += rank_params
            score = "r.score"
        hits_sql, hits_params = self._hits(query, matches, score)
        ctes.append(f"hits AS MATERIALIZED ({hits_sql})")
        params += hits_params

        parts = ["SELECT 0 AS part, '_count' AS name, '' AS value, COUNT(*) AS n, CAST(NULL AS REAL) AS score, "
                 "CAST(NULL AS BIGINT) AS entry FROM hits"]
        if query.with_facets:
            parts += [
                f"SELECT 0, '{name}', CAST({column} AS TEXT), COUNT(*), NULL, NULL FROM hits "
                f"WHERE {column} IS NOT NULL GROUP BY {column}"
                for name, column in FACET_FIELDS.items()
            ]
        order, order_params = self._order(parsed, key, ranked)
        parts.append(
            f"SELECT 1, NULL, NULL, page_id, score, id FROM (SELECT h.id, h.page_id, h.score FROM hits h "
            f"ORDER BY {order} LIMIT %s OFFSET %s) page"
        )
        params += [*order_params, query.page_size, query.offset]
        sql = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(parts)

        facets: dict[str, dict[str, int]] = {name: {} for name in FACETS} if query.with_facets else {}
        count, rows = 0, []
        # PostgreSQL: a transaction scopes the SET LOCAL; SQLite: none (its BEGIN IMMEDIATE would take the write lock).
        scope = transaction.atomic(using=self.using) if dialect.needs_transaction else contextlib.nullcontext()
        with scope, self.connection.cursor() as cursor:
            dialect.prepare_search(cursor)
            cursor.execute(sql, params)
            for part, name, value, n, score, entry_id in cursor.fetchall():
                if part == 1:
                    rows.append((entry_id, n, score))
                elif name == "_count":
                    count = n
                elif value != "":
                    facets[name][value] = n
            contents: dict[int, str] = {}
            if rows and has_text:
                ids = [row[0] for row in rows]
                cursor.execute(f"SELECT entry_id, content FROM {TEXT} WHERE entry_id IN ({_marks(ids)})", ids)
                contents = dict(cursor.fetchall())
        hits = [
            SearchHit(id=page_id, score=dialect.reported_score(score),
                      highlight=snippet(contents.get(entry_id, ""), parsed.folded_words) if has_text else "")
            for entry_id, page_id, score in rows
        ]
        return SearchResult(count=count, hits=hits, facets=facets, backend=self.name)

    def _order(self, parsed: ParsedQuery, key: str, ranked: bool) -> tuple[str, list]:
        if not ranked:
            return "(h.issued_on IS NULL), h.issued_on DESC, h.page_id DESC", []
        tiers, params = [], []
        if key:  # the document whose own notation was typed comes first
            tiers.append("CASE WHEN h.notation_key = %s THEN 0 ELSE 1 END")
            params.append(key)
        if parsed.has_diacritics and not parsed.is_empty:  # then exact-diacritic matches
            sql, sql_params = self._dialect().match_ids(parsed, exact=True)
            tiers.append(f"CASE WHEN h.id IN ({sql}) THEN 0 ELSE 1 END")
            params += sql_params
        if not parsed.is_empty:
            tiers.append(self._dialect().score_order("h.score"))
        return ", ".join([*tiers, "(h.issued_on IS NULL)", "h.issued_on DESC", "h.page_id DESC"]), params


def _score(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value
