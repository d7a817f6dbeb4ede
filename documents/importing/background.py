"""An import started by a request (the admin's "Tạo văn bản từ tệp", POST /api/imports/) runs in a thread of its
own, and the request waits IMPORT_WAIT_SECONDS for it: most files are read by then and answered at once; a long
one (many scanned pages read by OCR) is answered with a page or a status to come back to, so no request
outlives a proxy's or gunicorn's timeout. The job, and then its end, are kept in the cache for a day. Each file
is its own transaction: a job cut short by a restart keeps what it finished, and sending the same file again
imports only what is missing."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils.translation import gettext as _

from .builder import ImportFailure

logger = logging.getLogger(__name__)
JOB_SECONDS = 24 * 3600

Job = dict[str, Any]  # JSON-able: "status" is "running", then "done" or "failed" (with "error")


def run_job(job: Job, key: str, work: Callable[[], Job], *, name: str) -> Job | None:
    """Keep ``job`` under ``key`` and run ``work`` in a thread whose database connections are closed when it ends;
    its end replaces the job there: "done" with the fields ``work`` returns, or "failed" with an ImportFailure's
    reason or an unexpected error (logged). Returns that end if it came within IMPORT_WAIT_SECONDS, else None.
    With IMPORT_IN_BACKGROUND off (tests, whose data a thread's own connection could not see) it runs here."""
    cache.set(key, job, JOB_SECONDS)
    ended = dict(job)
    finished = threading.Event()

    def finish() -> None:
        try:
            ended.update(work(), status="done")
        except ImportFailure as exc:
            ended.update(status="failed", error=str(exc))
        except Exception as exc:  # the job says it stopped; what was imported stays
            logger.exception("import %s stopped", key)
            ended.update(status="failed", error=_("lỗi không mong đợi (%(error)s)") % {
                "error": f"{type(exc).__name__}: {exc}"})
        cache.set(key, ended, JOB_SECONDS)

    if not settings.IMPORT_IN_BACKGROUND:
        finish()
        return ended

    def run() -> None:
        try:
            finish()
        finally:
            finished.set()
            connections.close_all()  # this thread's own connections

    threading.Thread(target=run, name=name, daemon=True).start()
    return ended if finished.wait(settings.IMPORT_WAIT_SECONDS) else None
