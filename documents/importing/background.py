"""An import started by a request (the admin's "Tạo văn bản từ tệp", POST /api/imports/) runs in a thread of its
own, and the request waits IMPORT_WAIT_SECONDS for it: most files are read by then and answered at once; a long
one (many scanned pages read by OCR) is answered with a page or a status to come back to, so no request
outlives a proxy's or gunicorn's timeout. Each file is its own transaction: a job cut short by a restart keeps
what it finished, and sending the same file again imports only what is missing."""
from __future__ import annotations

import threading
from collections.abc import Callable

from django.conf import settings
from django.db import connections


def run_and_wait(job: Callable[[], None], *, name: str) -> bool:
    """Run ``job`` in a thread whose database connections are closed when it ends; True if it ended within
    IMPORT_WAIT_SECONDS. With IMPORT_IN_BACKGROUND off (tests, whose data the thread's own connection could
    not see) it runs here and now."""
    if not settings.IMPORT_IN_BACKGROUND:
        job()
        return True
    finished = threading.Event()

    def run() -> None:
        try:
            job()
        finally:
            finished.set()
            connections.close_all()  # this thread's own connections

    threading.Thread(target=run, name=name, daemon=True).start()
    return finished.wait(settings.IMPORT_WAIT_SECONDS)
