"""manage.py purge_login_attempts [--days N]: delete login attempts older than the retention (cms/security)."""
from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cms.security.retention import purge_login_attempts


class Command(BaseCommand):
    help = _("Xóa nhật ký đăng nhập cũ hơn thời hạn lưu (LOGIN_ATTEMPT_RETENTION_DAYS).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=None,
                            help=_("Số ngày giữ lại (mặc định: LOGIN_ATTEMPT_RETENTION_DAYS)."))

    def handle(self, *args, days: int | None, **options) -> None:
        deleted = purge_login_attempts(days=days)
        self.stdout.write(_("Đã xóa %(n)s lần đăng nhập cũ.") % {"n": deleted})
