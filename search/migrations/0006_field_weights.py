"""Field weights (issue 15): SQLite's full-text table gets the căn cứ and the attachments' opening in columns of
their own, so bm25 weighs them apart (PostgreSQL weighs them inside the lead vector: no schema change).

On SQLite the embedded index is emptied; ``manage.py reindex``, or ``process_queues --loop`` on its first pass,
fills it again. On PostgreSQL the old rows keep answering until the next reindex weighs them.
"""
from django.db import migrations

SQLITE = [
    "DROP TABLE IF EXISTS search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, exact, lead, bases, attach, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    "DELETE FROM search_embeddedprincipal",
    "DELETE FROM search_embeddedtext",
    "DELETE FROM search_embeddedentry",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in SQLITE:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_title_prefix")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
