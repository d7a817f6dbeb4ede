"""Running a batch in 1..N processes. Workers are forked (they inherit the loaded apps and settings) and each
opens its own database connections; outcomes come back to the parent in the order files finish.

SQLite allows one writer at a time: workers then take a shared lock around each file's write transaction
(reading and parsing, the costly part, still run side by side) instead of failing on "database is locked".
PostgreSQL needs no lock: numbering and registration are guarded by row locks and unique constraints there.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator

from django.db import connection, connections

from . import batch, wagtail_index

_options: batch.Options | None = None


def imap_outcomes(tasks: Iterable[tuple[str, bytes | None, str]], options: batch.Options,
                  jobs: int) -> Iterator[batch.Outcome]:
    if jobs <= 1:
        for task in tasks:
            yield batch.run_task(task, options)
        return
    ctx = multiprocessing.get_context("fork")
    lock = ctx.Lock() if connection.vendor == "sqlite" else None
    # No connection may cross the fork: a child closing an inherited PostgreSQL socket would end the
    # parent's session too.
    connections.close_all()
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(options, lock)) as pool:
        yield from pool.imap_unordered(_work, tasks, chunksize=1)
    connections.close_all()


def _init_worker(options: batch.Options, lock) -> None:
    from documents.signals import import_batch_started

    global _options
    connections.close_all()
    batch.reset_context()
    _options = options
    import_batch_started.send(sender=batch.Outcome)  # this process holds its index updates too
    wagtail_index.hold()  # the parent indexes the documents named by the outcomes
    if lock is not None:
        batch.write_guard = lambda: lock


def _work(task: tuple[str, bytes | None, str]) -> batch.Outcome:
    assert _options is not None
    return batch.run_task(task, _options)
