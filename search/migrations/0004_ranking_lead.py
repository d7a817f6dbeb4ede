"""Full-text tables v2: a "lead" (title and opening words) that relevance is ranked on, and on PostgreSQL
neighbour pairs in the vectors so phrases are answered from the GIN index.

The embedded index is emptied; ``manage.py reindex`` (run by load_demo and by the deploy), or
``process_queues --loop`` on its first pass, fills it again.
"""
from django.db import migrations

SQLITE = [
    "DROP TABLE IF EXISTS search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, exact, lead, tokenize = 'unicode61 remove_diacritics 0')",
]
POSTGRES = [
    "DROP TABLE IF EXISTS search_fts",
    "CREATE TABLE search_fts (rowid bigint PRIMARY KEY, folded tsvector NOT NULL, exact tsvector NOT NULL, "
    "lead tsvector NOT NULL)",
    "CREATE INDEX search_fts_folded_gin ON search_fts USING GIN (folded)",
    "CREATE INDEX search_fts_exact_gin ON search_fts USING GIN (exact)",
]
EMPTY = [
    "DELETE FROM search_embeddedprincipal",
    "DELETE FROM search_embeddedtext",
    "DELETE FROM search_embeddedentry",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor)
    if statements is None:
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in EMPTY + statements:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_entry_text")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
