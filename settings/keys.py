"""Helpers of the settings modules: refusing weak keys, deriving a dedicated key."""
from __future__ import annotations

import hashlib
import hmac

from django.core.exceptions import ImproperlyConfigured

# Keys that shipped in this repository or its examples: public, so never acceptable in production.
KNOWN_WEAK_KEYS = {"change-me", "dev-only-not-secret", "test-only", "secret", "s3cret", "changeme"}
MIN_KEY_LENGTH = 50


def refuse_weak_key(name: str, value: str) -> str:
    """The key, or ImproperlyConfigured when it is missing, known, short or repetitive (Django's own rule)."""
    if not value:
        raise ImproperlyConfigured(f"{name} phải được đặt trong biến môi trường ({name} is required).")
    if value in KNOWN_WEAK_KEYS or value.startswith("django-insecure-") or len(value) < MIN_KEY_LENGTH \
            or len(set(value)) < 5:
        raise ImproperlyConfigured(
            f"{name} quá yếu hoặc đã công khai: cần ít nhất {MIN_KEY_LENGTH} ký tự ngẫu nhiên, ví dụ "
            f"python -c \"import secrets; print(secrets.token_urlsafe(50))\" ({name} is too weak).")
    return value


def derived_key(secret: str, purpose: str) -> str:
    """A key for one purpose, derived from a strong secret: knowing it reveals nothing of the secret."""
    return hmac.new(secret.encode(), f"vanban:{purpose}".encode(), hashlib.sha256).hexdigest()
