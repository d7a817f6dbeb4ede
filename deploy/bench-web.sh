#!/usr/bin/env bash
# make bench-web: gunicorn with settings.production on a throw-away PostgreSQL database loaded with the demo,
# then manage.py bench_web at 1 and 16 clients (loopback, bounded). PostgreSQL must be running (make services).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
BENCH_PORT=${BENCH_PORT:-8121}
BENCH_DB=${BENCH_DB:-vanban_bench_web}
PG=${PG_URL:-postgres://vanban:vanban@127.0.0.1:54329}
psql "$PG/postgres" -XAtqc "DROP DATABASE IF EXISTS $BENCH_DB" >/dev/null
psql "$PG/postgres" -XAtqc "CREATE DATABASE $BENCH_DB" >/dev/null
export DJANGO_SETTINGS_MODULE=settings.production DATABASE_URL="$PG/$BENCH_DB" SECURE_SSL_REDIRECT=0 \
    SECURE_COOKIES=0 BASE_URL="http://127.0.0.1:$BENCH_PORT" ALLOWED_HOSTS=127.0.0.1,localhost \
    DEMO_PASSWORD=${DEMO_PASSWORD:-vanban2026} VAR_DIR=${VAR_DIR:-var/bench-web} ELASTICSEARCH_URL= \
    EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend LOGIN_FAILURE_LIMIT=1000 API_THROTTLE_RATE=${API_THROTTLE_RATE:-1000000/min} PORT=$BENCH_PORT WEB_CONCURRENCY=${WEB_CONCURRENCY:-4}
export SECRET_KEY=${SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')}
mkdir -p "$VAR_DIR"
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py createcachetable
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py load_demo >/dev/null
"$PY" manage.py process_queues >/dev/null 2>&1 || true
.venv/bin/gunicorn -c deploy/gunicorn.conf.py --access-logfile /dev/null cms.wsgi &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null; wait $GUNICORN 2>/dev/null; psql "$PG/postgres" -XAtqc "DROP DATABASE IF EXISTS $BENCH_DB" >/dev/null' EXIT
for _ in $(seq 60); do curl -fs -o /dev/null "http://127.0.0.1:$BENCH_PORT/" && break; sleep 1; done
"$PY" manage.py bench_web --url "http://127.0.0.1:$BENCH_PORT" --seconds "${BENCH_SECONDS:-8}" --clients "${BENCH_CLIENTS:-1,16}"
