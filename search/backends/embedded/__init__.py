"""Embedded backend: full-text search inside the project's own database, no server needed.

SQLite uses an FTS5 table, PostgreSQL tsvector columns with GIN indexes (migrations 0002/0004). Both index
the tokens of documents.text.vietnamese: folded text (what every query matches, with or without marks) and exact
lowercase NFC text (used to rank exact-diacritic matches first).

One SQL statement per search: the match, the filters and the permission filter (principals) are computed
once into "hits"; the facet counts and the requested page both read it. Relevance: the tiers of
search.ranking (typed notation, exact marks, kind/number/issuer named, trích yếu), then bm25/ts_rank of the
title and opening words (the "lead": cheap to score, and where an official document states its subject),
then the newest.

A rebuild fills a new generation of rows and then swaps the generation readers see in one transaction. On
PostgreSQL the new generation's full-text rows go to a table of their own, indexed once full and swapped in by
the same transaction (pg_build.py), written from a thread with its own connection (writer.py).
"""
from .backend import EmbeddedBackend
from .common import ENTRY, FTS, LEAD_TOKENS, PRINCIPAL, STATE, STATE_PK, TEXT, prepare

__all__ = ["ENTRY", "FTS", "LEAD_TOKENS", "PRINCIPAL", "STATE", "STATE_PK", "TEXT", "EmbeddedBackend", "prepare"]
