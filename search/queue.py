"""Durable index queue: every change to what a document shows, or who may read it, is a row here.

``enqueue_document`` writes the row inside the caller's transaction (nothing is lost if the process dies)
and asks for it to be processed right after commit. ``process_queue`` applies due rows to the embedded
index always (it is the fallback) and to Elasticsearch when configured; a backend that fails keeps the row
with back-off and its error, so issuing never fails because a search server is down. Rows also drain on
the next search answered by Elasticsearch and in ``manage.py process_queues --loop``.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from documents.indexed import IndexedDocument, child_texts, indexed_document, is_indexable
from documents.permissions import documents_principals
from search import ELASTICSEARCH, configured_backends, elasticsearch_backend, get_backend
from search.backends.base import BackendUnavailable
from search.indexing import load_pages
from search.models import IndexQueueItem

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 300
UNAVAILABLE = "[unavailable] "  # prefix of last_error when the backend could not be reached


@dataclass
class QueueStats:
    processed: int = 0
    failed: int = 0

    def __iadd__(self, other: QueueStats) -> QueueStats:
        self.processed += other.processed
        self.failed += other.failed
        return self


_bulk = threading.local()  # depth of batch imports in this thread: rows are written, applied at the end


def hold_processing() -> None:
    """From now on this thread only writes queue rows; ``release_processing`` applies them in bulk."""
    _bulk.depth = getattr(_bulk, "depth", 0) + 1


def release_processing(apply: bool = True) -> int:
    """End of a batch: apply everything queued meanwhile, in bulk (one load and one backend call per 500 rows)."""
    _bulk.depth = max(0, getattr(_bulk, "depth", 0) - 1)
    if _bulk.depth or not apply:
        return 0
    try:
        return process_search_queue()
    except Exception:  # the rows stay queued; process_queues or the next search drains them
        logger.exception("search queue processing after a batch import failed")
        return 0


def _held() -> bool:
    return getattr(_bulk, "depth", 0) > 0


def enqueue_document(page_id: int, action: str = "index") -> None:
    """Schedule (re)indexing or removal of one document; processed after the current transaction commits.

    One change often sends several signals (published, issued, readers changed) in one transaction: a row
    this transaction already wrote for the page, with the same action, is enough, since it is applied after
    commit to the page as it is then.
    """
    if action not in IndexQueueItem.Action.values:
        raise ValueError(f"unknown index action {action!r}")
    backends = ",".join(configured_backends())
    connection = transaction.get_connection()
    open_rows = _open_rows(connection)
    earlier = open_rows.get(page_id)
    if earlier is not None and earlier.is_pending(connection) and IndexQueueItem.objects.filter(
            pk=earlier.row_id, page_id=page_id, action=action, backends=backends, attempts=0).exists():
        # Asked for again: whoever runs only the callbacks registered from here on (a test capturing them)
        # still gets the row applied; a pass that finds nothing due costs one query.
        if not _held():
            transaction.on_commit(_process_after_commit, robust=True)
        return
    item = IndexQueueItem.objects.create(page_id=page_id, action=action, backends=backends)
    # In a batch import the row is only written; the batch applies them all at its end.
    callback = _AfterCommit(item.pk, apply=not _held())
    if connection.in_atomic_block:
        open_rows[page_id] = callback
    transaction.on_commit(callback, robust=True)


class _AfterCommit:
    """The on_commit callback of one queue row. While Django holds it un-run, the row belongs to the open
    transaction: no worker can see it yet, so a later signal of the same transaction may rely on it. Django
    drops it with a rolled-back transaction or savepoint (whose row is gone, its id free for others);
    a committed row may already be in a worker's hands, reading the page as it was before."""

    __slots__ = ("row_id", "ran", "apply")

    def __init__(self, row_id: int, apply: bool = True) -> None:
        self.row_id = row_id
        self.ran = False
        self.apply = apply

    def is_pending(self, connection) -> bool:
        return not self.ran and any(callback is self for _sids, callback, _robust in connection.run_on_commit)

    def __call__(self) -> None:
        self.ran = True
        if self.apply:
            _process_after_commit()


def _open_rows(connection) -> dict[int, _AfterCommit]:
    """Rows (by page) written in this connection's open transaction; forgotten outside any transaction."""
    rows = connection.__dict__.setdefault("_vanban_index_rows", {})
    if not connection.in_atomic_block or len(rows) > 1000:
        rows.clear()
    return rows


def _process_after_commit() -> None:
    try:
        process_queue(limit=100)
    except Exception:  # never let indexing break the request that changed the document
        logger.exception("search queue processing failed; the queue keeps the items")


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(MAX_BACKOFF_SECONDS, 5 * 2 ** max(0, attempts - 1)))


def _readers(pages: list) -> dict[int, list[str]]:
    """The principals of the pages to index, found for all of them at once (a batch import's 500 rows); if that
    fails, each page finds its own and only the failing one stays queued."""
    if not pages:
        return {}
    try:
        with transaction.atomic():  # a failed query must not break the caller's transaction
            return documents_principals(pages)
    except Exception:
        logger.exception("could not find the readers of %s pages at once", len(pages))
        return {}


def process_queue(limit: int = 500, *, wake_unavailable: bool = False) -> QueueStats:
    """Apply due queue rows (oldest first). ``wake_unavailable``: also retry, now, rows that failed only
    because a backend was unreachable (used when that backend has just answered again)."""
    now = timezone.now()
    due = Q(next_attempt_at__lte=now)
    if wake_unavailable:
        due |= Q(last_error__startswith=UNAVAILABLE)
    items = list(IndexQueueItem.objects.filter(due).order_by("pk")[:limit])
    if not items:
        return QueueStats()

    # The latest row of a page decides; indexing reads the page as it is now.
    by_page: dict[int, list] = {}
    for item in items:
        by_page.setdefault(item.page_id, []).append(item)
    enabled = set(configured_backends())
    docs: dict[int, IndexedDocument] = {}
    deletions: set[int] = set()
    pages = load_pages(by_page, for_index=True)
    indexable = [p for p in pages.values() if is_indexable(p)]
    readers = _readers(indexable)
    children = child_texts(p.pk for p in indexable)
    indexable_ids = {p.pk for p in indexable}  # a page gone, or no longer indexable, is deleted from the index
    for page_id, page_items in by_page.items():
        if page_items[-1].action == IndexQueueItem.Action.DELETE or page_id not in indexable_ids:
            deletions.add(page_id)
        else:
            try:
                docs[page_id] = indexed_document(pages[page_id], readers.get(page_id), children)
            except Exception:  # stays queued with its error; other pages go on
                logger.exception("could not build the index document of page %s", page_id)
    # Which backends each page still needs.
    wanted: dict[str, set[int]] = {}
    for page_id, page_items in by_page.items():
        for item in page_items:
            for name in item.backend_list:
                if name in enabled:
                    wanted.setdefault(name, set()).add(page_id)

    failures: dict[str, tuple[str, set[int]]] = {}
    for name, page_ids in wanted.items():
        to_index = [docs[p] for p in page_ids if p in docs]
        to_delete = [p for p in page_ids if p in deletions]
        unbuilt = {p for p in page_ids if p not in docs and p not in deletions}
        if unbuilt:
            failures[name] = ("could not build the index document", unbuilt)
        try:
            backend = get_backend(name)
            if to_index:
                backend.index(to_index)
            if to_delete:
                backend.delete(to_delete)
        except BackendUnavailable as exc:
            failures[name] = (UNAVAILABLE + str(exc), set(page_ids))
        except Exception as exc:
            logger.exception("search backend %s failed on the queue", name)
            failures[name] = (f"{type(exc).__name__}: {exc}", set(page_ids))

    stats = QueueStats()
    finished = []
    for page_id, page_items in by_page.items():
        still = [n for n in dict.fromkeys(n for it in page_items for n in it.backend_list)
                 if n in failures and page_id in failures[n][1]]
        if not still:
            finished += [it.pk for it in page_items]
            stats.processed += len(page_items)
            continue
        stats.failed += len(page_items)
        error = "; ".join(failures[n][0] for n in still)[:2000]
        for item in page_items:
            attempts = item.attempts + 1
            IndexQueueItem.objects.filter(pk=item.pk).update(
                backends=",".join(still), attempts=attempts, last_error=error,
                next_attempt_at=timezone.now() + backoff(attempts),
            )
    IndexQueueItem.objects.filter(pk__in=finished).delete()
    return stats


def drain_after_answer() -> int:
    """Elasticsearch just answered a search: catch up on rows it missed while it was down.

    Returns how many rows were applied (the caller asks again so the answer includes them)."""
    try:
        if IndexQueueItem.objects.filter(backends__contains="elasticsearch").exists():
            return process_queue(limit=200, wake_unavailable=True).processed
    except Exception:
        logger.exception("search queue drain failed")
    return 0


def _backend_is_back() -> bool:
    """Rows wait for Elasticsearch and it answers again: retry them now rather than after their back-off."""
    if ELASTICSEARCH not in configured_backends():
        return False
    if not IndexQueueItem.objects.filter(last_error__startswith=UNAVAILABLE).exists():
        return False
    try:
        return elasticsearch_backend().is_ready()
    except Exception:
        return False


def process_search_queue() -> int:
    """Apply everything due, in batches (``manage.py process_queues``); returns how many rows were applied."""
    total = 0
    wake = _backend_is_back()
    while True:
        stats = process_queue(wake_unavailable=wake)
        total += stats.processed
        if stats.processed == 0 or stats.failed:
            return total
