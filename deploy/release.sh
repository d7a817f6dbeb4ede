#!/usr/bin/env bash
# Prepare a release under the production settings: migrate, create the cache table, collect static files.
# Run from the code directory with the production environment loaded, e.g.
#   set -a; . /etc/vanban/env; set +a; bash deploy/release.sh
# Static files must be collected with settings.production: its storage writes the manifest that its templates
# read (collected with settings.dev, every HTML page failed).
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=settings.production
PY=${PY:-.venv/bin/python}
"$PY" manage.py migrate --noinput
"$PY" manage.py createcachetable
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py check --deploy --fail-level WARNING
