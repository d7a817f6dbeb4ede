"""A member (no admin access) who signs in at /admin/login/ lands on the site (cms/accounts.AdminLoginView): the
page asked for, or the inbox; not "no permission" over a fresh login form. Office staff still reach the admin."""
from __future__ import annotations

import pytest

from tests.permission_setup import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _login(client, username: str, next_url: str = ""):
    url = "/admin/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": username, "password": "matkhau-thu", "next": next_url})


def test_a_member_lands_in_the_inbox(client, world):
    response = _login(client, "thanhvien")
    assert response.status_code == 302 and response["Location"] == "/hop-thu/"
    page = client.get("/hop-thu/").content.decode()
    assert "đây là hộp thư của bạn" in page and "không có quyền" not in page
    again = client.get("/admin/login/")  # signed in already: straight to the site, no login form
    assert again.status_code == 302 and again["Location"] == "/hop-thu/"


def test_a_member_goes_where_the_link_pointed_unless_it_is_the_admin(client, world):
    assert _login(client, "thanhvien", "/tim-kiem/?q=quy")["Location"] == "/tim-kiem/?q=quy"
    client.logout()
    assert _login(client, "thanhvien", "/admin/pages/")["Location"] == "/hop-thu/"


def test_office_staff_still_reach_the_admin(client, world):
    assert _login(client, "vanthu")["Location"] == "/admin/"
    client.logout()
    assert _login(client, "soanthao", "/admin/pages/")["Location"] == "/admin/pages/"
