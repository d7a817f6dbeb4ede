"""Test settings: fast hashing, locmem caches; DATABASE_URL picks PostgreSQL, else SQLite."""
import os

from .base import *  # noqa: F401,F403
from .base import BASE_DIR

SECRET_KEY = "test-only"
RECEIPT_SIGNING_KEY = "test-only-receipt-signing-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
API_THROTTLE_RATE = "100000/min"  # tests that throttle set their own limit (tests/test_api_errors.py)
# An import job's thread has a connection of its own, which cannot see a test's uncommitted data: the job runs
# in the request unless a transactional test turns this on (tests/test_api_import_jobs.py).
IMPORT_IN_BACKGROUND = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# One test database, media folder and index prefix per test process, so parallel runs (`make test` runs its
# SQLite and PostgreSQL passes side by side) never share one. tests/conftest.py removes the media folder.
_RUN = os.getpid()
MEDIA_ROOT = BASE_DIR / "var" / "test-media" / str(_RUN)
ELASTICSEARCH_INDEX_PREFIX = f"vanban-test-{_RUN}"
# Both passes share one node on a busy two-core machine, creating and dropping indices all the time: a slow
# answer there is load, not what a test checks (the tests of an unreachable node use a closed port).
ELASTICSEARCH_TIMEOUT = 60
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not shared-cache memory: concurrent-transaction tests need SQLite's real locking.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-{_RUN}.sqlite3")}  # noqa: F405
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_vanban_{_RUN}"}  # noqa: F405
