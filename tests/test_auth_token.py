"""API authentication: token for username/password, same 401 for every wrong part, throttling, logout revokes.

The throttling rules themselves (per username and address, slowed not locked) are in test_security_login.py."""
from __future__ import annotations

import pytest

from cms.security.models import ApiToken
from tests import factories
from tests.permission_setup import build_world, make_document

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/auth/token/"


def _token(client, username, password, ip="10.0.0.1"):
    return client.post(TOKEN_URL, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_token_reads_what_the_user_may_read_and_logout_revokes_it(client):
    world = build_world()
    page = make_document(world, "restricted", "issued")
    response = _token(client, "duoc_cap_quyen", "matkhau-thu")
    assert response.status_code == 200
    token = response.json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{page.pk}/", **auth).status_code == 200
    assert page.pk in {item["id"] for item in client.get("/api/v2/pages/?limit=20", **auth).json()["items"]}
    file_id = page.attachments.first().document_id
    assert file_id in {item["id"] for item in client.get("/api/v2/documents/", **auth).json()["items"]}

    assert client.post("/api/auth/logout/", **auth).status_code == 204
    assert not ApiToken.objects.filter(user__username="duoc_cap_quyen").exists()
    assert client.get(f"/api/v2/pages/{page.pk}/", **auth).status_code == 401


def test_wrong_username_and_wrong_password_answer_the_same(client):
    factories.create_user("nguoidung")
    inactive = factories.create_user("nghiviec")
    inactive.is_active = False
    inactive.save()
    answers = [
        _token(client, "nguoidung", "sai-mat-khau", ip="10.0.0.2"),
        _token(client, "khongtontai", "matkhau-thu", ip="10.0.0.3"),
        _token(client, "nghiviec", "matkhau-thu", ip="10.0.0.4"),
        _token(client, "", "", ip="10.0.0.5"),
    ]
    assert {a.status_code for a in answers} == {401}
    assert len({a.content for a in answers}) == 1
    assert answers[0].json()["detail"] == "Tên đăng nhập hoặc mật khẩu không đúng."


def test_repeated_failures_are_throttled_for_that_username_from_that_address(client):
    factories.create_user("nguoidung")
    for _n in range(5):
        assert _token(client, "nguoidung", "sai").status_code == 401
    blocked = _token(client, "NguoiDung", "matkhau-thu")  # even the right password waits
    assert blocked.status_code == 429 and int(blocked["Retry-After"]) > 0
    assert "Đăng nhập sai quá nhiều lần" in blocked.json()["detail"]
    assert _token(client, "nguoidung", "matkhau-thu", ip="10.9.9.9").status_code == 200  # not the whole office


def test_a_bearer_token_is_refused_with_the_scheme_this_api_takes(client):
    """A client written for "Bearer" tokens was answered as anonymous (public documents only) on every channel."""
    world = build_world()
    make_document(world, "restricted", "issued")
    token = _token(client, "duoc_cap_quyen", "matkhau-thu").json()["token"]
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for url in ("/api/search/?q=a", "/api/v2/pages/", "/api/recipients/"):
        response = client.get(url, **bearer)
        assert response.status_code == 401, url
        assert "Token <mã>" in response.content.decode(), url
    assert client.get("/api/v2/pages/", HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz").status_code == 200  # a proxy's
