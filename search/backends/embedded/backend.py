"""EmbeddedBackend: generations of index rows, one SQL statement per search."""
from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connections, transaction

from documents.indexed import IndexedDocument
from search.backends.base import (
    FACET_FIELDS,
    FACETS,
    BackendUnavailable,
    ProgressCallback,
    SearchBackend,
    SearchHit,
    SearchQuery,
    SearchResult,
    Suggestion,
    SuggestQuery,
    latest_by_id,
    parse_text,
)
from search.highlight import snippet
from search.query import ParsedQuery
from search.ranking import query_intent

from .common import ENTRY, PRINCIPAL, STATE, STATE_PK, TEXT, _chunks, _marks, _Prepared, prepare
from .dialect import _Dialect
from .postgresql import _Postgres
from .sqlite import _SQLite
from .suggest import run_suggest
from .writer import execute_in_threads, write_in_thread

REBUILD_BATCH = 200  # documents per write (and per transaction) during a rebuild


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

    def _write(self, generation: int, docs: Sequence[_Prepared], building: bool = False) -> None:
        """Write the documents into a generation (``building``: the one a rebuild is filling)."""
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
            self._dialect().write(cursor, [(e.pk, p) for e, p in zip(entries, docs, strict=True)], generation,
                                  building=building)

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
        prepared = [prepare(doc) for doc in latest_by_id(docs)]
        with transaction.atomic(using=self.using):
            state = self._state()
            self._write(state.current_generation, prepared)
            if state.building_generation:  # a rebuild in progress gets the change too
                self._write(state.building_generation, prepared, building=True)

    def delete(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        if ids:
            with transaction.atomic(using=self.using):
                self._delete_pages(None, ids)

    def rebuild(self, docs: Iterable[IndexedDocument], progress: ProgressCallback | None = None) -> int:
        from search.models import EmbeddedEntry, EmbeddedIndexState

        dialect = self._dialect()
        with self.connection.cursor() as cursor:
            dialect.begin_build(cursor)  # after any other rebuild of this database has ended
        new = None
        try:
            with transaction.atomic(using=self.using):
                state = self._state()
                used = EmbeddedEntry.objects.using(self.using).order_by("-generation").values_list("generation", flat=True).first()
                new = max(state.current_generation, state.building_generation or 0, used or 0) + 1
                EmbeddedIndexState.objects.using(self.using).filter(pk=STATE_PK).update(building_generation=new)
            done = self._fill(new, docs, progress)
            self._finish(dialect)
        except BaseException:
            if new is not None:
                self._drop_generation(new)
                EmbeddedIndexState.objects.using(self.using).filter(pk=STATE_PK, building_generation=new).update(building_generation=None)
            with self.connection.cursor() as cursor:
                dialect.end_build(cursor, failed=True)
            raise
        with transaction.atomic(using=self.using):
            EmbeddedIndexState.objects.using(self.using).filter(pk=STATE_PK).update(current_generation=new, building_generation=None)
            with self.connection.cursor() as cursor:
                dialect.swap_build(cursor)
        # Readers see the new generation from here on; the old rows go afterwards.
        with self.connection.cursor() as cursor:
            dialect.end_build(cursor, failed=False)
        old = EmbeddedEntry.objects.using(self.using).exclude(generation=new).values_list("generation", flat=True).distinct()
        for generation in list(old):
            self._drop_generation(generation)
        with self.connection.cursor() as cursor:
            dialect.after_rebuild(cursor)
        return done

    def _batches(self, docs: Iterable[IndexedDocument], dialect: _Dialect) -> Iterator[list[_Prepared]]:
        """The documents prepared for writing, REBUILD_BATCH at a time (the dialect's own encoding included)."""
        batch: list[_Prepared] = []
        for doc in docs:
            prepared = prepare(doc)
            prepared.encoded = dialect.encode(prepared)
            batch.append(prepared)
            if len(batch) >= REBUILD_BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    def _fill(self, generation: int, docs: Iterable[IndexedDocument], progress: ProgressCallback | None) -> int:
        """Write the new generation: from a writer thread where the dialect gains by it and no transaction of the
        caller is open (search.backends.embedded.writer), else batch by batch here."""
        dialect = self._dialect()
        batches = self._batches(docs, dialect)
        if dialect.threaded_rebuild and not self.connection.in_atomic_block:
            def write(batch: list[_Prepared]) -> None:
                with transaction.atomic(using=self.using):
                    self._write(generation, batch, building=True)

            return write_in_thread(self.using, batches, write, progress)
        done = 0
        for batch in batches:
            done += self._flush(generation, batch, progress, done)
        return done

    def _finish(self, dialect: _Dialect) -> None:
        """The build's indexes: side by side on connections of their own where the rows were written so (the
        database then uses both cores), else one after the other in a transaction here."""
        with self.connection.cursor() as cursor:
            statements = dialect.build_index_statements(cursor)
        if dialect.threaded_rebuild and not self.connection.in_atomic_block:
            execute_in_threads(self.using, statements)
            return
        with transaction.atomic(using=self.using), self.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    def _flush(self, generation: int, batch: list[_Prepared], progress: ProgressCallback | None, done: int) -> int:
        if batch:
            with transaction.atomic(using=self.using):
                self._write(generation, batch, building=True)
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

    def suggest(self, query: SuggestQuery) -> list[Suggestion]:
        return run_suggest(self, query)

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
            parts.append(f"SELECT id AS fid{', NULL AS score, 0 AS titled' if scored else ''} FROM {ENTRY} "
                         "WHERE notation_key = %s")
            params.append(key)
        if scored is not None and len(parts) > 1:  # an entry matched both ways keeps its text score
            return (f"SELECT fid, MAX(score) AS score, MAX(titled) AS titled FROM ({' UNION ALL '.join(parts)}) u "
                    "GROUP BY fid", params)
        return " UNION ".join(parts), params

    def _hits(self, query: SearchQuery, matches: str | None, score: str | None,
              titled: str = "0") -> tuple[str, list]:
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
            f"e.number, e.issuer_code, "
            f"{score or 'CAST(NULL AS REAL)'} AS score, {titled} AS titled FROM {ENTRY} e {join} WHERE {' AND '.join(clauses)}",
            params,
        )

    def search(self, query: SearchQuery) -> SearchResult:
        dialect = self._dialect()
        parsed, key = parse_text(query.text)
        parsed.named_issuers = tuple(query.named_issuers)
        parsed.named_signers = tuple(query.named_signers)
        has_text = not parsed.is_empty or bool(key)
        ranked = has_text and query.sort != "date"
        ctes: list[str] = []
        params: list = []
        ranked_text = ranked and not parsed.is_empty
        intent = query_intent(parsed)
        title_words = list(intent.subject) if ranked_text else []
        # Where the vendor keeps the entry's columns in its full-text table: one scan, no join (not for a typed
        # notation, which is also looked up by its key).
        fused = None if parsed.is_empty or key else dialect.fused_hits(
            parsed, title_words, ranked_text, query.filters, query.principals)
        scored = None
        if fused is not None:
            hits_sql, hits_params = fused
        else:
            scored = dialect.scored_matches(parsed, title_words) if ranked_text else None
            hits_sql, hits_params = self._joined_hits(query, parsed, key, has_text, ranked_text, scored, ctes, params)
        ctes.append(f"hits AS MATERIALIZED ({hits_sql})")
        params += hits_params
        titled_in_hits = fused is not None or scored is not None

        parts = ["SELECT 0 AS part, '_count' AS name, '' AS value, COUNT(*) AS n, CAST(NULL AS REAL) AS score, "
                 "CAST(NULL AS BIGINT) AS entry FROM hits"]
        if query.with_facets:
            parts += dialect.facet_counts()
        order, order_params = self._order(parsed, key, ranked, titled_in_hits=titled_in_hits)
        parts.append(
            f"SELECT 1, NULL, NULL, page_id, score, id FROM (SELECT h.id, h.page_id, h.score FROM hits h "
            f"ORDER BY {order} LIMIT %s OFFSET %s) page"
        )
        start, end = query.window
        params += [*order_params, end - start, start]
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
        exact = parsed.exact_words
        hits = [
            SearchHit(id=page_id, score=dialect.reported_score(score),
                      highlight=snippet(contents.get(entry_id, ""), parsed.folded_words, exact=exact,
                                        paired=parsed.is_notation) if has_text else "")
            for entry_id, page_id, score in rows
        ]
        return SearchResult(count=count, hits=hits, facets=facets, backend=self.name)

    def _joined_hits(self, query: SearchQuery, parsed: ParsedQuery, key: str, has_text: bool, ranked_text: bool,
                     scored: tuple[str, list] | None, ctes: list[str], params: list) -> tuple[str, list]:
        """The "hits" of the matches joined with their entries; adds the CTEs they read to ``ctes``/``params``."""
        matches, score = None, None
        if has_text:
            matches, match_params = self._matches(parsed, key, scored)
            ctes.append(f"m AS MATERIALIZED ({matches})")
            params += match_params
        if scored is not None:
            score = "m.score"
        elif ranked_text:
            rank_sql, rank_params = self._dialect().ranking(parsed)
            ctes.append(f"r AS MATERIALIZED ({rank_sql})")
            params += rank_params
            score = "r.score"
        return self._hits(query, matches, score, "m.titled" if scored is not None else "0")

    def _order(self, parsed: ParsedQuery, key: str, ranked: bool, titled_in_hits: bool = False) -> tuple[str, list]:
        """The tiers of search.ranking, then the text score, then the newest."""
        if not ranked:
            return "(h.issued_on IS NULL), h.issued_on DESC, h.page_id DESC", []
        tiers: list[str] = []
        params: list = []
        if key:  # the document whose own notation was typed comes first
            tiers.append("CASE WHEN h.notation_key = %s THEN 0 ELSE 1 END")
            params.append(key)
        if parsed.has_diacritics and not parsed.is_empty:  # then exact-diacritic matches
            sql, sql_params = self._dialect().match_ids(parsed, exact=True)
            tiers.append(f"CASE WHEN h.id IN ({sql}) THEN 0 ELSE 1 END")
            params += sql_params
        intent = query_intent(parsed)
        named = []
        named_fields: tuple[tuple[str, tuple], ...] = (
            ("kind", intent.kinds), ("number", intent.numbers), ("issuer_code", intent.issuer_codes),
            ("issuer_id", intent.issuer_ids), ("signer", intent.signers))
        for column, values in named_fields:
            if values:
                named.append(f"CASE WHEN h.{column} IN ({_marks(values)}) THEN 1 ELSE 0 END")
                params += list(values)
        if named:  # then the documents of the kind, number and issuer the query names
            tiers.append(f"({' + '.join(named)}) DESC")
        if intent.subject and not parsed.is_empty and titled_in_hits:  # computed in the match's own scan
            tiers.append("h.titled DESC")
        elif intent.subject and not parsed.is_empty:  # then those whose trích yếu holds the other words
            if len(intent.subject) > 1:  # side by side, as typed, first
                sql, sql_params = self._dialect().title_ids(list(intent.subject), phrase=True)
                tiers.append(f"CASE WHEN h.id IN ({sql}) THEN 0 ELSE 1 END")
                params += sql_params
            sql, sql_params = self._dialect().title_ids(list(intent.subject))
            tiers.append(f"CASE WHEN h.id IN ({sql}) THEN 0 ELSE 1 END")
            params += sql_params
        if not parsed.is_empty:
            tiers.append(self._dialect().score_order("h.score"))
        return ", ".join([*tiers, "(h.issued_on IS NULL)", "h.issued_on DESC", "h.page_id DESC"]), params
