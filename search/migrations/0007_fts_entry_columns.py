"""PostgreSQL: the full-text table carries its entry's filter and facet columns and its readers, so a search
reads one table (no join of every entry and reader row: about 40% of a common query's time at 10,000
documents). Existing rows are filled from their entries here (rewriting every row: about a minute per 10,000
documents on two cores, during which embedded searches wait). SQLite keeps its FTS5 table as it is."""
from django.db import migrations

COLUMNS = [
    ("generation", "integer"), ("page_id", "bigint"), ("kind", "varchar(30)"), ("issuer_id", "bigint"),
    ("year", "integer"), ("signer", "varchar(255)"), ("status", "varchar(30)"), ("issued_on", "date"),
    ("notation_key", "varchar(80)"), ("number", "integer"), ("issuer_code", "varchar(40)"), ("principals", "text[]"),
]
FILL = (
    "UPDATE search_fts f SET generation = e.generation, page_id = e.page_id, kind = e.kind, issuer_id = e.issuer_id, "
    "year = e.year, signer = e.signer, status = e.status, issued_on = e.issued_on, notation_key = e.notation_key, "
    "number = e.number, issuer_code = e.issuer_code, principals = ARRAY(SELECT p.principal FROM "
    "search_embeddedprincipal p WHERE p.entry_id = e.id ORDER BY p.principal) "
    "FROM search_embeddedentry e WHERE e.id = f.rowid"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, kind in COLUMNS:
        schema_editor.execute(f"ALTER TABLE search_fts ADD COLUMN IF NOT EXISTS {name} {kind}")
    schema_editor.execute(FILL)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _kind in COLUMNS:
        schema_editor.execute(f"ALTER TABLE search_fts DROP COLUMN IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_field_weights")]
    operations = [migrations.RunPython(forwards, backwards)]
