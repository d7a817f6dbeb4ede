"""Settings modules: production reads its configuration from the environment and refuses to start without a secret."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


STRONG_KEY = "k7Qp2vX9mZ4tR8wL1nB6cY3hJ5dF0gS-aE_uI2oP9qW4xV7zM1"
PRODUCTION = {"SECRET_KEY": STRONG_KEY, "DATABASE_URL": "postgres://u:p@db.example:5432/vanban",
              "BASE_URL": "https://vanban.example"}


def _load(settings_module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "DATABASE_URL", "ELASTICSEARCH_URL", "BASE_URL", "RECEIPT_SIGNING_KEY",
                          "DATABASE_CONN_MAX_AGE"}}
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    code = ("import django; from django.conf import settings; django.setup(); "
            "print(settings.SEARCH_BACKEND, settings.DATABASES['default']['ENGINE'], settings.ALLOWED_HOSTS, "
            "settings.EMAIL_HOST, settings.TIME_ZONE, settings.LANGUAGE_CODE, "
            "settings.DATABASES['default']['CONN_MAX_AGE'], settings.DATABASES['default']['CONN_HEALTH_CHECKS'])")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_secret_key():
    result = _load("settings.production", DATABASE_URL="sqlite:////tmp/x.sqlite3")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_reads_the_environment():
    result = _load(
        "settings.production", SECRET_KEY=STRONG_KEY, DATABASE_URL="postgres://u:p@db.example:5432/vanban",
        BASE_URL="https://vanban.example", ALLOWED_HOSTS="vanban.example,www.vanban.example", ELASTICSEARCH_URL="http://es.example:9200",
        EMAIL_HOST="mail.example",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "elasticsearch"
    assert "postgresql" in result.stdout
    assert "'vanban.example', 'www.vanban.example'" in result.stdout
    assert "mail.example Asia/Ho_Chi_Minh vi 60 True" in result.stdout  # workers keep a checked connection


def test_production_connection_lifetime_comes_from_the_environment():
    result = _load("settings.production", **PRODUCTION, DATABASE_CONN_MAX_AGE="0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["0", "True"]


def test_elasticsearch_url_selects_the_backend_in_dev_too():
    assert _load("settings.dev", ELASTICSEARCH_URL="http://127.0.0.1:9209").stdout.split()[0] == "elasticsearch"
    assert _load("settings.dev").stdout.split()[0] == "embedded"


def _env_example_key() -> str:
    for line in (ROOT / "deploy" / "env.example").read_text().splitlines():
        if line.startswith("SECRET_KEY="):
            return line.split("=", 1)[1]
    raise AssertionError("env.example has no SECRET_KEY line")


def test_production_refuses_known_and_short_keys():
    for key in ("change-me", "dev-only-not-secret", "x" * 60, STRONG_KEY[:49], _env_example_key()):
        result = _load("settings.production", **{**PRODUCTION, "SECRET_KEY": key})
        assert result.returncode != 0 and "SECRET_KEY" in result.stderr, key
    result = _load("settings.production", **{**PRODUCTION, "RECEIPT_SIGNING_KEY": "change-me"})
    assert result.returncode != 0 and "RECEIPT_SIGNING_KEY" in result.stderr


def test_production_requires_base_url():
    result = _load("settings.production", **{**PRODUCTION, "BASE_URL": ""})
    assert result.returncode != 0 and "BASE_URL" in result.stderr


def test_check_deploy_is_clean_with_the_documented_settings():
    env = {k: v for k, v in os.environ.items() if k not in {"ELASTICSEARCH_URL", "RECEIPT_SIGNING_KEY"}}
    env.update(PRODUCTION, DJANGO_SETTINGS_MODULE="settings.production", ALLOWED_HOSTS="vanban.example",
               DATABASE_URL="sqlite:////tmp/vanban-check-deploy.sqlite3")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "W004" not in result.stdout + result.stderr and "W008" not in result.stdout + result.stderr


def test_gunicorn_binds_loopback_by_default():
    code = "import runpy; print(runpy.run_path('deploy/gunicorn.conf.py')['bind'])"
    env = {k: v for k, v in os.environ.items() if k not in {"BIND", "PORT"}}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "127.0.0.1:8000"


def test_gunicorn_renews_workers_rarely_unless_told():
    code = ("import runpy; c = runpy.run_path('deploy/gunicorn.conf.py'); "
            "print(c['max_requests'], c['max_requests_jitter'])")
    env = {k: v for k, v in os.environ.items() if k != "GUNICORN_MAX_REQUESTS"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["20000", "2000"]  # a renewal reloads Django: ~2 s of CPU
    env["GUNICORN_MAX_REQUESTS"] = "500"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["500", "50"]


def test_base_url_follows_port_when_not_set():
    code = ("import django; from django.conf import settings; django.setup(); "
            "print(settings.WAGTAILADMIN_BASE_URL, settings.WAGTAILAPI_BASE_URL)")
    env = {k: v for k, v in os.environ.items() if k not in {"BASE_URL"}}
    env.update(PORT="8123", DJANGO_SETTINGS_MODULE="settings.dev")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["http://127.0.0.1:8123", "http://127.0.0.1:8123"]
