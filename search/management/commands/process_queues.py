"""manage.py process_queues [--loop]: run every registered queue processor (search.queue.QUEUE_PROCESSORS)."""
from __future__ import annotations

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from search import ELASTICSEARCH, configured_backends, get_backend
from search.queue import run_queue_processors

logger = logging.getLogger(__name__)


def bootstrap_embedded() -> bool:
    """Fill the embedded index when it is empty but documents exist (first start, after a schema change)."""
    from search import EMBEDDED
    from search.documents import count_indexable, iter_index_documents

    backend = get_backend(EMBEDDED)
    if backend.count() or not count_indexable():
        return False
    logger.warning("embedded search index empty: building it")
    backend.rebuild(iter_index_documents())
    return True


def bootstrap_elasticsearch() -> bool:
    """Build the Elasticsearch index when the node answers but has none yet (first start, lost data)."""
    if ELASTICSEARCH not in configured_backends():
        return False
    from search.documents import iter_index_documents

    backend = get_backend(ELASTICSEARCH)
    try:
        backend.client.cluster.health()
    except Exception:
        return False  # down: the queue keeps everything until it answers
    if backend.is_ready():
        return False
    logger.warning("Elasticsearch index %s missing: building it", backend.alias)
    backend.rebuild(iter_index_documents())
    return True


class Command(BaseCommand):
    help = "Xử lý các hàng đợi (cập nhật chỉ mục tìm kiếm và các hàng đợi khác đã đăng ký)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Chạy liên tục (dịch vụ nền).")
        parser.add_argument("--interval", type=float, default=2.0, help="Số giây nghỉ khi không có việc.")

    def handle(self, *args, loop: bool, interval: float, **options):
        stop = False

        def request_stop(signum, frame):
            nonlocal stop
            stop = True

        if loop:
            signal.signal(signal.SIGTERM, request_stop)
            signal.signal(signal.SIGINT, request_stop)
        last_bootstrap = 0.0
        while True:
            if loop:  # a long-running service must not keep a dead database connection
                close_old_connections()
            if time.monotonic() - last_bootstrap > 60:
                last_bootstrap = time.monotonic()
                for bootstrap in (bootstrap_embedded, bootstrap_elasticsearch):
                    try:
                        bootstrap()
                    except Exception:
                        logger.exception("could not build a search index (%s)", bootstrap.__name__)
            done = run_queue_processors()
            if not loop:
                self.stdout.write(f"Đã xử lý {done} việc trong hàng đợi.")
                return
            if stop:
                return
            if not done:
                for _ in range(max(1, int(interval * 10))):
                    if stop:
                        return
                    time.sleep(0.1)
