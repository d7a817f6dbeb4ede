"""Local development: SQLite and embedded search unless the environment says otherwise."""
import os

from .base import *  # noqa: F401,F403
from .base import VAR_DIR

DEBUG = os.environ.get("DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret"


def _local_key(name: str) -> str:
    """A random key kept in var/ (not in the repository), made on first use: the dev SECRET_KEY is public."""
    path = VAR_DIR / name
    if not path.exists():
        import secrets

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


RECEIPT_SIGNING_KEY = os.environ.get("RECEIPT_SIGNING_KEY") or _local_key("receipt-signing.key")
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
# load_demo makes a demo CA and keys here at first start, so the documents it issues come out signed.
SIGNING_KEYS_DIR = os.environ.get("SIGNING_KEYS_DIR") or str(VAR_DIR / "demo-signing")
