"""PostgreSQL rebuilds into a table of their own: ``search_fts_build`` is filled without its GIN indexes, which are
then built in one pass each, and swapped in for ``search_fts`` by renaming, in the transaction that makes the new
generation current. Searches keep reading the old table, indexes included, until the swap; a failed rebuild only
drops the build table; the live indexes no longer take (and keep, until a vacuum) a whole second generation.
Measured on 2,000 documents, the database's own work is about the same as inserting into the live indexes
(≈4.6 ms of CPU a document); what is gained is that this work runs on other connections than the reading thread's
(writer.py), so it overlaps the Python side when a core is free.

The build table copies every index ``search_fts`` has (read from the catalogue, so an index added by a later
migration comes along), under names of its own until the swap.
"""
from __future__ import annotations

from .common import FTS

BUILD = f"{FTS}_build"
OLD = f"{FTS}_old"


def _indexes(cursor, table: str) -> list[tuple[str, str]]:
    """(name, definition) of the table's indexes other than its primary key."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename = %s "
        "AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid = %s::regclass) "
        "ORDER BY i.indexname",
        [table, table],
    )
    return list(cursor.fetchall())


def build_exists(cursor) -> bool:
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [BUILD])
    return bool(cursor.fetchone()[0])


# One rebuild at a time per database (its build table has one name): a session lock, held from ``begin`` to
# ``drop_build``/``drop_old``, released by PostgreSQL if the process dies.
_LOCK_KEY = 0x5EA2C4B1


def begin(cursor) -> None:
    """Wait for any other rebuild of this database to end, then make a fresh, empty build table shaped like the
    live one, with its primary key (upserts need it) and no other index. A build table left by a rebuild that
    died is replaced."""
    cursor.execute("SELECT pg_advisory_lock(%s)", [_LOCK_KEY])
    cursor.execute(f"DROP TABLE IF EXISTS {BUILD}")
    cursor.execute(f"CREATE TABLE {BUILD} (LIKE {FTS} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE "
                   f"INCLUDING COMPRESSION)")
    cursor.execute(f"ALTER TABLE {BUILD} ADD CONSTRAINT {BUILD}_pkey PRIMARY KEY (rowid)")


def _build_name(name: str) -> str:
    return f"{name[:57]}_build"


def _old_name(name: str) -> str:
    return f"{name[:59]}_old"


def _primary_key(cursor, table: str) -> str:
    cursor.execute("SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid = %s::regclass", [table])
    return cursor.fetchone()[0]


def index_statements(cursor) -> list[str]:
    """CREATE INDEX statements giving the filled build table the live table's indexes (one sorted pass each),
    under build names; independent of each other, so they may run side by side."""
    statements = []
    for name, definition in _indexes(cursor, FTS):
        head, _on, rest = definition.partition(" ON ")
        table, using = rest.split(" ", 1)
        schema = table.rsplit(".", 1)[0] + "." if "." in table else ""
        statements.append(f"{head.replace(name, _build_name(name), 1)} ON {schema}{BUILD} {using}")
    return statements


def swap(cursor) -> None:
    """Put the build table in the live one's place, its indexes and primary key under the live names; the old
    table is kept as ``search_fts_old`` until ``drop_old``. Run in the transaction that swaps the generations."""
    cursor.execute(f"LOCK TABLE {FTS} IN ACCESS EXCLUSIVE MODE")  # searches running on it finish first
    live = [name for name, _definition in _indexes(cursor, FTS)]
    key = _primary_key(cursor, FTS)
    cursor.execute(f"DROP TABLE IF EXISTS {OLD}")
    cursor.execute(f"ALTER TABLE {FTS} RENAME TO {OLD}")
    cursor.execute(f"ALTER TABLE {OLD} RENAME CONSTRAINT {key} TO {_old_name(key)}")
    for name in live:
        cursor.execute(f"ALTER INDEX {name} RENAME TO {_old_name(name)}")
    cursor.execute(f"ALTER TABLE {BUILD} RENAME TO {FTS}")
    cursor.execute(f"ALTER TABLE {FTS} RENAME CONSTRAINT {BUILD}_pkey TO {key}")
    for name in live:
        cursor.execute(f"ALTER INDEX {_build_name(name)} RENAME TO {name}")


def drop_old(cursor) -> None:
    """After a swap: the old table goes, and the next rebuild may begin."""
    cursor.execute(f"DROP TABLE IF EXISTS {OLD}")
    cursor.execute("SELECT pg_advisory_unlock(%s)", [_LOCK_KEY])


def drop_build(cursor) -> None:
    """After a failure: the build table goes, and the next rebuild may begin."""
    cursor.execute(f"DROP TABLE IF EXISTS {BUILD}")
    cursor.execute("SELECT pg_advisory_unlock(%s)", [_LOCK_KEY])
