#!/usr/bin/env bash
# Run the test suite twice: pass 1 on SQLite, pass 2 on PostgreSQL. Both must pass.
# Called by `make test` after services are up. The two passes run side by side (one per core; each has its own
# test database and index prefix), their lines prefixed with the pass name. Environment:
#   SQLITE_TEST_SELECTION  pytest -m expression for pass 1 (default "not browser and not postgres and not
#                          postgres_pass": the Chromium walks, the tests of PostgreSQL-only parts and the fuzzers that
#                          hunt engine-specific failures run once, on PostgreSQL, the database production serves from)
#   PG_TEST_SELECTION      pytest -m expression for pass 2 (default "not browser and not nodb and not sqlite_pass":
#                          what cannot reach the database, or checks what no engine changes, ran in pass 1 already;
#                          empty = whole suite)
#   BROWSER_TEST_SELECTION pytest -m expression for pass 3 (default "browser"; empty = no pass 3): the Chromium
#                          walks, on PostgreSQL, run after pass 1 on its core, so the two cores' work evens out.
#                          Each test runs once per engine at most where that tells something: the markers are in
#                          pyproject.toml, the split in DEVELOPERS.md (Tests).
#   TEST_PASSES            "parallel" (default) or "serial"
#   PYTEST_ARGS            extra pytest arguments for both passes (e.g. "-x -k numbering")
set -uo pipefail

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_DIR"
PY="$REPO_DIR/.venv/bin/python"
REPORT_DIR="$REPO_DIR/var/test-reports"
mkdir -p "$REPORT_DIR"
rm -f "$REPORT_DIR"/pass-*.xml

services_out=$(bash deploy/services.sh start all) || { echo "run-tests: services failed to start" >&2; exit 1; }
pg_url=$(printf '%s\n' "$services_out" | sed -n 's/^DATABASE_URL=//p')
es_url=$(printf '%s\n' "$services_out" | sed -n 's/^ELASTICSEARCH_URL=//p')
if [ -z "$pg_url" ] || [ -z "$es_url" ]; then
    echo "run-tests: could not read service URLs from: $services_out" >&2
    exit 1
fi

# Word splitting of PYTEST_ARGS is intended (several arguments in one variable).
# shellcheck disable=SC2206
extra=(${PYTEST_ARGS:-})

# pytest with a clean environment: settings from pyproject (settings.test), tests find services by URL.
run_pytest() {
    local name=$1 db_url=$2
    shift 2
    local -a envs=(-u DJANGO_SETTINGS_MODULE -u ELASTICSEARCH_URL -u DATABASE_URL
                   POSTGRES_TEST_URL="$pg_url" ELASTICSEARCH_TEST_URL="$es_url")
    [ -n "$db_url" ] && envs+=(DATABASE_URL="$db_url")
    env "${envs[@]}" "$PY" -m pytest -p no:cacheprovider --junitxml="$REPORT_DIR/$name.xml" "$@" "${extra[@]}"
}

sqlite_selection=${SQLITE_TEST_SELECTION-not browser and not postgres and not postgres_pass}
pass1() { run_pytest pass-1-sqlite "" ${sqlite_selection:+-m "$sqlite_selection"}; }
pg_selection=${PG_TEST_SELECTION-not browser and not nodb and not sqlite_pass}
browser_selection=${BROWSER_TEST_SELECTION-browser}
pass2() { run_pytest pass-2-postgres "$pg_url" ${pg_selection:+-m "$pg_selection"}; }
pass3() { [ -z "$browser_selection" ] || run_pytest pass-3-postgres-browser "$pg_url" -m "$browser_selection"; }
# Prefix each line so the interleaved output of the two passes stays readable.
prefixed() { local tag=$1; shift; "$@" > >(sed -u "s/^/[$tag] /") 2>&1; }

echo "==== pass 1: SQLite ${sqlite_selection:+(-m \"$sqlite_selection\")}, then pass 3: PostgreSQL ${browser_selection:+(-m \"$browser_selection\")}; pass 2: PostgreSQL ${pg_selection:+(-m \"$pg_selection\")} ===="
started=$SECONDS
if [ "${TEST_PASSES:-parallel}" = serial ]; then
    pass1; rc1=$?
    pass2; rc2=$?
    pass3; rc3=$?
else
    prefixed sqlite pass1 & pid1=$!
    prefixed postgres pass2 & pid2=$!
    wait "$pid1"; rc1=$?
    prefixed browser pass3 & pid3=$!
    wait "$pid3"; rc3=$?
    wait "$pid2"; rc2=$?
    sleep 1  # let the prefixing filters flush their last lines
fi
echo "==== the passes took $((SECONDS - started)) s ===="

describe() {
    case "$1" in
        0) echo "ok" ;;
        1) echo "FAILED (tests failed)" ;;
        2) echo "FAILED (interrupted or collection error)" ;;
        5) echo "no tests collected" ;;
        *) echo "FAILED (pytest exit $1)" ;;
    esac
}

status=0
echo "==== summary ===="
# Pass 1 runs nearly the whole suite: collecting nothing means something is broken.
if [ "$rc1" -ne 0 ]; then status=1; fi
echo "pass 1 SQLite:     $(describe "$rc1")"
# Pass 2 may run a marker selection that matches nothing; that alone is not a failure.
if [ "$rc2" -ne 0 ] && { [ "$rc2" -ne 5 ] || [ -z "$pg_selection" ]; }; then status=1; fi
echo "pass 2 PostgreSQL: $(describe "$rc2")"
# Pass 3 may match nothing (PYTEST_ARGS="-k …"); a broken marker would run the walks in pass 2 instead.
if [ "$rc3" -ne 0 ] && [ "$rc3" -ne 5 ]; then status=1; fi
echo "pass 3 PostgreSQL, Chromium: $(describe "$rc3")"

if [ "$status" -ne 0 ]; then
    echo "TESTS FAILED"
else
    echo "ALL TEST PASSES OK"
fi

# Last line: one count over both passes, in the plain "N passed, N failed, N skipped" form.
"$PY" - "$REPORT_DIR" <<'EOF' || true
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

total = failed = skipped = 0
for path in sorted(Path(sys.argv[1]).glob("pass-*.xml")):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        continue
    for suite in root.iter("testsuite"):
        total += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    # The passes' own reports scroll away in CI logs that keep only the tail: name each failure here.
    for case in root.iter("testcase"):
        for problem in (*case.findall("failure"), *case.findall("error")):
            message = (problem.get("message") or "").strip().splitlines()
            print(f"{path.stem}: {problem.tag.upper()} {case.get('classname')}::{case.get('name')}")
            print(f"    {message[0][:300] if message else ''}")
            body = (problem.text or "").strip().splitlines()
            for line in body[-12:]:
                print(f"    | {line[:200]}")
print(f"total: {total - failed - skipped} passed, {failed} failed, {skipped} skipped")
EOF

exit "$status"
