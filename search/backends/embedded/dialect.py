"""The vendor-specific full-text parts of the embedded backend; everything else is shared SQL."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from search.backends.base import FACET_FIELDS
from search.query import ParsedQuery

from .common import FTS, _chunks, _marks, _Prepared, _score


class _Dialect:
    """The vendor-specific full-text parts; everything else is shared SQL."""

    def write(self, cursor, rows: Sequence[tuple[int, _Prepared]], generation: int, building: bool = False) -> None:
        """Insert (or replace) the full-text part of these (entry id, document) rows of ``generation``;
        ``building``: the generation a rebuild is filling."""
        raise NotImplementedError

    def encode(self, prepared: _Prepared) -> Any:
        """The row's values as ``write`` sends them, made ahead (in the rebuild's reading thread); None: none."""
        return None

    # Whether a rebuild outside a transaction writes from a thread of its own (search.backends.embedded.writer).
    threaded_rebuild = False

    # A rebuild's full-text rows: by default beside the live ones (same table, another generation); a vendor may
    # fill a table of its own and swap it in (postgresql.py). ``begin_build`` and ``end_build`` bracket every
    # rebuild, failed or not; ``swap_build`` runs inside the swap's transaction.
    def begin_build(self, cursor) -> None:
        """Before the new generation is chosen (a vendor may wait here for another rebuild to end)."""

    def build_index_statements(self, cursor) -> list[str]:
        """After the last row, before the swap (outside it: the swap holds locks): statements completing the
        build (its indexes), independent of each other."""
        return []

    def swap_build(self, cursor) -> None:
        """In the transaction that makes the new generation current."""

    def end_build(self, cursor, failed: bool) -> None:
        """After the swap, or after a failure (then the build's rows go)."""

    def delete(self, cursor, entry_ids: Sequence[int]) -> None:
        for chunk in _chunks(entry_ids, 500):
            cursor.execute(f"DELETE FROM {FTS} WHERE rowid IN ({_marks(chunk)})", list(chunk))

    def match_ids(self, parsed: ParsedQuery, exact: bool = False) -> tuple[str, list]:
        """SELECT fid: entries whose text holds all terms and phrases (folded, or with exact marks)."""
        raise NotImplementedError

    def title_ids(self, words: list[str], phrase: bool = False) -> tuple[str, list]:
        """SELECT fid: entries whose folded title (trích yếu) holds every one of these folded words (with
        ``phrase``: side by side, in this order)."""
        raise NotImplementedError

    def title_prefix_ids(self, words: list[str], prefix: str) -> tuple[str, list]:
        """SELECT fid: entries whose folded title holds every word and a word starting with ``prefix``."""
        raise NotImplementedError

    def newest_titled_ids(self, words: list[str], prefix: str, clauses: list[tuple[str, list]],
                          principals: list[str] | None, limit: int) -> tuple[str, list] | None:
        """SELECT fid of the ``limit`` newest entries of the live generation that ``principals`` may read (None: any)
        whose folded title holds every word and a word starting with ``prefix`` (no title test when both are empty)
        and that meet ``clauses`` (SQL on the entry's columns, params; the first names the kinds when there are
        any), read from the full-text table alone where the vendor keeps the entry's columns there; None: the
        caller joins the entries."""
        return None

    def ranking(self, parsed: ParsedQuery) -> tuple[str, list]:
        """SELECT fid, score over the entries of CTE "m": relevance of the title and opening words."""
        raise NotImplementedError

    def scored_matches(self, parsed: ParsedQuery, title_words: list[str]) -> tuple[str, list] | None:
        """SELECT fid, score, titled: the folded matches with their relevance, and 1 when the title holds every
        one of ``title_words`` (else 0), in one pass, where the vendor can (then no separate ranking); None
        otherwise."""
        return None

    def fused_hits(self, parsed: ParsedQuery, title_words: list[str], ranked: bool, filters: dict[str, list],
                   principals: list[str] | None) -> tuple[str, list] | None:
        """The search's "hits" (the columns of ``EmbeddedBackend._hits``) read from the full-text table alone,
        where the vendor keeps the entry's columns there; None: matches joined with the entries."""
        return None

    def facet_counts(self) -> list[str]:
        """SELECTs of (0, facet name, value, count, NULL, NULL) over CTE "hits": one GROUP BY per facet."""
        return [f"SELECT 0, '{name}', CAST({column} AS TEXT), COUNT(*), NULL, NULL FROM hits "
                f"WHERE {column} IS NOT NULL GROUP BY {column}" for name, column in FACET_FIELDS.items()]

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
