"""Shared fixtures; each area adds its own import line."""
from tests.smtp import refusing_smtp_server, smtp_down, smtp_server  # noqa: F401  (distribution: real SMTP on loopback)

# Import (H3): phường La Gi's site and issuers (tests/factories.py), as fixtures.
import pytest  # noqa: E402

from tests import factories  # noqa: E402


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
