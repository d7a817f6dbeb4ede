"""Pytest fixtures over tests/factories.py (imported by conftest.py)."""
from __future__ import annotations

import pytest

from tests import factories


@pytest.fixture
def la_gi(db) -> dict:
    """factories.create_la_gi_issuers(): home, dang_uy, van_phong, ban_chi_dao, ubnd, term, index_pages."""
    return factories.create_la_gi_issuers()
