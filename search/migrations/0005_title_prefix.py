"""PostgreSQL: a GIN index on the trích yếu part (weight A) of the lead vector, for as-you-type suggestions
(title words and a prefix of the last one). SQLite's FTS5 table answers prefixes from its title column."""
from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS search_fts_title_gin ON search_fts USING GIN (ts_filter(lead, '{a}'))"
DROP = "DROP INDEX IF EXISTS search_fts_title_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_ranking_lead")]
    operations = [migrations.RunPython(forwards, backwards)]
