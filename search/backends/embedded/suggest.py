"""As-you-type suggestions from the embedded index, in one SQL statement: notations by prefix, issuers named,
documents whose trích yếu holds the words typed (the last one as a prefix); the permission filter as search."""
from __future__ import annotations

import contextlib

from django.db import transaction

from search.backends.base import NOTATION_ANY_CHAR, Suggestion, SuggestQuery

from .common import ENTRY, PRINCIPAL, STATE, STATE_PK, _marks
from .dialect import _Dialect

MAX_ISSUERS = 3


def _visible(principals: list[str] | None) -> tuple[str, list]:
    """WHERE clauses for the live generation and, unless None, the readers' principals (as search)."""
    sql = f"e.generation = (SELECT current_generation FROM {STATE} WHERE id = %s)"
    params: list = [STATE_PK]
    if principals is not None:
        principals = list(principals) or ["-"]
        sql += (f" AND EXISTS (SELECT 1 FROM {PRINCIPAL} p WHERE p.entry_id = e.id "
                f"AND p.principal IN ({_marks(principals)}))")
        params += principals
    return sql, params


def suggest_sql(dialect: _Dialect, query: SuggestQuery) -> tuple[str, list]:
    """SELECT part, id, label, notation, kind: 0 notations, 1 issuers, 2 documents of the kind named, 3 documents
    by trích yếu; newest first within a part."""
    parts: list[str] = []
    params: list = []
    newest = "(e.issued_on IS NULL), e.issued_on DESC, e.page_id DESC"
    if query.notation_prefix:
        visible, visible_params = _visible(query.principals)
        parts.append(f"SELECT * FROM (SELECT 0 AS part, e.page_id AS id, e.notation AS label, e.notation AS notation, "
                     f"e.kind AS kind FROM {ENTRY} e WHERE REPLACE(UPPER(e.notation), 'Đ', 'D') LIKE %s AND {visible} "
                     f"ORDER BY {newest} LIMIT %s) n")
        params += [query.notation_prefix.replace(NOTATION_ANY_CHAR, "_") + "%", *visible_params, query.limit]
    for issuer_id in query.issuer_ids[:MAX_ISSUERS]:
        visible, visible_params = _visible(query.principals)
        parts.append(f"SELECT * FROM (SELECT 1 AS part, e.issuer_id AS id, e.issuer_name AS label, '' AS notation, '' AS kind "
                     f"FROM {ENTRY} e WHERE e.issuer_id = %s AND {visible} LIMIT 1) i{issuer_id}")
        params += [issuer_id, *visible_params]
    if query.kinds:
        columns: list[tuple[str, list]] = [(f"kind IN ({_marks(query.kinds)})", list(query.kinds))]
        if query.kind_number is not None:
            columns.append(("number = %s", [query.kind_number]))
        sql, sql_params = _titled(dialect, query, query.kind_words, query.kind_prefix, columns, 2, newest)
        parts.append(f"SELECT * FROM ({sql}) k")
        params += sql_params
    if query.words or query.prefix:
        sql, sql_params = _titled(dialect, query, query.words, query.prefix, [], 3, newest)
        parts.append(f"SELECT * FROM ({sql}) d")
        params += sql_params
    return " UNION ALL ".join(parts), params


def _titled(dialect: _Dialect, query: SuggestQuery, words: list[str], prefix: str, columns: list[tuple[str, list]],
            part: int, newest: str) -> tuple[str, list]:
    """The ``query.limit`` newest documents the reader may see whose trích yếu holds ``words`` and ``prefix``
    (none: any) and that meet ``columns`` (conditions on the entry's columns), as rows of ``part``."""
    select = (f"SELECT {part} AS part, e.page_id AS id, e.title AS label, e.notation AS notation, e.kind AS kind "
              f"FROM {ENTRY} e")
    fused = dialect.newest_titled_ids(words, prefix, columns, query.principals, query.limit)
    if fused is not None:
        return f"{select} JOIN ({fused[0]}) t ON e.id = t.fid ORDER BY {newest}", fused[1]
    clauses = [f"e.{sql}" for sql, _params in columns]
    params: list = [p for _sql, column_params in columns for p in column_params]
    if words or prefix:
        titled, titled_params = dialect.title_prefix_ids(words, prefix)
        clauses.append(f"e.id IN ({titled})")
        params += titled_params
    visible, visible_params = _visible(query.principals)
    return (f"{select} WHERE {' AND '.join([*clauses, visible])} ORDER BY {newest} LIMIT %s",
            [*params, *visible_params, query.limit])


def run_suggest(backend, query: SuggestQuery) -> list[Suggestion]:
    if not (query.words or query.prefix or query.notation_prefix or query.kinds):
        return []
    dialect = backend._dialect()
    sql, params = suggest_sql(dialect, query)
    scope = transaction.atomic(using=backend.using) if dialect.needs_transaction else contextlib.nullcontext()
    with scope, backend.connection.cursor() as cursor:
        dialect.prepare_search(cursor)
        cursor.execute(sql, params)
        rows = sorted(cursor.fetchall(), key=lambda row: row[0])  # parts in order; each part keeps its own
    found: list[Suggestion] = []
    seen: set[tuple[str, int]] = set()
    for part, ident, label, notation, kind in rows:
        if part == 1:
            found.append(Suggestion("issuer", label, issuer_id=ident))
            continue
        if ("page", ident) in seen:  # a document found by its notation is not offered again by its title
            continue
        seen.add(("page", ident))
        found.append(Suggestion("notation" if part == 0 else "document", label, page_id=ident, notation=notation or "",
                                doc_kind=kind or ""))
    return found[:query.limit]
