"""Settings modules: production reads its configuration from the environment and refuses to start without a secret."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load(settings_module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL", "ELASTICSEARCH_URL"}}
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    code = ("import django; from django.conf import settings; django.setup(); "
            "print(settings.SEARCH_BACKEND, settings.DATABASES['default']['ENGINE'], settings.ALLOWED_HOSTS, "
            "settings.EMAIL_HOST, settings.TIME_ZONE, settings.LANGUAGE_CODE)")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_secret_key():
    result = _load("settings.production", DATABASE_URL="sqlite:////tmp/x.sqlite3")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_reads_the_environment():
    result = _load(
        "settings.production", SECRET_KEY="s3cret", DATABASE_URL="postgres://u:p@db.example:5432/vanban",
        ALLOWED_HOSTS="vanban.example,www.vanban.example", ELASTICSEARCH_URL="http://es.example:9200",
        EMAIL_HOST="mail.example",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "elasticsearch"
    assert "postgresql" in result.stdout
    assert "'vanban.example', 'www.vanban.example'" in result.stdout
    assert "mail.example Asia/Ho_Chi_Minh vi" in result.stdout


def test_elasticsearch_url_selects_the_backend_in_dev_too():
    assert _load("settings.dev", ELASTICSEARCH_URL="http://127.0.0.1:9209").stdout.split()[0] == "elasticsearch"
    assert _load("settings.dev").stdout.split()[0] == "embedded"
