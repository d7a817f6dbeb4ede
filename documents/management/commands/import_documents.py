"""manage.py import_documents PATH... — import official documents from .txt/.docx files.

Each file is imported in its own transaction and reported on one line ("OK …" / "LỖI …"); the command
exits non-zero when any file failed. Directories are walked for .txt and .docx files.
"""
from __future__ import annotations

import traceback
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from documents.importing.builder import ImportFailure, find_issuer
from documents.importing.reader import SUPPORTED_SUFFIXES
from documents.importing.service import import_path
from documents.models import Visibility

SUFFIXES = SUPPORTED_SUFFIXES


def expand_paths(paths: list[str]) -> list[Path]:
    """Files as given, and the .txt/.docx files inside given directories (sorted)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        else:
            out.append(path)
    return out


class Command(BaseCommand):
    help = _("Nhập văn bản từ tệp .txt (UTF-8, TCVN3, VNI) hoặc .docx: tạo bản nháp, hoặc với --issue "
             "đăng ký văn bản đã ban hành theo số và ngày gốc.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help=_("tệp hoặc thư mục"))
        parser.add_argument(
            "--issue", action="store_true",
            help=_("đăng ký văn bản đã ban hành (lưu trữ) theo số và ngày gốc, công bố trang"),
        )
        parser.add_argument("--issuer", help=_("slug hoặc ký hiệu cơ quan ban hành, khi văn bản không rõ"))
        parser.add_argument(
            "--visibility", choices=[v.value for v in Visibility],
            help=_("phạm vi truy cập (mặc định: public với --issue, internal với bản nháp)"),
        )
        parser.add_argument("--user", help=_("tên đăng nhập của người thực hiện"))

    def handle(self, *args, **options) -> None:
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("Không có người dùng “%(name)s”.") % {"name": options["user"]})
        issuer = None
        if options["issuer"]:
            try:
                issuer = find_issuer(options["issuer"])
            except ImportFailure as exc:
                raise CommandError(str(exc)) from None

        paths = expand_paths(options["paths"])
        if not paths:
            raise CommandError(_("Không có tệp .txt hoặc .docx nào để nhập."))
        failed = 0
        for path in paths:
            try:
                result = import_path(
                    path, issue=options["issue"], issuer=issuer, visibility=options["visibility"], user=user,
                )
            except ImportFailure as exc:
                failed += 1
                self.stdout.write(self.style.ERROR(_("LỖI %(path)s: %(reason)s") % {"path": path, "reason": exc}))
                continue
            except Exception as exc:  # a bug must not stop the batch nor print a traceback by default
                failed += 1
                self.stdout.write(self.style.ERROR(
                    _("LỖI %(path)s: lỗi không mong đợi (%(error)s)") % {"path": path, "error": f"{type(exc).__name__}: {exc}"}
                ))
                if options["verbosity"] >= 2 or options.get("traceback"):
                    self.stderr.write(traceback.format_exc())
                continue
            state = _("đã ban hành") if result.page.is_issued else _("dự thảo")
            notes = "; ".join([state, *result.notes])
            self.stdout.write(self.style.SUCCESS(
                _("OK %(path)s: %(label)s (%(notes)s, trang #%(id)s)")
                % {"path": path, "label": result.label, "notes": notes, "id": result.page.pk}
            ))
        total = len(paths)
        if failed:
            raise CommandError(_("%(failed)s/%(total)s tệp không nhập được.") % {"failed": failed, "total": total})
        if options["verbosity"] >= 1 and total > 1:
            self.stdout.write(_("Đã nhập %(total)s tệp.") % {"total": total})
