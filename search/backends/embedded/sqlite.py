"""SQLite: an FTS5 table (folded title and body, exact text, and the lead: openings of the body, the căn cứ
and the attachments in columns of their own), ranked with bm25 weighed per column."""
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

    def write(self, cursor, rows, generation, building=False):
        # OR REPLACE: a flush (tests) empties the entry table but not this virtual table, so ids can come back.
        cursor.executemany(
            f"INSERT OR REPLACE INTO {FTS} (rowid, title, body, exact, lead, bases, attach) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [(entry_id, p.title_folded, p.body_folded, p.exact, p.lead_folded, p.bases_folded, p.attachments_folded)
             for entry_id, p in rows],
        )

    def match_ids(self, parsed, exact=False):
        column = "exact" if exact else "body"  # the body column holds the title too
        return f"SELECT rowid AS fid FROM {FTS} WHERE {FTS} MATCH %s", [self._expression(parsed, exact, column)]

    def title_ids(self, words, phrase=False):
        expression = "{title} : (" + ('"' + " ".join(words) + '"' if phrase else " AND ".join(f'"{w}"' for w in words)) + ")"
        return f"SELECT rowid AS fid FROM {FTS} WHERE {FTS} MATCH %s", [expression]

    def title_prefix_ids(self, words, prefix):
        items = [f'"{w}"' for w in words] + ([f'"{prefix}"*'] if prefix else [])
        return f"SELECT rowid AS fid FROM {FTS} WHERE {FTS} MATCH %s", ["{title} : (" + " AND ".join(items) + ")"]

    def ranking(self, parsed):
        # Column weights: trích yếu, (body, exact: matching only), body opening, căn cứ, attachments. The title
        # was also part of the old lead (3 + 1); the body keeps its weight, the căn cứ a little more (enough to tell the two apart, not to outweigh a trích yếu).
        return (f"SELECT rowid AS fid, bm25({FTS}, 4.0, 0.0, 0.0, 1.0, 1.05, 0.5) AS score FROM {FTS} "
                f"WHERE {FTS} MATCH %s", [self._expression(parsed, False, "{title lead bases attach}")])

    def score_order(self, column):
        return f"({column} IS NULL), {column}"  # bm25: lower is better

    def reported_score(self, value):
        value = _score(value)
        return -value if value is not None else None
