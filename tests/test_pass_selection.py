"""Which pass runs a test (deploy/run-tests.sh): a test runs on both engines only where the engine can change it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_a_test_without_the_database_is_marked_nodb(request):
    assert request.node.get_closest_marker("nodb") is not None


@pytest.mark.django_db
def test_a_test_with_the_database_marker_is_not(request):
    assert request.node.get_closest_marker("nodb") is None


def test_a_test_with_a_database_fixture_is_not(request, db):
    assert request.node.get_closest_marker("nodb") is None


def test_the_makefile_and_the_script_select_the_same_passes():
    script = (ROOT / "deploy" / "run-tests.sh").read_text()
    makefile = (ROOT / "Makefile").read_text()
    pg_default = re.search(r"pg_selection=\$\{PG_TEST_SELECTION-([^}]*)\}", script).group(1)
    assert re.search(r"^PG_TEST_SELECTION \?= (.*)$", makefile, re.M).group(1) == pg_default
    sqlite_default = re.search(r"sqlite_selection=\$\{SQLITE_TEST_SELECTION-([^}]*)\}", script).group(1)
    # What one pass leaves out, the other runs: nothing falls between them.
    assert "not nodb" in pg_default and "not sqlite_pass" in pg_default and "nodb" not in sqlite_default
    assert "not postgres_pass" in sqlite_default and "postgres_pass" not in pg_default
