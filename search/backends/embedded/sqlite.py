"""SQLite: an FTS5 table (folded title and body, exact text, lead), ranked with bm25."""
from __future__ import annotations

from search.query import ParsedQuery

from .common import FTS, _score
from .dialect import _Dialect


def _any(parsed: ParsedQuery, term: str) -> str:
    """A term, or the spellings of a number ("1" OR "01" OR "001")."""
    spellings = parsed.spellings(term)
    return f'"{term}"' if len(spellings) == 1 else "(" + " OR ".join(f'"{s}"' for s in spellings) + ")"


class _SQLite(_Dialect):
    @staticmethod
    def _expression(parsed: ParsedQuery, exact: bool, columns: str) -> str:
        terms = parsed.terms if exact else parsed.folded_terms
        phrases = parsed.phrases if exact else parsed.folded_phrases
        items = [_any(parsed, t) for t in terms] + ['"' + " ".join(p) + '"' for p in phrases]
        if parsed.prefix_last and not exact and terms:  # the word being typed: any word it begins
            items[len(terms) - 1] = f'"{terms[-1]}"*'
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

    def title_ids(self, words):
        expression = "{title} : (" + " AND ".join(f'"{w}"' for w in words) + ")"
        return f"SELECT rowid AS fid FROM {FTS} WHERE {FTS} MATCH %s", [expression]

    def title_prefix_ids(self, words, prefix):
        items = [f'"{w}"' for w in words] + ([f'"{prefix}"*'] if prefix else [])
        return f"SELECT rowid AS fid FROM {FTS} WHERE {FTS} MATCH %s", ["{title} : (" + " AND ".join(items) + ")"]

    def ranking(self, parsed):
        return (f"SELECT rowid AS fid, bm25({FTS}, 3.0, 0.0, 0.0, 1.0) AS score FROM {FTS} "
                f"WHERE {FTS} MATCH %s", [self._expression(parsed, False, "{title lead}")])

    def score_order(self, column):
        return f"({column} IS NULL), {column}"  # bm25: lower is better

    def reported_score(self, value):
        value = _score(value)
        return -value if value is not None else None
