"""Production static files (issue 14, item 11): a manifest miss must not turn every HTML page into a 500."""
from __future__ import annotations

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from cms.security.static import ForgivingManifestStaticFilesStorage


@pytest.fixture
def collected_without_manifest(tmp_path):
    """STATIC_ROOT as `collectstatic` under settings.dev leaves it: the files, no manifest."""
    (tmp_path / "cms").mkdir()
    (tmp_path / "cms" / "site.css").write_text("body { font-family: 'Times New Roman'; }")
    return tmp_path


def test_the_strict_storage_fails_without_a_manifest(collected_without_manifest, settings):
    settings.DEBUG = False
    storage = CompressedManifestStaticFilesStorage(location=collected_without_manifest, base_url="/static/")
    with pytest.raises(ValueError):
        storage.url("cms/site.css")


def test_the_production_storage_serves_a_url_anyway(collected_without_manifest, settings):
    settings.DEBUG = False
    storage = ForgivingManifestStaticFilesStorage(location=collected_without_manifest, base_url="/static/")
    url = storage.url("cms/site.css")
    assert url.startswith("/static/cms/site.") and url.endswith(".css")
