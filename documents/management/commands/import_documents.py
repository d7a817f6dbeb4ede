"""manage.py import_documents PATH... — import official documents from files, folders and .zip archives.

Each file is imported in its own transaction with a record of its SHA-256, so running the command again over
the same files imports only what is not in yet ("ĐÃ CÓ"), and a run that was killed resumes where it stopped.
One line per file ("OK …" / "ĐÃ CÓ …" / "LỖI …") unless --quiet; a progress line on stderr when it is a
terminal or with --progress; --report writes the per-file CSV; --jobs N imports in N processes. The command
exits non-zero when any file failed.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from documents.importing.batch import EXISTING, FAILED, Options, Outcome, run_batch
from documents.importing.builder import ImportFailure, find_issuer
from documents.importing.report import Tally, write_report
from documents.importing.sources import WALKABLE_SUFFIXES, list_sources
from documents.models import Visibility

PROGRESS_EVERY_SECONDS = 0.5


class Command(BaseCommand):
    help = _("Nhập văn bản từ tệp .txt (UTF-8, TCVN3, VNI) hoặc .docx, thư mục hoặc tệp .zip: tạo bản nháp, "
             "hoặc với --issue đăng ký văn bản đã ban hành theo số và ngày gốc. Tệp đã nhập không nhập lại.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help=_("tệp, thư mục hoặc tệp .zip"))
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
        parser.add_argument("--jobs", type=int, default=1, metavar="N", help=_("số tiến trình nhập song song"))
        parser.add_argument("--report", metavar="CSV", help=_("ghi báo cáo từng tệp ra tệp CSV (UTF-8)"))
        parser.add_argument("--progress", action="store_true",
                            help=_("hiện tiến độ trên stderr (mặc định khi stderr là màn hình)"))
        parser.add_argument("--quiet", action="store_true", help=_("không in từng tệp"))

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
        if options["jobs"] < 1:
            raise CommandError(_("--jobs phải là số nguyên dương."))
        report = Path(options["report"]) if options["report"] else None
        if report is not None and not report.parent.is_dir():
            raise CommandError(_("Không có thư mục để ghi báo cáo: %(path)s") % {"path": report.parent})

        sources, skipped = list_sources(options["paths"])
        if not sources:
            raise CommandError(_("Không có tệp %(suffixes)s nào để nhập.")
                               % {"suffixes": ", ".join(WALKABLE_SUFFIXES)})
        tally = Tally(total=len(sources))
        show = options["progress"] or _isatty(self.stderr)
        started = last = time.monotonic()

        def on_outcome(outcome: Outcome) -> None:
            nonlocal last
            tally.add(outcome)
            if not options["quiet"]:
                self._line(outcome)
            now = time.monotonic()
            if show and (now - last >= PROGRESS_EVERY_SECONDS or tally.done == tally.total):
                last = now
                self.stderr.write(tally.line(now - started), ending="\n")

        outcomes = run_batch(
            sources,
            Options(issue=options["issue"], issuer_id=issuer.pk if issuer else None,
                    visibility=options["visibility"], user_id=user.pk if user else None),
            jobs=options["jobs"], on_outcome=on_outcome,
        )
        if report is not None:
            order = {source.name: i for i, source in enumerate(sources)}
            with report.open("w", encoding="utf-8-sig", newline="") as stream:
                write_report(stream, sorted(outcomes, key=lambda o: order.get(o.file, 0)))
        if skipped and options["verbosity"] >= 1:
            self.stdout.write(_("Bỏ qua %(n)d tệp không phải %(suffixes)s.")
                              % {"n": skipped, "suffixes": ", ".join(WALKABLE_SUFFIXES)})
        if tally.failed:
            raise CommandError(_("%(failed)s/%(total)s tệp không nhập được.")
                               % {"failed": tally.failed, "total": tally.total})
        if options["verbosity"] >= 1 and tally.total > 1:
            if tally.existing:
                self.stdout.write(_("Đã nhập %(imported)s tệp, %(existing)s tệp đã có từ trước.")
                                  % {"imported": tally.imported, "existing": tally.existing})
            else:
                self.stdout.write(_("Đã nhập %(total)s tệp.") % {"total": tally.total})

    def _line(self, outcome: Outcome) -> None:
        if outcome.result == FAILED:
            self.stdout.write(self.style.ERROR(_("LỖI %(path)s: %(reason)s")
                                               % {"path": outcome.file, "reason": outcome.reason}))
        elif outcome.result == EXISTING:
            self.stdout.write(self.style.WARNING(
                _("ĐÃ CÓ %(path)s: %(label)s (%(reason)s, trang #%(id)s)")
                % {"path": outcome.file, "label": " ".join(p for p in (outcome.notation, outcome.kind, outcome.label) if p),
                   "reason": outcome.reason, "id": outcome.page_id}))
        else:
            state = _("đã ban hành") if outcome.issued else _("dự thảo")
            notes = "; ".join([state, *outcome.notes])
            self.stdout.write(self.style.SUCCESS(
                _("OK %(path)s: %(label)s (%(notes)s, trang #%(id)s)")
                % {"path": outcome.file, "label": outcome.label, "notes": notes, "id": outcome.page_id}))


def _isatty(stream) -> bool:
    target = getattr(stream, "_out", stream)
    return bool(getattr(target, "isatty", lambda: False)()) and target is sys.stderr
