"""The vendor-specific full-text parts of the embedded backend; everything else is shared SQL."""
from __future__ import annotations

from collections.abc import Sequence

from search.backends.base import FACET_FIELDS
from search.query import ParsedQuery

from .common import FTS, _chunks, _marks, _Prepared, _score


class _Dialect:
    """The vendor-specific full-text parts; everything else is shared SQL."""

    def write(self, cursor, rows: Sequence[tuple[int, _Prepared]], generation: int) -> None:
        """Insert (or replace) the full-text part of these (entry id, document) rows of ``generation``."""
        raise NotImplementedError

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
