"""Listens to the document life cycle: ban hành sends, thu hồi revokes. Imported from DocumentsConfig.ready()."""
from __future__ import annotations

from django.dispatch import receiver

from documents.signals import document_issued, document_recalled

from .sending import revoke_document, send_document


@receiver(document_issued, dispatch_uid="distribution.send_on_issue")
def send_on_issue(sender, page, user=None, **kwargs) -> None:
    send_document(page, user)


@receiver(document_recalled, dispatch_uid="distribution.revoke_on_recall")
def revoke_on_recall(sender, page, user=None, **kwargs) -> None:
    revoke_document(page, user)

