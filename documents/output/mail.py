"""The issued PDF in a distribution mail (documents/distribution/mail.py): attached up to
settings.OUTPUT_MAIL_ATTACH_MAX_BYTES, always listed as a link (the fallback for a larger file)."""
from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.urls import reverse

from documents.models import DocumentPage

from .pdf import filename

logger = logging.getLogger(__name__)


def official_pdf_part(page: DocumentPage, absolute: Callable[[str], str]) -> tuple[dict[str, str] | None, tuple[str, bytes, str] | None]:
    """(link, file) of the document's issued original; (None, None) before issue. ``absolute`` makes URLs absolute."""
    if not page.is_issued:
        return None, None
    from .original import issue_original

    link = {"title": f"Bản PDF {filename(page, 'pdf')}", "url": absolute(reverse("output:pdf", args=[page.pk]))}
    try:
        content = bytes(issue_original(page).content)
    except Exception:  # noqa: BLE001 - the mail still goes, with the link
        logger.exception("issued PDF of document %s not attached", page.pk)
        return link, None
    if len(content) > getattr(settings, "OUTPUT_MAIL_ATTACH_MAX_BYTES", 5 * 1024 * 1024):
        return link, None
    return link, (filename(page, "pdf"), content, "application/pdf")
