"""Calling the write API (/api/, cms/rest/) in tests: token headers and JSON requests per user."""
from __future__ import annotations

from typing import Any

from django.test import Client

from cms.security.tokens import issue_token


class ApiCaller:
    """One user's calls with ``Authorization: Token …`` (anonymous when user is None)."""

    def __init__(self, user=None):
        self.client = Client()
        self.headers = {}
        if user is not None:
            _token, key = issue_token(user, "tests")
            self.headers = {"HTTP_AUTHORIZATION": f"Token {key}"}

    def get(self, path: str, **params: Any):
        return self.client.get(path, params, **self.headers)

    def post(self, path: str, data: Any = None):
        return self.client.post(path, data or {}, content_type="application/json", **self.headers)

    def patch(self, path: str, data: Any):
        return self.client.patch(path, data, content_type="application/json", **self.headers)

    def delete(self, path: str):
        return self.client.delete(path, **self.headers)

    def act(self, document_id: int, action: str, comment: str = "", **extra: Any):
        return self.post(f"/api/documents/{document_id}/transitions/", {"action": action, "comment": comment, **extra})


def assert_problem(response, status: int) -> dict:
    """The response is an RFC 9457 problem document with this status; returns its body."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"]
    return body
