"""API authentication: POST /api/auth/token/ (username, password → {"token"}), POST /api/auth/logout/.

Bad credentials answer 401 with one message whichever part was wrong. Failed logins are counted in the cache
per client IP and per username (the same counters guard the reader login page, cms/accounts.py); past the
"login" rate of settings.REST_FRAMEWORK every attempt answers 429 until the window passes, even with the right
password, so guessing cannot continue.
"""
from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.contrib.auth import authenticate, logout
from django.core.cache import cache
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from documents.text.vietnamese import nfc


def bad_credentials_message() -> str:
    return _("Tên đăng nhập hoặc mật khẩu không đúng.")


def too_many_attempts_message(wait: int) -> str:
    return _("Đăng nhập sai quá nhiều lần. Hãy thử lại sau %(seconds)d giây.") % {"seconds": wait}


class LoginFailures:
    """Failed-login counters per IP and per username, in the cache, over the "login" rate window."""

    scope = "login"

    def __init__(self, request, username: str):
        rate = settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}).get(self.scope) or "5/min"
        count, period = rate.split("/")
        self.limit, self.window = int(count), {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]
        ip = request.META.get("REMOTE_ADDR", "")
        name = nfc(username or "").strip().casefold()
        self.keys = [f"login-fail:ip:{ip}", "login-fail:user:" + hashlib.sha256(name.encode()).hexdigest()]

    def _attempts(self, key: str) -> list[float]:
        now = time.time()
        return [t for t in cache.get(key, []) if t > now - self.window]

    def wait(self) -> int:
        """Seconds until another attempt is allowed (0: allowed now)."""
        now, longest = time.time(), 0
        for key in self.keys:
            attempts = self._attempts(key)
            if len(attempts) >= self.limit:
                longest = max(longest, int(attempts[-self.limit] + self.window - now) + 1)
        return longest

    def record(self) -> None:
        for key in self.keys:
            attempts = self._attempts(key) + [time.time()]
            cache.set(key, attempts[-self.limit:], self.window)

    def clear_user(self) -> None:
        cache.delete(self.keys[1])


class TokenView(APIView):
    """Exchange a username and password for the user's API token."""

    authentication_classes: list = []  # credentials are in the body; no session, so no CSRF to check
    permission_classes: list = []

    def post(self, request):
        username = str(request.data.get("username", ""))
        password = str(request.data.get("password", ""))
        failures = LoginFailures(request, username)
        if wait := failures.wait():
            return Response({"detail": too_many_attempts_message(wait)}, status=status.HTTP_429_TOO_MANY_REQUESTS,
                            headers={"Retry-After": str(wait)})
        user = authenticate(request._request, username=username, password=password) if username and password else None
        if user is None or not user.is_active:
            failures.record()
            return Response({"detail": bad_credentials_message()}, status=status.HTTP_401_UNAUTHORIZED,
                            headers={"WWW-Authenticate": "Token"})
        failures.clear_user()
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class LogoutView(APIView):
    """Revoke the caller's token (and end a browser session if there is one)."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]

    def post(self, request):
        Token.objects.filter(user=request.user).delete()
        if request.session.get("_auth_user_id"):
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)
