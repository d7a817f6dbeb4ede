"""API tokens per client (issue 14, item 9): one per login, expiry, rotation, revocation of one token on logout,
of all on password change and deactivation, listed and revocable by their user."""
from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from cms.security.models import ApiToken
from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "matkhau-thu"


def _login(client: Client, name: str = "dien-thoai") -> str:
    response = client.post("/api/auth/token/", {"username": "nguoidung", "password": PASSWORD, "client": name})
    assert response.status_code == 200
    return response.json()["token"]


def _auth(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


@pytest.fixture
def user():
    return factories.create_user("nguoidung")


def test_each_login_gets_its_own_token_and_logout_revokes_only_that_one(client, user):
    phone, laptop = _login(client, "dien-thoai"), _login(client, "may-tinh")
    assert phone != laptop
    assert not ApiToken.objects.filter(key_hash__in=[phone, laptop]).exists()  # only digests are stored
    assert client.get("/api/inbox/", **_auth(phone)).status_code == 200
    assert client.post("/api/auth/logout/", **_auth(phone)).status_code == 204
    assert client.get("/api/inbox/", **_auth(phone)).status_code == 401
    assert client.get("/api/inbox/", **_auth(laptop)).status_code == 200


def test_tokens_expire(client, user):
    key = _login(client)
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/api/inbox/", **_auth(key))
    assert response.status_code == 401 and "hết hạn" in response.json()["detail"]


def test_rotation_replaces_the_key(client, user):
    old = _login(client)
    new = client.post("/api/auth/token/rotate/", **_auth(old)).json()["token"]
    assert client.get("/api/inbox/", **_auth(old)).status_code == 401
    assert client.get("/api/inbox/", **_auth(new)).status_code == 200
    assert ApiToken.objects.get().name == "dien-thoai"


@pytest.mark.parametrize("change", ["password", "deactivate"])
def test_password_change_and_deactivation_revoke_every_token(client, user, change):
    keys = [_login(client, "a"), _login(client, "b")]
    if change == "password":
        user.set_password("mat-khau-moi-2026")
    else:
        user.is_active = False
    user.save()
    assert not ApiToken.objects.filter(user=user).exists()
    assert all(client.get("/api/inbox/", **_auth(k)).status_code == 401 for k in keys)


def test_user_lists_and_revokes_own_tokens(client, user):
    phone, laptop = _login(client, "dien-thoai"), _login(client, "may-tinh")
    listed = client.get("/api/auth/tokens/", **_auth(phone)).json()["results"]
    assert {t["name"] for t in listed} == {"dien-thoai", "may-tinh"}
    assert [t["current"] for t in listed if t["name"] == "dien-thoai"] == [True]
    assert all(phone not in str(t) and laptop not in str(t) for t in listed)  # keys are never shown again
    laptop_id = next(t["id"] for t in listed if t["name"] == "may-tinh")
    other = factories.create_user("nguoikhac")
    other_client = Client()
    other_client.force_login(other)
    assert other_client.delete(f"/api/auth/tokens/{laptop_id}/").status_code == 404  # not theirs
    assert client.delete(f"/api/auth/tokens/{laptop_id}/", **_auth(phone)).status_code == 204
    assert client.get("/api/inbox/", **_auth(laptop)).status_code == 401
