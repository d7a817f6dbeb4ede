"""Issue 10, getting in: the styled login page, password reset by mail, links between reader site and admin,
no outside avatar service, Vietnamese 404 and 500 pages, and BASE_URL following PORT."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.test import RequestFactory
from django.views.defaults import server_error

from tests import factories
from tests.untranslated import untranslated

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_login_page_is_styled_and_offers_a_password_reset(client):
    page = client.get("/dang-nhap/").content.decode()
    assert 'class="auth-card"' in page and "cms/site.css" in page
    assert 'href="/quen-mat-khau/"' in page and "Quên mật khẩu?" in page


def test_password_reset_by_mail_in_vietnamese(client):
    user = factories.create_user("quenmatkhau", email="quen@lagi.example", first_name="Lan")
    response = client.post("/quen-mat-khau/", {"email": "quen@lagi.example"}, HTTP_HOST="vanban.lagi.example:8131")
    assert response.status_code == 302 and response["Location"] == "/quen-mat-khau/da-gui/"
    assert "Hãy kiểm tra hộp thư" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["quen@lagi.example"]
    assert message.subject.startswith("Đặt lại mật khẩu tài khoản quenmatkhau")
    assert "Chào Lan," in message.body and "Tên đăng nhập của bạn: quenmatkhau" in message.body
    link = re.search(r"http://vanban\.lagi\.example:8131(/dat-lai-mat-khau/\S+/)", message.body).group(1)

    form_url = client.get(link)["Location"]  # Django hides the token behind a redirect
    page = client.get(form_url).content.decode()
    assert "Đặt mật khẩu mới" in page and not untranslated(page)
    response = client.post(form_url, {"new_password1": "mat-khau-moi-2026", "new_password2": "mat-khau-moi-2026"})
    assert response["Location"] == "/dat-lai-mat-khau/xong/"
    user.refresh_from_db()
    assert user.check_password("mat-khau-moi-2026")
    assert "Đã đặt mật khẩu mới" in client.get("/dat-lai-mat-khau/xong/").content.decode()
    used = client.get(link, follow=True).content.decode()
    assert "không còn dùng được" in used


def test_password_reset_says_the_same_for_an_unknown_address(client):
    response = client.post("/quen-mat-khau/", {"email": "khongco@lagi.example"})
    assert response.status_code == 302 and response["Location"] == "/quen-mat-khau/da-gui/"
    assert mail.outbox == []


def test_reader_site_links_to_the_admin_only_for_users_with_admin_access(client, la_gi):
    from django.contrib.auth.models import Permission

    drafter = factories.create_user("soanthao")  # every admin role carries this permission (cms roles)
    drafter.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    reader = factories.create_user("docgia")
    client.force_login(reader)
    assert 'href="/admin/"' not in client.get("/tim-kiem/").content.decode()
    client.force_login(drafter)
    assert 'href="/admin/">Trang quản trị</a>' in client.get("/tim-kiem/").content.decode()
    admin = client.get("/admin/").content.decode()
    assert json.dumps("Trang đọc văn bản")[1:-1] in admin  # and back from the admin (sidebar props are JSON)


def test_no_outside_avatar_service(client, settings):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    client.force_login(factories.create_user("quantri", superuser=True))
    for url in ("/admin/", "/admin/account/"):
        assert "gravatar" not in client.get(url).content.decode()


def test_not_found_page_is_vietnamese(client, la_gi):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page and 'lang="vi"' in page and "cms/site.css" in page


def test_server_error_page_is_vietnamese():
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500 and "Hệ thống đang gặp lỗi" in page and 'lang="vi"' in page


@pytest.mark.parametrize(("env", "expected"), [
    ({"PORT": "8131"}, "http://127.0.0.1:8131"),
    ({"PORT": "8131", "BASE_URL": "https://vanban.lagi.example"}, "https://vanban.lagi.example"),
    ({}, "http://127.0.0.1:8000"),
])
def test_base_url_follows_the_port_served(env, expected):
    clean = {k: v for k, v in os.environ.items() if k not in {"PORT", "BASE_URL"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="settings.dev")
    code = ("import django; from django.conf import settings; django.setup(); "
            "print(settings.WAGTAILADMIN_BASE_URL, settings.WAGTAILAPI_BASE_URL)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [expected, expected]


def test_make_run_exports_the_port():
    makefile = (ROOT / "Makefile").read_text()
    assert "run: export PORT := $(PORT)" in makefile
