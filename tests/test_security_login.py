"""One login policy (issue 14, items 1 and 2): every password form and the token endpoint, a shared store, per
username AND address, the client address only from trusted proxies, cool-off then a slower rate, an audit row."""
from __future__ import annotations

import datetime
import re
import threading

import pytest
from django.db import connection
from django.test import Client, override_settings

from cms.security import login_policy
from cms.security.models import AttemptOutcome, LoginAttempt
from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "matkhau-thu"
FORMS = {"site": "/dang-nhap/", "admin": "/admin/login/", "django-admin": "/django-admin/login/"}


class Clock:
    def __init__(self):
        self.now = datetime.datetime(2026, 3, 1, 8, 0, tzinfo=datetime.UTC)

    def __call__(self):
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += datetime.timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(login_policy, "now", clock)
    return clock


def _form_login(client: Client, url: str, username: str, password: str, ip: str = "10.0.0.1", **extra):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


def _token(client: Client, username: str, password: str, ip: str = "10.0.0.1", **extra):
    return client.post("/api/auth/token/", {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


@pytest.mark.parametrize("channel", list(FORMS))
def test_every_password_form_is_limited(client, clock, channel):
    user = factories.create_user("quantri", superuser=True)
    for _n in range(5):
        _form_login(client, FORMS[channel], "quantri", "sai")
    response = _form_login(client, FORMS[channel], "quantri", PASSWORD)
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert LoginAttempt.objects.filter(username="quantri", channel=channel, outcome=AttemptOutcome.FAILURE).count() == 5
    assert LoginAttempt.objects.filter(outcome=AttemptOutcome.THROTTLED).count() == 1  # the audit trail
    clock.advance(61)  # the cool-off passes
    response = _form_login(client, FORMS[channel], "quantri", PASSWORD)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_forms_and_token_share_the_counter(client, clock):
    factories.create_user("nguoidung")
    for _n in range(3):
        _form_login(client, "/admin/login/", "nguoidung", "sai")
    for _n in range(2):
        assert _token(client, "nguoidung", "sai").status_code == 401
    assert _token(client, "nguoidung", PASSWORD).status_code == 429


def test_cool_off_then_a_slower_rate(client, clock):
    factories.create_user("nguoidung")
    for _n in range(5):
        _token(client, "nguoidung", "sai")
    assert int(_token(client, "nguoidung", "sai")["Retry-After"]) == 60
    clock.advance(61)
    assert _token(client, "nguoidung", "sai").status_code == 401  # allowed again, and wrong again
    assert int(_token(client, "nguoidung", "sai")["Retry-After"]) == 120  # the cool-off doubles
    clock.advance(121)
    assert _token(client, "nguoidung", PASSWORD).status_code == 200
    assert _token(client, "nguoidung", "sai").status_code == 401  # a success starts the count again


def test_one_address_does_not_lock_out_the_office(client, clock):
    factories.create_user("nguoidung")
    for n in range(10):  # someone behind the office's single address mistypes other names
        assert _token(client, f"dongnghiep{n}", "sai").status_code == 401
    assert _token(client, "nguoidung", PASSWORD).status_code == 200


def test_nobody_can_keep_a_named_user_locked_out(client, clock):
    factories.create_user("nguoidung")
    for n in range(25):  # guesses from many addresses
        clock.advance(1)
        _token(client, "nguoidung", "sai", ip=f"10.1.0.{n}")
    slowed = _token(client, "nguoidung", PASSWORD, ip="10.2.0.1")
    assert slowed.status_code == 429 and int(slowed["Retry-After"]) <= 10  # slowed, not locked
    clock.advance(10)
    assert _token(client, "nguoidung", PASSWORD, ip="10.2.0.1").status_code == 200


def test_many_failures_from_one_address_slow_it_down(client, clock):
    factories.create_user("nguoidung")
    for n in range(50):
        clock.advance(1)
        _token(client, f"doan{n}", "sai")
    assert _token(client, "nguoidung", PASSWORD).status_code == 429
    assert _token(client, "nguoidung", PASSWORD, ip="10.3.0.1").status_code == 200


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_client_address_comes_from_a_trusted_proxy_only(client, clock):
    factories.create_user("nguoidung")
    for _n in range(5):  # through the proxy, from 203.0.113.5
        _token(client, "nguoidung", "sai", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert set(LoginAttempt.objects.values_list("address", flat=True)) == {"203.0.113.5"}
    assert _token(client, "nguoidung", PASSWORD, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    # another client behind the same proxy is not affected; a forged header from outside is not believed
    assert _token(client, "nguoidung", PASSWORD, ip="127.0.0.1",
                  HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.7").status_code == 200
    _token(client, "khac", "sai", ip="192.0.2.9", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert LoginAttempt.objects.filter(username="khac").get().address == "192.0.2.9"


@pytest.mark.django_db(transaction=True)
def test_concurrent_guesses_from_several_workers_are_counted_together():
    """Workers share the database table: 12 simultaneous wrong passwords let at most 5 be checked."""
    factories.create_user("nguoidung")
    statuses: list[int] = []

    def guess() -> None:
        try:
            statuses.append(_token(Client(), "nguoidung", "sai").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=guess) for _n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == 12
    assert statuses.count(401) <= 5 and statuses.count(429) >= 7


def test_wrong_password_message_is_vietnamese_everywhere(client, clock):
    factories.create_user("nguoidung")
    for url in FORMS.values():
        page = _form_login(client, url, "nguoidung", "sai", ip=f"10.4.0.{len(url)}").content.decode()
        assert re.search("Tên đăng nhập hoặc mật khẩu không đúng", page), url
