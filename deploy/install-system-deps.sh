#!/usr/bin/env bash
# Install the Debian packages that tests and local services need (PostgreSQL, Chromium, tools).
# Idempotent and quick: checks for each program first and runs apt-get only when something is missing.
# `make run` does not need this script (SQLite + embedded search).
set -euo pipefail

# Official output and import (PDF fonts, Pango, poppler-utils, Tesseract OCR with Vietnamese, LibreOffice Writer):
# its own script, also run by `make run`.
bash "$(dirname "$0")/install-output-deps.sh" --tests

missing=()

# PostgreSQL server: any major version Debian ships (bookworm: 15).
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    missing+=(postgresql)
fi
# Headless browser for Playwright tests (never `playwright install`: no downloads outside registries).
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Tools used by deploy/services.sh.
command -v psql >/dev/null || missing+=(postgresql-client)
command -v curl >/dev/null || missing+=(curl)
# npm installs axe-core for the accessibility test (make node-deps).
command -v npm >/dev/null || missing+=(npm)
# msgfmt: `make messages` and the test that the committed translation catalogue is up to date.
command -v msgfmt >/dev/null || missing+=(gettext)
command -v unzip >/dev/null || missing+=(unzip)
command -v mvn >/dev/null || missing+=(maven)
command -v flock >/dev/null || missing+=(util-linux)
command -v runuser >/dev/null || missing+=(util-linux)
command -v setsid >/dev/null || missing+=(util-linux)

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-system-deps: missing packages: ${missing[*]}; run this script as root" >&2
    exit 1
fi

# De-duplicate the list (util-linux may appear more than once).
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
echo "install-system-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2

# Elasticsearch needs Java >= 21; Debian 12 has no such package, so we can only check and say so.
found=""
for java in /usr/lib/jvm/*/bin/java; do
    [ -x "$java" ] || continue
    major=$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then found=$java; fi
done
if [ -z "$found" ]; then
    echo "install-system-deps: warning: no JDK >= 21 under /usr/lib/jvm; Elasticsearch will not start" >&2
fi
