"""Full-text part of the embedded index, per database vendor.

SQLite: an FTS5 virtual table (folded title, folded text, exact text); its rowid is EmbeddedEntry.id.
PostgreSQL: tsvector columns built from the same prepared tokens (config 'simple' semantics) with GIN indexes.
"""
from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, body, exact, tokenize = 'unicode61 remove_diacritics 0')"
)
POSTGRES_CREATE = [
    "CREATE TABLE IF NOT EXISTS search_fts (rowid bigint PRIMARY KEY, folded tsvector NOT NULL, exact tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS search_fts_folded_gin ON search_fts USING GIN (folded)",
    "CREATE INDEX IF NOT EXISTS search_fts_exact_gin ON search_fts USING GIN (exact)",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute(SQLITE_CREATE)
        elif vendor == "postgresql":
            for statement in POSTGRES_CREATE:
                cursor.execute(statement)


def drop(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor in ("sqlite", "postgresql"):
            cursor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
