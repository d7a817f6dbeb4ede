"""manage.py process_queues [--loop]: drain every queue, the search index updates and the document mail; purge
old login attempts (cms/security/retention.py) once an hour."""
from __future__ import annotations

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.translation import gettext as _

from cms.security.retention import purge_login_attempts
from documents.distribution.sending import process_delivery_queue
from search.indexing import bootstrap_elasticsearch, bootstrap_embedded
from search.queue import process_search_queue

logger = logging.getLogger(__name__)

BOOTSTRAP_EVERY_SECONDS = 60
PURGE_EVERY_SECONDS = 3600


def bootstrap_indexes() -> None:
    """Build an index found empty or missing (first start, schema change, lost data)."""
    for bootstrap in (bootstrap_embedded, bootstrap_elasticsearch):
        try:
            bootstrap()
        except Exception:
            logger.exception("could not build a search index (%s)", bootstrap.__name__)


class Command(BaseCommand):
    help = _("Xử lý các hàng đợi: cập nhật chỉ mục tìm kiếm và gửi văn bản qua thư điện tử.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--loop", action="store_true", help=_("Chạy liên tục (dịch vụ nền)."))
        parser.add_argument("--interval", type=float, default=2.0, help=_("Số giây nghỉ khi không có việc."))

    def handle(self, *args, loop: bool, interval: float, **options) -> None:
        stop = False

        def request_stop(signum, frame) -> None:
            nonlocal stop
            stop = True

        if loop:
            signal.signal(signal.SIGTERM, request_stop)
            signal.signal(signal.SIGINT, request_stop)
        last_bootstrap = last_purge = -float("inf")
        while True:
            if loop:  # a long-running service must not keep a dead database connection
                close_old_connections()
            if time.monotonic() - last_bootstrap > BOOTSTRAP_EVERY_SECONDS:
                last_bootstrap = time.monotonic()
                bootstrap_indexes()
            if time.monotonic() - last_purge > PURGE_EVERY_SECONDS:
                last_purge = time.monotonic()
                self.purge(report=not loop)
            done = self.drain(report=not loop)
            if not loop or stop:
                return
            if not done:
                for _tick in range(max(1, int(interval * 10))):
                    if stop:
                        return
                    time.sleep(0.1)

    def purge(self, *, report: bool) -> None:
        try:
            deleted = purge_login_attempts()
        except Exception:
            logger.exception("purging old login attempts failed")
            return
        if report or deleted:
            self.stdout.write(_("Đã xóa %(n)s lần đăng nhập cũ.") % {"n": deleted})

    def drain(self, *, report: bool) -> int:
        """One pass over both queues; a failing queue is logged and does not stop the other."""
        indexed = 0
        mail = {"sent": 0, "failed": 0, "deferred": 0}
        try:
            indexed = process_search_queue()
        except Exception:
            logger.exception("search queue processing failed")
        try:
            mail = process_delivery_queue()
        except Exception:
            logger.exception("delivery queue processing failed")
        if report or indexed:
            self.stdout.write(_("Chỉ mục tìm kiếm: đã xử lý %(n)s yêu cầu cập nhật.") % {"n": indexed})
        if report or any(mail.values()):
            self.stdout.write(_("Đã gửi %(sent)s thư văn bản, lỗi %(failed)s, hoãn %(deferred)s.") % mail)
        done = indexed + sum(mail.values())
        if report:
            self.stdout.write(_("Đã xử lý %(n)s việc trong hàng đợi.") % {"n": done})
        return done
