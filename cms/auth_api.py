"""API authentication: POST /api/auth/token/ (username, password, optional client → {"token"}),
POST /api/auth/logout/ (revokes the token it is called with), POST /api/auth/token/rotate/,
GET /api/auth/tokens/ and DELETE /api/auth/tokens/<id>/ (the user's own tokens, one per login and client).

Bad credentials answer 401 with one message whichever part was wrong. The login policy of every password form
applies (cms/security/login_policy.py); an attempt it refuses answers 429 with Retry-After, even with the right
password.
"""
from __future__ import annotations

from django.contrib.auth import authenticate, logout
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.security.login_policy import (  # noqa: F401  (re-exported: the messages were defined here before)
    bad_credentials_message,
    login_wait,
    too_many_attempts_message,
)
from cms.security.models import ApiToken
from cms.security.tokens import ApiTokenAuthentication, issue_token, rotate_token, token_json


class TokenView(APIView):
    """Exchange a username and password for a new token of this client."""

    authentication_classes: list = []  # credentials are in the body; no session, so no CSRF to check
    permission_classes: list = []

    def post(self, request):
        username = str(request.data.get("username", ""))
        password = str(request.data.get("password", ""))
        client = str(request.data.get("client", "") or request.headers.get("User-Agent", ""))
        user = authenticate(request._request, username=username, password=password) if username and password else None
        if wait := login_wait(request._request):
            return Response({"detail": too_many_attempts_message(wait)}, status=status.HTTP_429_TOO_MANY_REQUESTS,
                            headers={"Retry-After": str(wait)})
        if user is None or not user.is_active:
            return Response({"detail": bad_credentials_message()}, status=status.HTTP_401_UNAUTHORIZED,
                            headers={"WWW-Authenticate": "Token"})
        token, key = issue_token(user, client)
        return Response({"token": key, "expires_at": token.expires_at.isoformat()})


class LogoutView(APIView):
    """Revoke the token the call is made with (other clients keep theirs), and end a browser session if any."""

    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]

    def post(self, request):
        if isinstance(request.auth, ApiToken):
            request.auth.delete()
        if request.session.get("_auth_user_id"):
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RotateTokenView(APIView):
    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [IsAuthenticated]

    def post(self, request):
        token, key = rotate_token(request.auth)
        return Response({"token": key, "expires_at": token.expires_at.isoformat()})


class TokenListView(APIView):
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]

    def get(self, request):
        tokens = ApiToken.objects.filter(user=request.user)
        current = request.auth if isinstance(request.auth, ApiToken) else None
        return Response({"results": [token_json(t, current) for t in tokens]})


class TokenDetailView(APIView):
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]

    def delete(self, request, token_id: int):
        deleted, _rows = ApiToken.objects.filter(user=request.user, pk=token_id).delete()
        if not deleted:
            return Response({"detail": _("Không tìm thấy.")}, status=status.HTTP_404_NOT_FOUND)
        return Response(status=status.HTTP_204_NO_CONTENT)
