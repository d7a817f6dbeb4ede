"""Reader-site login (/dang-nhap/) and logout: Vietnamese, CSRF protected, no user enumeration, throttled."""
from __future__ import annotations

import re

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db
LOGIN_URL = "/dang-nhap/"


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def _csrf(client) -> str:
    page = client.get(LOGIN_URL).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_login_page_is_in_vietnamese(client):
    page = client.get(LOGIN_URL).content.decode()
    assert "Đăng nhập" in page and "Mật khẩu" in page and "csrfmiddlewaretoken" in page


def test_login_without_the_csrf_token_is_refused(csrf_client):
    factories.create_user("nguoidung")
    response = csrf_client.post(LOGIN_URL, {"username": "nguoidung", "password": "matkhau-thu"})
    assert response.status_code == 403
    assert "_auth_user_id" not in csrf_client.session


def test_login_and_logout_with_the_csrf_token(csrf_client):
    user = factories.create_user("nguoidung")
    response = csrf_client.post(LOGIN_URL, {"username": "nguoidung", "password": "matkhau-thu",
                                            "csrfmiddlewaretoken": _csrf(csrf_client), "next": "/tim-kiem/"})
    assert response.status_code == 302 and response["Location"] == "/tim-kiem/"
    assert csrf_client.session["_auth_user_id"] == str(user.pk)
    token = csrf_client.cookies["csrftoken"].value
    assert csrf_client.post("/dang-xuat/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert "_auth_user_id" not in csrf_client.session


def test_login_never_redirects_off_site(client):
    factories.create_user("nguoidung")
    response = client.post(LOGIN_URL, {"username": "nguoidung", "password": "matkhau-thu",
                                       "next": "https://ke-gian.example/"})
    assert response["Location"] == "/"


def test_wrong_username_and_wrong_password_read_the_same(client):
    factories.create_user("nguoidung")
    wrong_password = client.post(LOGIN_URL, {"username": "nguoidung", "password": "sai"}, REMOTE_ADDR="10.0.0.1")
    unknown_user = client.post(LOGIN_URL, {"username": "khongco", "password": "sai"}, REMOTE_ADDR="10.0.0.2")
    message = "Tên đăng nhập hoặc mật khẩu không đúng."
    assert message in wrong_password.content.decode() and message in unknown_user.content.decode()
    strip = lambda r: re.sub(r'value="[^"]*"', "", r.content.decode())  # noqa: E731 (tokens and echoed names differ)
    assert strip(wrong_password).replace("nguoidung", "X") == strip(unknown_user).replace("khongco", "X")


def test_login_page_is_throttled_with_the_api(client):
    factories.create_user("nguoidung")
    for _attempt in range(3):
        client.post(LOGIN_URL, {"username": "nguoidung", "password": "sai"})
    for _attempt in range(2):  # the token API shares the counters
        client.post("/api/auth/token/", {"username": "nguoidung", "password": "sai"})
    response = client.post(LOGIN_URL, {"username": "nguoidung", "password": "matkhau-thu"})
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_admin_login_asks_for_the_username_in_a_plain_sentence(client):
    page = client.get("/admin/login/").content.decode()
    assert 'placeholder="Nhập tên đăng nhập"' in page and "Nhập Tên" not in page
    assert 'placeholder="Nhập mật khẩu"' in page
