"""Wagtail's own search index (wagtailsearch IndexEntry: the admin's page search, the page choosers, the API's
``?search=``) during a batch import.

modelsearch rewrites a page's entry on every save of it, some five queries each time, and an import saves each
document twice. A thread that holds the index (``hold``) only notes which documents it saved; the batch then
indexes them once, in bulk (``index_pages``). Other threads, and saves outside a batch, are indexed as before.
The database stays the source of truth: ``manage.py update_index`` rebuilds this index from it, and a batch run
again over the same files indexes the documents it finds already in ("đã có").
"""
from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from modelsearch.backends import get_search_backends_with_name
from modelsearch.index import Indexed, class_is_indexed, get_indexed_models
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.documents import get_document_model
from wagtail.models import Page

from documents.models import DocumentAttachment, DocumentPage

CHUNK = 500  # pages loaded and sent to the backend at a time

_local = threading.local()
_install_lock = threading.Lock()
_installed = False


def _saved(sender, instance, raw: bool = False, **kwargs) -> None:
    held = getattr(_local, "held", None)
    if held is None or raw:
        post_save_signal_handler(instance, raw=raw, **kwargs)
    elif isinstance(instance, DocumentPage):
        held.add(instance.pk)
    # else a file (the original) attached to a document being imported: indexed with its page (index_pages)


def _install() -> None:
    """Put ``_saved`` in place of modelsearch's receiver for the document kinds and for Wagtail's documents (the
    kept originals), once per process."""
    global _installed
    with _install_lock:
        if _installed:
            return
        files = get_document_model()
        for model in get_indexed_models():
            if (issubclass(model, DocumentPage) or model is files) and post_save.disconnect(post_save_signal_handler,
                                                                                             sender=model):
                post_save.connect(_saved, sender=model, dispatch_uid=f"vanban-import-index-{model._meta.label_lower}")
        _installed = True


def hold() -> None:
    """From now on, this thread's document saves are noted instead of indexed one by one."""
    _install()
    _local.held = set()


def release() -> set[int]:
    """Stop holding; the ids of the documents saved meanwhile (some may have been rolled back since)."""
    held = getattr(_local, "held", None) or set()
    _local.held = None
    return held


def holding() -> bool:
    return getattr(_local, "held", None) is not None


def index_pages(ids: Iterable[int]) -> int:
    """Index these pages, and the files attached to them, in Wagtail's backends, grouped by kind, ``CHUNK`` at a
    time; ids of pages that no longer exist are skipped. Returns how many pages were indexed."""
    by_type: dict[int, list[int]] = defaultdict(list)
    wanted = sorted({pk for pk in ids if pk})
    for start in range(0, len(wanted), CHUNK):
        for pk, type_id in Page.objects.filter(pk__in=wanted[start:start + CHUNK]).values_list("pk", "content_type"):
            by_type[type_id].append(pk)
    backends = [backend for _name, backend in get_search_backends_with_name(with_auto_update=True)]
    done = 0
    for type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None or not issubclass(model, Indexed) or not class_is_indexed(model):
            continue
        indexed: type[Indexed] = model
        for start in range(0, len(pks), CHUNK):
            objects = list(indexed.get_indexed_objects().filter(pk__in=pks[start:start + CHUNK]))
            for backend in backends:
                backend.add_bulk(model, objects)
            done += len(objects)
    _index_files(wanted, backends)
    return done


def _index_files(page_ids: list[int], backends: list) -> None:
    files = get_document_model()
    if not class_is_indexed(files):
        return
    for start in range(0, len(page_ids), CHUNK):
        ids = DocumentAttachment.objects.filter(page_id__in=page_ids[start:start + CHUNK]).values("document_id")
        objects = list(files.get_indexed_objects().filter(pk__in=ids))
        for backend in backends:
            if objects:
                backend.add_bulk(files, objects)
