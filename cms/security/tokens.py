"""API tokens, one per login and client (on the principles of django-rest-knox): random keys stored as SHA-256,
an expiry (settings.API_TOKEN_TTL seconds), rotation, revocation of one token, of all of a user's tokens on a
password change or deactivation (receivers.py), and a list the user can read and revoke from."""
from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from .models import ApiToken

KEYWORD = "Token"
LAST_USED_PRECISION = datetime.timedelta(minutes=1)  # one write per token per minute at most


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(user, name: str = "") -> tuple[ApiToken, str]:
    """A new token for one client; the key is returned once and never stored."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=(name or _("Không đặt tên"))[:100], key_hash=digest(key), prefix=key[:8],
        expires_at=timezone.now() + datetime.timedelta(seconds=int(settings.API_TOKEN_TTL)),
    )
    return token, key


def rotate_token(token: ApiToken) -> tuple[ApiToken, str]:
    """A new key for the same client; the old one stops working at once."""
    new, key = issue_token(token.user, token.name)
    token.delete()
    return new, key


def token_json(token: ApiToken, current: ApiToken | None = None) -> dict:
    return {
        "id": token.pk, "name": token.name, "prefix": token.prefix, "current": current is not None and token.pk == current.pk,
        "created_at": token.created_at.isoformat(), "expires_at": token.expires_at.isoformat(),
        "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
    }


class ApiTokenAuthentication(BaseAuthentication):
    """`Authorization: Token <key>`; request.auth is the ApiToken."""

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if parts and parts[0].lower() == b"bearer":
            # The usual scheme of token APIs, but not this one's: answered as anonymous, the caller would see only
            # public documents and take that for all. (Basic is left alone: a proxy in front may add it.)
            raise exceptions.AuthenticationFailed(_("Tiêu đề Authorization phải có dạng “Token <mã>”, không phải Bearer."))
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ.")) from None
        token = ApiToken.objects.select_related("user").filter(key_hash=digest(key)).first()
        now = timezone.now()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ."))
        if token.expires_at <= now:
            token.delete()
            raise exceptions.AuthenticationFailed(_("Mã truy cập đã hết hạn. Hãy đăng nhập lại."))
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return KEYWORD
