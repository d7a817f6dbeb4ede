"""URLs of the real PostgreSQL and Elasticsearch that tests use.

`make test` exports POSTGRES_TEST_URL and ELASTICSEARCH_TEST_URL. A bare `pytest` run starts the
services itself through deploy/services.sh. Either way a URL comes back or RuntimeError is raised:
tests that need a service fail loudly, they never skip.
"""
from __future__ import annotations

import functools
import os
import subprocess
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
SERVICES_SCRIPT = REPO_DIR / "deploy" / "services.sh"
# First start may fetch Elasticsearch (about 100 MB) and initialise PostgreSQL.
START_TIMEOUT_SECONDS = 900


def postgres_url() -> str:
    """postgres:// URL of a superuser on a running PostgreSQL (may create databases)."""
    return os.environ.get("POSTGRES_TEST_URL") or _start("pg", "DATABASE_URL")


def elasticsearch_url() -> str:
    """http:// URL of a running single-node Elasticsearch."""
    return os.environ.get("ELASTICSEARCH_TEST_URL") or _start("es", "ELASTICSEARCH_URL")


@functools.cache
def _start(service: str, variable: str) -> str:
    command = ["bash", str(SERVICES_SCRIPT), "start", service]
    try:
        result = subprocess.run(
            command,
            cwd=REPO_DIR,
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT_SECONDS,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(f"{' '.join(command)} failed: {exc}") from exc
    output = f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {result.returncode}\n{output}")
    prefix = f"{variable}="
    for line in result.stdout.splitlines():
        if line.startswith(prefix) and len(line) > len(prefix):
            return line[len(prefix):].strip()
    raise RuntimeError(f"{' '.join(command)} printed no {variable}\n{output}")
