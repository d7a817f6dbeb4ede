#!/usr/bin/env bash
# make bench-import: the batch importer on a generated corpus (.txt, .docx and text PDF; COUNT files, default 1000), with
# --issue, on SQLite (--jobs 1) and on PostgreSQL (--jobs 1 and --jobs 2), then Elasticsearch bulk indexing.
# Needs DATABASE_URL (PostgreSQL, for its server) and ELASTICSEARCH_URL from `deploy/services.sh start all`.
# Every run uses a throwaway database and index prefix, dropped at the end; the shared ones are not touched.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PY:-.venv/bin/python}
COUNT=${COUNT:-1000}
FORMATS=${FORMATS:-txt,docx,pdf}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-settings.dev}
export ELASTICSEARCH_INDEX_PREFIX="bench-import-$$"
PG_SERVER=${DATABASE_URL%/*}
PG_DB="bench_import_$$"
SQLITE_DB=$(mktemp -d)/bench.sqlite3

pg() { "$PY" -c "import psycopg, sys; c = psycopg.connect('$PG_SERVER/postgres', autocommit=True); c.execute(sys.argv[1])" "$1"; }
cleanup() {
    pg "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" || true
    rm -rf "$(dirname "$SQLITE_DB")"
    curl -s -X DELETE "$ELASTICSEARCH_URL/$ELASTICSEARCH_INDEX_PREFIX*" >/dev/null || true
}
trap cleanup EXIT

echo "== SQLite, --jobs 1"
DATABASE_URL="sqlite:///$SQLITE_DB" "$PY" manage.py migrate --noinput -v0
DATABASE_URL="sqlite:///$SQLITE_DB" "$PY" manage.py bench_import --count "$COUNT" --formats "$FORMATS" --issue --jobs 1

pg "CREATE DATABASE $PG_DB"
export DATABASE_URL="$PG_SERVER/$PG_DB"
"$PY" manage.py migrate --noinput -v0
for jobs in 1 2; do
    echo "== PostgreSQL, --jobs $jobs"
    "$PY" manage.py bench_import --count "$COUNT" --formats "$FORMATS" --issue --jobs "$jobs"
done
echo "(The machine may be shared: figures vary with its load.)"
