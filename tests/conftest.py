"""Shared fixtures; each area adds its own import line."""
import pytest

from tests import factories
from tests.smtp import (  # noqa: F401  (distribution: real SMTP on loopback)
    refusing_smtp_server,
    smtp_down,
    smtp_server,
)


@pytest.fixture
def la_gi(db) -> dict:
    """factories.create_la_gi_issuers(): home, dang_uy, van_phong, ban_chi_dao, ubnd, term, index_pages."""
    return factories.create_la_gi_issuers()


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Wagtail caches site root paths; a test that changes sites must not leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def pytest_collection_modifyitems(config, items):
    """Transactional tests flush the database, Wagtail's root page and default site included.

    Restore the migrated content after each of them (serialized rollback), so test order never matters.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = "live_server" in item.fixturenames or "transactional_db" in item.fixturenames or (
            marker is not None and marker.kwargs.get("transaction")
        )
        if transactional and not (marker is not None and marker.kwargs.get("serialized_rollback")):
            kwargs = dict(marker.kwargs) if marker is not None else {}
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)
