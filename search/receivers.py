"""Keep the index current: every life-cycle signal of a document enqueues it (search/queue.py)."""
from __future__ import annotations

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from documents.models import DocumentPage
from documents.signals import (
    document_changed,
    document_issued,
    document_recalled,
    import_batch_finished,
    import_batch_started,
)
from search import queue
from search.signers import forget_signer_names


@receiver(document_issued, dispatch_uid="search-document-issued")
@receiver(document_recalled, dispatch_uid="search-document-recalled")
@receiver(document_changed, dispatch_uid="search-document-changed")
def document_lifecycle(sender, page=None, **kwargs) -> None:
    if page is not None and page.pk:
        queue.enqueue_document(page.pk)
    forget_signer_names()  # a new or corrected signer's name is known to the ranking at once


@receiver(page_published, dispatch_uid="search-page-published")
@receiver(page_unpublished, dispatch_uid="search-page-unpublished")
def page_visibility_changed(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, DocumentPage):
        queue.enqueue_document(instance.pk)


# Deleting any kind deletes its DocumentPage parent row too, which sends this once per document
# (a sender-less receiver would also turn off Django's fast deletes for every model).
@receiver(post_delete, sender=DocumentPage, dispatch_uid="search-page-deleted")
def page_deleted(sender, instance=None, **kwargs) -> None:
    queue.enqueue_document(instance.pk, "delete")


# A batch import (documents/importing/batch.py): queue rows are written with each document as always, and
# applied in bulk when the batch ends, instead of one index call per document.
@receiver(import_batch_started, dispatch_uid="search-import-batch-started")
def import_batch_started_receiver(sender, **kwargs) -> None:
    queue.hold_processing()


@receiver(import_batch_finished, dispatch_uid="search-import-batch-finished")
def import_batch_finished_receiver(sender, created: int = 0, **kwargs) -> None:
    queue.release_processing(apply=created > 0)
    forget_signer_names()
