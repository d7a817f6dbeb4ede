"""Shared fixtures; each area adds its own import line."""
import pytest

from tests.la_gi_fixtures import la_gi  # noqa: F401  (import: phường La Gi issuers, tests/factories.py)
from tests.smtp import (  # noqa: F401  (distribution: real SMTP on loopback)
    refusing_smtp_server,
    smtp_down,
    smtp_server,
)


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Wagtail caches site root paths; a test that changes sites must not leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
