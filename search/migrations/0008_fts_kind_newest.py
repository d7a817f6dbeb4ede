"""PostgreSQL indexes for as-you-type suggestions (search.backends.embedded.suggest):
- the newest documents of a kind straight from the full-text table ("quy ch", "ke hoach 01"): walked in order,
  stopping at the few a suggestion shows, rather than every entry of the kind joined with every reader row;
- the notations that begin as typed ("01-QC/B"): a range of this index rather than every entry's notation
  upper-cased and compared.
SQLite answers both from its entries' own indexes."""
from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS search_fts_kind_newest ON search_fts (kind, generation, issued_on DESC NULLS LAST, "
    "page_id DESC)",
    # The expression search.backends.embedded.suggest compares with LIKE 'prefix%' (text_pattern_ops: any collation).
    "CREATE INDEX IF NOT EXISTS search_entry_notation_prefix ON search_embeddedentry "
    "((REPLACE(UPPER(notation), 'Đ', 'D')) text_pattern_ops)",
]
DROP = ["DROP INDEX IF EXISTS search_fts_kind_newest", "DROP INDEX IF EXISTS search_entry_notation_prefix"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_fts_entry_columns")]
    operations = [migrations.RunPython(forwards, backwards)]
