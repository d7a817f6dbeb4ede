"""Load the demonstration of phường La Gi: issuers, site, users, documents (idempotent)."""
from __future__ import annotations

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms import demo
from cms.demo.users import user_lines


def site_url() -> str:
    base = os.environ.get("BASE_URL") or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
    return base.rstrip("/") + "/"


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa phường La Gi (chạy lại không tạo trùng)."

    def handle(self, *args, **options) -> None:
        password = settings.DEMO_PASSWORD
        if not password:
            raise CommandError(
                "Chưa đặt mật khẩu minh họa: hãy đặt biến môi trường DEMO_PASSWORD (ví dụ "
                "DEMO_PASSWORD=... python manage.py load_demo); `make run` đặt sẵn một giá trị mặc định."
            )
        url = site_url()
        self.stdout.write(f"Trang web: {url}   (quản trị: {url}admin/)")
        self.stdout.write(f"Tài khoản minh họa, mật khẩu: {password}")
        for line in user_lines():
            self.stdout.write(f"  {line}")
        demo.run(self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu minh họa."))
