"""PostgreSQL: tsvector columns with GIN indexes (shingles for phrases), ranked with ts_rank in the same scan."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from search.backends.base import FACET_FIELDS
from search.query import ParsedQuery

from . import pg_build
from .common import ENTRY, FTS, PRINCIPAL, STATE, STATE_PK, _chunks, _marks
from .dialect import _Dialect

MAX_LEXEME = 60  # longer tokens are left out of the vectors (no word is that long)
MAX_POSITIONS = 256  # PostgreSQL keeps at most this many positions per lexeme
MAX_POSITION = 16383  # and numbers none higher

# ts_rank weights of the lead's parts {D, C, B, A}: attachments, body, căn cứ, trích yếu. The body keeps the
# weight the whole lead had before the parts were told apart; the căn cứ just enough more to rank above it (a
# citation names other documents: more would let it outweigh a trích yếu), attachments less.
WEIGHTS = "'{0.05, 0.1, 0.11, 1.0}'::float4[]"

# The entry's columns the full-text table also holds (migration 0007), in the order write() sends them.
ENTRY_COLUMNS = ("generation", "page_id", "kind", "issuer_id", "year", "signer", "status", "issued_on", "notation_key",
                 "number", "issuer_code", "principals")


def _tsvector(groups: Sequence[tuple[str, str]]) -> str:
    """A tsvector literal from space-separated tokens, positions kept, weights per group (the lead vector:
    ranked with ts_rank and matched with <->)."""
    # The words are grouped by token first (C-level appends), and only a token's first MAX_POSITIONS positions
    # are ever formatted, by C-level map(str) where there is no weight and no position past MAX_POSITION.
    positions: dict[str, list[str]] = {}
    pos = 0
    for text, weight in groups:
        words = text.split()
        offsets: defaultdict[str, list[int]] = defaultdict(list)
        for offset, token in enumerate(words, start=pos + 1):
            offsets[token].append(offset)
        plain = not weight and pos + len(words) < MAX_POSITION
        for token, found in offsets.items():
            if len(token) > MAX_LEXEME:
                continue
            slots = positions.setdefault(token, [])
            room = MAX_POSITIONS - len(slots)
            if room <= 0:  # PostgreSQL keeps at most 256 positions per lexeme
                continue
            if plain:
                slots += map(str, found[:room])
            else:
                slots += [f"{o if o < MAX_POSITION else MAX_POSITION}{weight}" for o in found[:room]]
        pos += len(words) + 20  # no phrase across groups
    quote = _quote if any("'" in t or "\\" in t for t, _w in groups) else str
    return " ".join(f"'{quote(token)}':{','.join(slots)}" for token, slots in positions.items())


def _word_set(text: str, shingles: bool = False) -> str:
    """A tsvector literal of the distinct words, without positions, for the folded and exact vectors: they are
    only ever matched with &, | and :*, never <->, so positions there were built, sent and stored for nothing.
    C-level dict and join calls: a fraction of ``_tsvector``'s cost, and a smaller row to read back.

    ``shingles``: also "a_b" and "a_b_c" for neighbouring words, so that a phrase is found from the GIN index
    alone: checking positions means reading every candidate's whole vector back from TOAST, over 100 ms for a
    common phrase in 10,000 documents ("_" never occurs in a token)."""
    words = text.split()
    tokens = dict.fromkeys(words)
    if tokens and max(map(len, tokens)) > MAX_LEXEME:
        tokens = dict.fromkeys(t for t in tokens if len(t) <= MAX_LEXEME)
    grams: set[str] = set()
    if shingles and len(words) > 1:
        _add_grams(grams, words)
    items = [*tokens, *grams]
    if not items:
        return ""
    if "'" in text or "\\" in text:
        items = [_quote(item) for item in items]
    return "'" + "' '".join(items) + "'"


def _add_grams(grams: set[str], words: list[str]) -> None:
    """Add the "a_b" and "a_b_c" shingles of neighbouring words; a word over MAX_LEXEME characters is no
    lexeme, so no shingle spans it."""
    if max(map(len, words)) <= MAX_LEXEME:
        grams.update(map("_".join, zip(words, words[1:], strict=False)))
        grams.update(map("_".join, zip(words, words[1:], words[2:], strict=False)))
        return
    kept = [w if len(w) <= MAX_LEXEME else "" for w in words]
    grams.update(f"{a}_{b}" for a, b in zip(kept, kept[1:], strict=False) if a and b)
    grams.update(f"{a}_{b}_{c}" for a, b, c in zip(kept, kept[1:], kept[2:], strict=False) if a and b and c)


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
    items = ["(" + " | ".join(f"'{_quote(s)}'" for s in parsed.spellings(t)) + ")" for t in terms]
    if parsed.prefix_last and not exact and items:  # the word being typed: any word it begins
        items[-1] = f"'{_quote(terms[-1])}':*"
    for phrase in phrases:
        if mode == "positions":
            items.append("(" + " <-> ".join(f"'{_quote(t)}'" for t in phrase) + ")")
        elif mode == "shingles":
            items += [f"'{_quote(gram)}'" for gram in _shingles(phrase)]
        else:
            items += [f"'{_quote(t)}'" for t in phrase]
    return " & ".join(items)


def _title_prefix(words: list[str], prefix: str) -> tuple[str, list]:
    """The condition: the folded title holds every word and a word starting with ``prefix``. The title is the
    lead's weight-A part; migration 0005 indexes it (GIN on ts_filter) for this."""
    items = [f"'{_quote(w)}'" for w in words] + ([f"'{_quote(prefix)}':*"] if prefix else [])
    return "ts_filter(lead, '{a}') @@ %s::tsquery", [" & ".join(items)]


class _Postgres(_Dialect):
    # The database inserts a batch (GIN updates included) while Python prepares the next one.
    threaded_rebuild = True

    def encode(self, prepared):
        """The folded and exact vectors' literals (words only), and the lead's (positions and weights: ranked and
        matched with <->)."""
        p = prepared
        return (_word_set(p.body_folded, shingles=True), _word_set(p.exact),
                _tsvector([(p.title_folded, "A"), (p.bases_folded, "B"), (p.lead_folded, "C"), (p.attachments_folded, "D")]))

    def write(self, cursor, rows, generation, building=False):
        # The entry's filter and facet columns and its readers ride along (migration 0007): searches read this
        # table alone (fused_hits).
        table = pg_build.BUILD if building else FTS
        cursor.executemany(
            f"INSERT INTO {table} (rowid, folded, exact, lead, {', '.join(ENTRY_COLUMNS)}) VALUES (%s, %s::tsvector, "
            f"%s::tsvector, %s::tsvector, {', '.join(['%s'] * len(ENTRY_COLUMNS))}) ON CONFLICT (rowid) DO UPDATE SET "
            + ", ".join(f"{c} = EXCLUDED.{c}" for c in ("folded", "exact", "lead", *ENTRY_COLUMNS)),
            [(entry_id, *(p.encoded or self.encode(p)), generation, *(p.entry[c] for c in ENTRY_COLUMNS[1:-1]),
              sorted(set(p.principals))) for entry_id, p in rows],
        )

    def delete(self, cursor, entry_ids):
        super().delete(cursor, entry_ids)
        if entry_ids and pg_build.build_exists(cursor):  # a rebuild's rows (its own table)
            for chunk in _chunks(entry_ids, 500):
                cursor.execute(f"DELETE FROM {pg_build.BUILD} WHERE rowid IN ({_marks(chunk)})", list(chunk))

    # A rebuild fills a table of its own, indexed once full, and swaps it in (pg_build.py).
    def begin_build(self, cursor):
        pg_build.begin(cursor)

    def build_index_statements(self, cursor):
        return pg_build.index_statements(cursor)

    def swap_build(self, cursor):
        pg_build.swap(cursor)

    def end_build(self, cursor, failed):
        pg_build.drop_build(cursor) if failed else pg_build.drop_old(cursor)

    def fused_hits(self, parsed, title_words, ranked, filters, principals):
        clauses = ["folded @@ %s::tsquery", f"generation = (SELECT current_generation FROM {STATE} WHERE id = %s)"]
        params: list = [_tsquery(parsed, False, "shingles"), STATE_PK]
        for name, values in filters.items():
            if values:
                clauses.append(f"{FACET_FIELDS[name]} IN ({_marks(values)})")
                params += list(values)
        if principals is not None:
            clauses.append("principals && %s::text[]")
            params.append(list(principals) or ["-"])
        score, titled, head = "CAST(NULL AS REAL)", "0", []
        if ranked:
            query = _tsquery(parsed, False, "positions")
            score = f"CASE WHEN lead @@ %s::tsquery THEN ts_rank({WEIGHTS}, lead, %s::tsquery) END"
            head = [query, query]
            if title_words:
                titled = "CASE WHEN lead @@ %s::tsquery THEN 2 WHEN lead @@ %s::tsquery THEN 1 ELSE 0 END"
                head += [" <-> ".join(f"'{_quote(w)}':A" for w in title_words),
                         " & ".join(f"'{_quote(w)}':A" for w in title_words)]
        return (f"SELECT rowid AS id, page_id, kind, issuer_id, year, signer, status, issued_on, notation_key, number, "
                f"issuer_code, {score} AS score, {titled} AS titled FROM {FTS} WHERE {' AND '.join(clauses)}",
                head + params)

    def match_ids(self, parsed, exact=False):
        # The exact vector (used to rank exact-diacritic matches first) keeps no shingles: its phrases are
        # approximated by their words, which only affects the order within the folded matches.
        column, mode = ("exact", "words") if exact else ("folded", "shingles")
        return f"SELECT rowid AS fid FROM {FTS} WHERE {column} @@ %s::tsquery", [_tsquery(parsed, exact, mode)]

    def title_ids(self, words, phrase=False):
        # Weight A marks the title in the lead vector; only the hits are read (no index on the lead).
        query = (" <-> " if phrase else " & ").join(f"'{_quote(w)}':A" for w in words)
        return f"SELECT rowid AS fid FROM {FTS} WHERE rowid IN (SELECT id FROM hits) AND lead @@ %s::tsquery", [query]

    def title_prefix_ids(self, words, prefix):
        sql, params = _title_prefix(words, prefix)
        return f"SELECT rowid AS fid FROM {FTS} WHERE {sql}", params

    def newest_titled_ids(self, words, prefix, clauses, principals, limit):
        # The entry's columns ride in this table (migration 0007): the newest few come from the title's GIN index
        # and a top-N sort, or without words from the kind's index in order (migration 0008), with no scan of the
        # entries and their readers (suggestions "q": 26 → 9 ms at 10,000 documents).
        where = [f"generation = (SELECT current_generation FROM {STATE} WHERE id = %s)"]
        params: list = [STATE_PK]
        if words or prefix:
            title_sql, title_params = _title_prefix(words, prefix)
            where.append(title_sql)
            params += title_params
        elif not clauses:  # the kind's clause leads by migration 0008's index; with nothing, the entries' own serve
            return None
        for sql, sql_params in clauses:
            where.append(sql)
            params += sql_params
        if principals is not None:
            where.append("principals && %s::text[]")
            params.append(list(principals) or ["-"])
        return (f"SELECT rowid AS fid FROM {FTS} WHERE {' AND '.join(where)} "
                "ORDER BY issued_on DESC NULLS LAST, page_id DESC LIMIT %s", [*params, limit])

    def ranking(self, parsed):
        query = _tsquery(parsed, False, "positions")
        return (f"SELECT rowid AS fid, ts_rank({WEIGHTS}, lead, %s::tsquery) AS score FROM {FTS} "
                f"WHERE rowid IN (SELECT fid FROM m) AND lead @@ %s::tsquery", [query, query])

    def scored_matches(self, parsed, title_words):
        # The lead vector sits in the row the match reads anyway. Joined as a separate CTE, the ranking was
        # estimated at one row and joined by nested loop: quadratic, 65 ms for 900 matches. The trích yếu
        # tier reads it here too (a second read from TOAST cost 2–3 ms per search).
        query = _tsquery(parsed, False, "positions")
        titled, titled_params = "0", []
        if title_words:
            # 2: the words stand in the trích yếu as typed, side by side; 1: all of them somewhere in it.
            titled = "CASE WHEN lead @@ %s::tsquery THEN 2 WHEN lead @@ %s::tsquery THEN 1 ELSE 0 END"
            titled_params = [" <-> ".join(f"'{_quote(w)}':A" for w in title_words),
                             " & ".join(f"'{_quote(w)}':A" for w in title_words)]
        return (f"SELECT rowid AS fid, CASE WHEN lead @@ %s::tsquery THEN ts_rank({WEIGHTS}, lead, %s::tsquery) END AS score, "
                f"{titled} AS titled FROM {FTS} WHERE folded @@ %s::tsquery",
                [query, query, *titled_params, _tsquery(parsed, False, "shingles")])

    def facet_counts(self):
        # One pass over the hits for every facet (a scan of the hits and a hash table each, otherwise).
        columns = list(FACET_FIELDS.values())
        name = "CASE " + " ".join(f"WHEN GROUPING({c}) = 0 THEN '{n}'" for n, c in FACET_FIELDS.items()) + " END"
        value = "COALESCE(" + ", ".join(f"CAST({c} AS TEXT)" for c in columns) + ")"
        sets = ", ".join(f"({c})" for c in columns)
        return [f"SELECT 0, {name}, {value}, COUNT(*), NULL, NULL FROM hits GROUP BY GROUPING SETS ({sets}) "
                f"HAVING {value} IS NOT NULL"]

    def score_order(self, column):
        return f"({column} IS NULL), {column} DESC"

    needs_transaction = True

    def after_rebuild(self, cursor):
        cursor.execute(f"ANALYZE {FTS}, {ENTRY}, {PRINCIPAL}")

    def prepare_search(self, cursor):
        # The planner does not price reading large tsvectors back from TOAST: left alone it scans the
        # table for common words, reading every document's vector, where the GIN index answers alone.
        cursor.execute("SET LOCAL enable_seqscan = off")
