"""Listens to the document life cycle: ban hành sends, thu hồi revokes. Imported from DocumentsConfig.ready()."""
from __future__ import annotations

from django.dispatch import receiver

from documents.signals import document_issued, document_recalled


@receiver(document_issued, dispatch_uid="distribution.send_on_issue")
def send_on_issue(sender, page, user=None, **kwargs) -> None:
    from .sending import send_document

    send_document(page, user)


@receiver(document_recalled, dispatch_uid="distribution.revoke_on_recall")
def revoke_on_recall(sender, page, user=None, **kwargs) -> None:
    from .sending import revoke_document

    revoke_document(page, user)


def process_queue() -> int:
    """Queue processor for ``manage.py process_queues``: number of deliveries handled in this pass."""
    from .sending import process_delivery_queue

    stats = process_delivery_queue()
    return sum(stats.values())


def _register_processor() -> None:
    """Join ``manage.py process_queues``: search.queue.QUEUE_PROCESSORS lists one callable per app."""
    from search import queue

    processors = getattr(queue, "QUEUE_PROCESSORS", None)
    if isinstance(processors, list) and process_queue not in processors:
        processors.append(process_queue)


_register_processor()
