"""A rebuild's writes from a writer thread with a database connection of its own (PostgreSQL): the caller's thread
reads the documents and prepares the next batch (tokens, folding, tsvector literals) while the database inserts
the previous one. A rebuild's time, the sum of both when one connection did everything, becomes the larger of
the two when a core is free (on a machine already busy, little changes: the total work is the same).

Once the rows are in, the build's indexes are made side by side on connections of their own (``execute_in_threads``):
PostgreSQL builds a GIN index on one core, and nothing else runs then.

Only a rebuild outside any transaction writes this way: its generation is invisible to readers until the swap,
so committing each batch from another connection changes nothing they can see. Inside the caller's
transaction (tests, a caller's atomic block) the batches are written on the caller's connection, in order.
"""
from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable

from django.db import connections

from search.backends.background import consume_in_thread

QUEUED_BATCHES = 2  # batches prepared ahead of the database: memory stays bounded whatever the corpus size


def write_in_thread(using: str, batches: Iterable[list], write: Callable[[list], None],
                    progress: Callable[[int], None] | None = None) -> int:
    """Call ``write(batch)`` for each batch in a thread whose connection is closed at the end; returns how many
    items were written. The first error is raised in the caller's thread once the thread has stopped (the
    batches left are dropped, not written); an error of the caller's iterator stops the thread the same way."""
    # ``connections[using]`` is looked up in the writer thread: it is that thread's own connection.
    return consume_in_thread(batches, write, name="embedded-index-writer", queued=QUEUED_BATCHES, progress=progress,
                             cleanup=lambda: connections[using].close())


INDEX_BUILDERS = 2  # statements run side by side (one core each)


def execute_in_threads(using: str, statements: list[str], threads: int = INDEX_BUILDERS) -> None:
    """Run independent statements (index builds) on ``threads`` connections of their own, each in autocommit;
    the first error is raised once every thread has stopped."""
    pending: queue.Queue[str] = queue.Queue()
    for statement in statements:
        pending.put(statement)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            while not errors:
                try:
                    statement = pending.get_nowait()
                except queue.Empty:
                    return
                with connections[using].cursor() as cursor:
                    cursor.execute(statement)
        except BaseException as exc:  # re-raised in the caller's thread
            errors.append(exc)
        finally:
            connections[using].close()

    workers = [threading.Thread(target=run, name=f"embedded-index-build-{n}", daemon=True)
               for n in range(min(threads, len(statements)))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if errors:
        raise errors[0]
