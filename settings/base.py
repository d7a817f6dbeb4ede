"""Settings shared by every environment. Environment variables configure deployment."""
from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "cms",
    "cms.security",
    "documents",
    "search",
    "wagtail.api.v2",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "guardian",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # its catalogue translates Wagtail's "2 minutes ago"
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.security.input.BadInputMiddleware",  # NUL bytes, broken UTF-8, over-long values → 400 before any view
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A document's address before review corrected it → the document; a recalled one's → 410 "đã thu hồi"
    "cms.former_addresses.FormerAddressMiddleware",
    "cms.anonymous_cache.AnonymousDocumentCacheMiddleware",  # repeated anonymous reads of issued public documents
    "documents.workflow.admin_access.AdminReadRuleMiddleware",  # admin URLs naming an unreadable document → 404
    "documents.workflow.middleware.TransitionErrorMiddleware",  # refused transitions → admin messages
    "documents.workflow.middleware.SubmitCommentMiddleware",  # the editor's Trình ký comment → the audit log
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Issuing under contention (documents/numbering.py): how long one attempt waits for the lock (SQLite's busy
# timeout, PostgreSQL's lock_timeout while issuing), and how many attempts before a clear refusal.
ISSUE_LOCK_TIMEOUT = float(os.environ.get("ISSUE_LOCK_TIMEOUT", "20"))
ISSUE_RETRIES = int(os.environ.get("ISSUE_RETRIES", "3"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Wait for a lock instead of failing when two requests write at once.
    # Take the write lock at BEGIN so concurrent writers queue instead of failing on upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": ISSUE_LOCK_TIMEOUT, "transaction_mode": "IMMEDIATE"})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "cms.security.login_policy.ThrottledModelBackend",  # ModelBackend behind the one login policy
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: anonymous users get no object permissions
GUARDIAN_GET_CONTENT_TYPE = "documents.permissions.guardian_content_type"  # one grant table for every kind

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# The project catalogue completes and corrects Wagtail's and Django's Vietnamese; it takes precedence over theirs.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGIN_URL = "/dang-nhap/"
LOGIN_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60  # a reset link works for one day

# Wagtail
WAGTAIL_SITE_NAME = "Văn bản Đảng ủy phường La Gi"
# Links in mails and API responses; `make run` sets it from PORT, production requires it.
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL") or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # every download passes the document permission check
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "txt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# Official output (issue 11): PKCS#12 keys per signer and issuer, trusted roots (documents/output/signing.py).
SIGNING_KEYS_DIR = os.environ.get("SIGNING_KEYS_DIR", "")
SIGNING_KEYS_PASSWORD = os.environ.get("SIGNING_KEYS_PASSWORD", "")
# A distribution mail attaches the issued PDF up to this size; a larger one is sent as a link.
OUTPUT_MAIL_ATTACH_MAX_BYTES = int(os.environ.get("OUTPUT_MAIL_ATTACH_MAX_BYTES", str(5 * 1024 * 1024)))
WAGTAILAPI_SEARCH_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False  # "What's new in Wagtail" means nothing to a clerk, and links to English pages
# No autosave: on a new document, an autosave still in flight when the drafter clicks "Lưu nháp" made two
# documents (two POSTs to the create view). Leaving with unsaved changes still asks first.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no outside avatar service: offline offices, no e-mail hash leaves the office
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}  # words only: no FTS syntax errors
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_MODERATION_ENABLED = True

# Documents
DOCUMENT_MAX_UPLOAD_BYTES = int(os.environ.get("DOCUMENT_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
# A .docx may inflate to at most this many bytes (decompression bombs), and its text is cut (with a note)
# past this many characters.
DOCUMENT_MAX_INFLATED_BYTES = int(os.environ.get("DOCUMENT_MAX_INFLATED_BYTES", str(64 * 1024 * 1024)))
DOCUMENT_MAX_TEXT_CHARS = int(os.environ.get("DOCUMENT_MAX_TEXT_CHARS", "2000000"))
# Rendered issued documents (official HTML, API detail) are kept this long at most (cms/document_cache.py); every
# change forgets them at once through the document signals, so this only bounds what an unsignalled change shows.
DOCUMENT_CACHE_SECONDS = int(os.environ.get("DOCUMENT_CACHE_SECONDS", str(24 * 3600)))
# PDFs and images read outside the importer (attachment text for search, verification, Wagtail images): at most
# this many pages and characters are read, and images of more pixels are refused (decompression bombs).
PDF_MAX_PAGES = int(os.environ.get("PDF_MAX_PAGES", "500"))
PDF_MAX_TEXT_CHARS = int(os.environ.get("PDF_MAX_TEXT_CHARS", "1000000"))
PDF_MAX_STREAM_BYTES = int(os.environ.get("PDF_MAX_STREAM_BYTES", str(16 * 1024 * 1024)))
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", str(60_000_000)))
WAGTAILIMAGES_MAX_IMAGE_PIXELS = IMAGE_MAX_PIXELS  # checked by the upload form before Pillow decodes
# Login attempts (cms/security) older than this are purged by process_queues and purge_login_attempts.
LOGIN_ATTEMPT_RETENTION_DAYS = int(os.environ.get("LOGIN_ATTEMPT_RETENTION_DAYS", "30"))
# PDF and scans (documents/importing/formats/): pages of one imported file, pixels of one image or rasterised page
# (60 MP: an A4 page at 600 dpi is 35 MP; a decompression bomb is refused before it is decoded).
DOCUMENT_MAX_PDF_PAGES = int(os.environ.get("DOCUMENT_MAX_PDF_PAGES", "50"))
DOCUMENT_MAX_IMAGE_PIXELS = int(os.environ.get("DOCUMENT_MAX_IMAGE_PIXELS", str(IMAGE_MAX_PIXELS)))
# Largest inflated total a .zip of documents may declare (import_documents, the admin batch import).
DOCUMENT_MAX_ARCHIVE_BYTES = int(os.environ.get("DOCUMENT_MAX_ARCHIVE_BYTES", str(1024 * 1024 * 1024)))
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "")
# Acknowledgement links in mails: signed with a key of their own (never SECRET_KEY), valid this many seconds.
RECEIPT_SIGNING_KEY = os.environ.get("RECEIPT_SIGNING_KEY", "")
RECEIPT_LINK_MAX_AGE = int(os.environ.get("RECEIPT_LINK_MAX_AGE", str(60 * 24 * 3600)))

# Search: ELASTICSEARCH_URL selects the Elasticsearch backend in every settings module.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "vanban")
SEARCH_BACKEND = "elasticsearch" if ELASTICSEARCH_URL else "embedded"

# Mail
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "vanthu@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cms.security.tokens.ApiTokenAuthentication",  # first: a refused token answers 401 with WWW-Authenticate
        "rest_framework.authentication.SessionAuthentication",
    ],
}
# Requests per client to the write API (/api/, cms/rest/); past it the API answers 429 with Retry-After.
API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "600/min")

# Login policy of every password form and the token endpoint (cms/security/login_policy.py).
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))  # per username and address
LOGIN_FAILURE_WINDOW = int(os.environ.get("LOGIN_FAILURE_WINDOW", "900"))  # seconds
LOGIN_COOLOFF = int(os.environ.get("LOGIN_COOLOFF", "60"))  # seconds, doubled after each further failure
LOGIN_USERNAME_SLOW_AFTER = int(os.environ.get("LOGIN_USERNAME_SLOW_AFTER", "20"))  # from all addresses
LOGIN_ADDRESS_SLOW_AFTER = int(os.environ.get("LOGIN_ADDRESS_SLOW_AFTER", "50"))  # for all usernames
LOGIN_SLOW_INTERVAL = int(os.environ.get("LOGIN_SLOW_INTERVAL", "10"))  # seconds between attempts once slowed
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated); none by default.
TRUSTED_PROXIES = [p for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
WAGTAILADMIN_USER_LOGIN_FORM = "cms.security.forms.AdminLoginForm"
API_TOKEN_TTL = int(os.environ.get("API_TOKEN_TTL", str(30 * 24 * 3600)))  # seconds
# An import started by a request runs in a thread; the request waits this long for it, then answers "running"
# (documents/importing/background.py). Well under the proxy's and gunicorn's timeouts.
IMPORT_WAIT_SECONDS = float(os.environ.get("IMPORT_WAIT_SECONDS", "20"))
IMPORT_IN_BACKGROUND = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
