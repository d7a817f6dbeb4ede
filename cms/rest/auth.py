"""Who is calling: the ONE function that authenticates API calls.

The per-client API token (cms/security/tokens.py (``Authorization: Token <key>``) first, so a bad token answers 401 whatever
the session; else the session, with Django's CSRF check on unsafe methods (DRF's SessionAuthentication).
"""
from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import APIKeyHeader
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request

from cms.security.tokens import ApiTokenAuthentication

from .problems import ApiProblem


def user_from_request(request: HttpRequest):
    """The authenticated user, or None for an anonymous caller. Raises ApiProblem 401 for a bad token and
    403 for a session call without a valid CSRF token."""
    drf_request = Request(request)
    try:
        found = ApiTokenAuthentication().authenticate(drf_request)
        if found is None:
            found = SessionAuthentication().authenticate(drf_request)
    except exceptions.AuthenticationFailed as error:  # its detail says why: unknown, revoked or expired
        raise ApiProblem(401, str(error.detail) or _("Mã xác thực (token) không hợp lệ hoặc đã bị thu hồi."),
                         headers={"WWW-Authenticate": "Token"}) from None
    except exceptions.PermissionDenied:
        raise ApiProblem(403, _("Thiếu hoặc sai mã CSRF: gửi kèm tiêu đề X-CSRFToken khi dùng phiên đăng nhập.")) from None
    if found is None:
        return None
    user = found[0]
    request.user = user  # serializers and permission checks read request.user
    return user


class TokenOrSession(APIKeyHeader):
    """Required authentication: a token in ``Authorization: Token <key>`` or a logged-in session."""

    param_name = "Authorization"

    def __call__(self, request: HttpRequest):
        return user_from_request(request)

    def authenticate(self, request: HttpRequest, key):  # pragma: no cover - __call__ does the work
        return user_from_request(request)


class OptionalAuth(TokenOrSession):
    """Authentication that lets anonymous readers through (they see public documents only)."""

    def __call__(self, request: HttpRequest):
        user = user_from_request(request)
        if user is None:
            request.user = AnonymousUser()
            return request.user
        return user


def unauthenticated_problem() -> ApiProblem:
    return ApiProblem(401, _("Cần đăng nhập: gửi “Authorization: Token <mã>” hoặc dùng phiên đăng nhập."),
                      headers={"WWW-Authenticate": "Token"})
