"""Production: everything from the environment; refuses to start without SECRET_KEY."""
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .keys import derived_key, refuse_weak_key

SECRET_KEY = refuse_weak_key("SECRET_KEY", os.environ.get("SECRET_KEY", ""))
# Acknowledgement links in mails (documents/distribution/receipt.py): a key of their own if given, else one
# derived from SECRET_KEY (never SECRET_KEY itself).
RECEIPT_SIGNING_KEY = refuse_weak_key("RECEIPT_SIGNING_KEY", os.environ.get("RECEIPT_SIGNING_KEY", "")) \
    if os.environ.get("RECEIPT_SIGNING_KEY") else derived_key(SECRET_KEY, "receipt")
if not os.environ.get("BASE_URL"):
    raise ImproperlyConfigured("BASE_URL phải được đặt trong biến môi trường, ví dụ https://vanban.example.vn "
                               "(BASE_URL is required: links in mails and the API are built from it).")
if "DATABASE_URL" not in os.environ:
    raise ImproperlyConfigured("DATABASE_URL phải được đặt trong biến môi trường (DATABASE_URL is required).")
DEBUG = False
# HTTPS (nginx terminates TLS and sets X-Forwarded-Proto). SECURE_SSL_REDIRECT=0 only behind a proxy that
# redirects itself; SECURE_HSTS_SECONDS=0 while trying HTTPS out for the first time.
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "0") == "1"
# Preloading is a separate, hard-to-undo submission to browser vendors: a decision for the operator.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = os.environ.get("SECURE_COOKIES", "1") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Collected by deploy/release.sh under these settings; a file missing from the manifest is served under its
    # hashed name instead of failing the whole page with a 500.
    "staticfiles": {"BACKEND": "cms.security.static.ForgivingManifestStaticFilesStorage"},
}
# One cache every worker sees (a table, `manage.py createcachetable`, run by deploy/release.sh): rendered
# documents and API details (cms.security is not using it for logins: it has its own table).
# Django's default of 300 entries would cull the rendered documents of a real archive every few pages.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "vanban_cache",
                      "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "50000"))}}}
# Keep each worker's database connection between requests (a new PostgreSQL connection costs more than a
# cached page); checked before reuse, so a restarted database costs one failed check, not an error page.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
