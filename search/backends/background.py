"""Consuming batches in a thread of their own while the caller prepares the next (bulk writes to Elasticsearch,
an embedded rebuild's inserts): the two overlap when a core is free, and memory stays bounded."""
from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable
from typing import Any


def consume_in_thread(batches: Iterable[list], consume: Callable[[list], None], *, name: str, queued: int = 2,
                      progress: Callable[[int], None] | None = None,
                      cleanup: Callable[[], None] | None = None, threads: int = 1) -> int:
    """Call ``consume(batch)`` for each batch in a thread (at most ``queued`` batches waiting) and return how many
    items were consumed. The first error is raised in the caller's thread once the thread has stopped (the batches
    left are dropped); an error of the caller's iterator stops the thread the same way. ``cleanup`` runs last in
    the thread (its database connection); ``progress`` gets the running count. With ``threads`` above one, as
    many threads take batches as they come: their order is no longer kept."""
    pending: queue.Queue[list | None] = queue.Queue(maxsize=queued)
    state: dict[str, Any] = {"done": 0, "error": None}
    counting = threading.Lock()

    def worker() -> None:
        try:
            while (batch := pending.get()) is not None:
                if state["error"] is not None:
                    continue  # drain: the caller stops at its next batch
                try:
                    consume(batch)
                    with counting:
                        state["done"] += len(batch)
                except BaseException as exc:  # re-raised in the caller's thread
                    state["error"] = exc
        finally:
            if cleanup is not None:
                cleanup()

    workers = [threading.Thread(target=worker, name=name if threads == 1 else f"{name}-{n}", daemon=True)
               for n in range(threads)]
    for thread in workers:
        thread.start()
    try:
        for batch in batches:
            if state["error"] is not None:
                break
            pending.put(batch)
            if progress:
                progress(state["done"])
    finally:
        for _worker in workers:
            pending.put(None)  # one end mark each
        for thread in workers:
            thread.join()
    if state["error"] is not None:
        raise state["error"]
    if progress:
        progress(state["done"])
    return state["done"]
