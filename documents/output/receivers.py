"""At ban hành the issued original is made once, after commit: a renderer failure never undoes an issue, and a
document still without its original gets it at its first download (original.served_pdf)."""
from __future__ import annotations

import logging

from django.db import transaction
from django.dispatch import receiver

from documents.signals import document_issued

logger = logging.getLogger(__name__)


@receiver(document_issued, dispatch_uid="output_issue_original")
def make_issued_original(sender, page, user=None, **kwargs) -> None:
    def make() -> None:
        from .original import issue_original

        try:
            issue_original(page)
        except Exception:  # noqa: BLE001 - logged; the first download tries again
            logger.exception("issued original of document %s not made", page.pk)

    transaction.on_commit(make)
