"""Shared fixtures; each area adds its own import line."""
from pathlib import Path

import pytest

from tests import factories
from tests.browser import chromium  # noqa: F401  (browser tests: Debian Chromium, environment restored after)
from tests.smtp import (  # noqa: F401  (distribution: real SMTP on loopback)
    refusing_smtp_server,
    smtp_down,
    smtp_server,
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and before it is dropped, the sessions still open on it ended.

    The live server answers a browser on keep-alive connections, each in a daemon thread holding its own
    database connection; when the browser closes last, one such thread can still be open, and PostgreSQL then
    refuses to drop the database, leaving a stale test_vanban_* behind after every run.
    """
    yield
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()")


@pytest.fixture
def la_gi(db) -> dict:
    """factories.create_la_gi_issuers(): home, dang_uy, van_phong, ban_chi_dao, ubnd, term, index_pages."""
    return factories.create_la_gi_issuers()


@pytest.fixture
def demo_issued(la_gi):
    """demo_issued(file name): that demonstration document imported as issued (the output tests' subject)."""
    from documents.importing.service import import_path
    from tests.output_support import DEMO

    def load(name: str):
        return import_path(DEMO[name], issue=True).page.specific
    return load


@pytest.fixture
def embedded_backend(db):
    """An empty embedded search backend (the contract tests' subject on SQLite and PostgreSQL)."""
    from search.backends.embedded import EmbeddedBackend

    backend = EmbeddedBackend()
    backend.rebuild([])
    return backend


@pytest.fixture
def elasticsearch_backend(db):
    """An empty Elasticsearch backend under its own index prefix, dropped afterwards (fails without the server)."""
    import uuid

    from django.conf import settings

    from search.backends.elasticsearch import ElasticsearchBackend
    from tests.services import elasticsearch_url

    backend = ElasticsearchBackend(elasticsearch_url(), prefix=f"test-{uuid.uuid4().hex[:10]}",
                                   timeout=settings.ELASTICSEARCH_TIMEOUT)
    backend.rebuild([])
    yield backend
    backend.drop_all()


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Wagtail caches site root paths; a test that changes sites must not leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def pytest_collection_modifyitems(config, items):
    """Transactional tests flush the database, Wagtail's root page and default site included.

    Restore the migrated content after each of them (serialized rollback), so test order never matters. A test
    that cannot reach the database is marked ``nodb``: its outcome is the same on every engine.
    """
    for item in items:
        if not _reaches_database(item):
            item.add_marker(pytest.mark.nodb)
        marker = item.get_closest_marker("django_db")
        transactional = "live_server" in item.fixturenames or "transactional_db" in item.fixturenames or (
            marker is not None and marker.kwargs.get("transaction")
        )
        if transactional and not (marker is not None and marker.kwargs.get("serialized_rollback")):
            kwargs = dict(marker.kwargs) if marker is not None else {}
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


def _reaches_database(item) -> bool:
    """pytest-django blocks the database for any test without its marker, a database fixture or a Django
    TestCase, so one without all three cannot depend on the engine."""
    if item.get_closest_marker("django_db") is not None:
        return True
    if "_django_db_helper" in getattr(item, "fixturenames", ()):
        return True
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    return cls is not None and issubclass(cls, TransactionTestCase)


def pytest_sessionfinish(session, exitstatus):
    """Remove this run's media folder and Elasticsearch indices (settings.test gives each test process its own)."""
    import json
    import os
    import shutil
    import urllib.request

    from django.conf import settings

    media = Path(settings.MEDIA_ROOT)
    if media.parent.name == "test-media":
        shutil.rmtree(media, ignore_errors=True)
    url = os.environ.get("ELASTICSEARCH_TEST_URL", "").rstrip("/")
    prefix = settings.ELASTICSEARCH_INDEX_PREFIX
    if not url or not prefix.startswith("vanban-test-"):
        return
    try:  # by name: Elasticsearch refuses wildcard deletes (action.destructive_requires_name)
        with urllib.request.urlopen(f"{url}/_cat/indices/{prefix}*?format=json&h=index", timeout=10) as answer:
            names = [row["index"] for row in json.load(answer)]
        for name in names:
            urllib.request.urlopen(urllib.request.Request(f"{url}/{name}", method="DELETE"), timeout=10).close()
    except OSError:
        pass  # the node is gone already; nothing of this run's can outlive it


@pytest.fixture(autouse=True)
def _postgres_marked(request):
    """A test marked ``postgres`` fails loudly on another database (the SQLite pass deselects them)."""
    if request.node.get_closest_marker("postgres") is not None:
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.fail("needs PostgreSQL: run with DATABASE_URL=$POSTGRES_TEST_URL (make test does)")
