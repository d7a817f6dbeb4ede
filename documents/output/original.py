"""The issued original: produced once, stored with its SHA-256, served as it is from then on.

At issue (documents.signals.document_issued, after commit) the PDF/A file is rendered, signed where keys are
configured, fingerprinted into the register entry and the audit log, and stored. A document issued without that
signal (an archive import) gets its original the first time it is asked for. A recalled document is served as its
original with a recall notice stamped in an incremental update, so the signed bytes stay a prefix of the copy.
"""
from __future__ import annotations

import hashlib
import io
import logging

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from documents.models import DocumentPage, IssuedOriginal, RegisterEntry

from .pdf import render, render_pdf


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def issue_original(page: DocumentPage) -> IssuedOriginal:
    """The document's stored original, made now if it has none (idempotent; two callers make one).

    Logged as the system's act: whichever comes first (the issue receiver, a mail, a download) makes it."""
    from wagtail.log_actions import log

    from .signing import sign_pdf

    existing = IssuedOriginal.objects.filter(document_id=page.pk).first()
    if existing is not None:
        return existing
    page = DocumentPage.objects.get(pk=page.pk).specific
    rendered = render(page, archival=True)
    content, signed_by = sign_pdf(page, rendered.content, rendered.signature_place, rendered.pages)
    digest = fingerprint(content)
    try:
        with transaction.atomic():
            original = IssuedOriginal.objects.create(
                document=page, content=content, sha256=digest, size=len(content), signed_by="\n".join(signed_by),
                pdf_a=True,
            )
            RegisterEntry.objects.filter(document_id=page.pk).update(original_sha256=digest)
            log(instance=page, action="vanban.original", user=None,
                data={"comment": "", "sha256": digest, "signed_by": signed_by, "size": len(content)})
    except IntegrityError:  # made meanwhile by another process: that one is the original
        return IssuedOriginal.objects.get(document_id=page.pk)
    return original


def recall_notice(page: DocumentPage) -> str:
    return _("VĂN BẢN ĐÃ BỊ THU HỒI - bản sao của bản gốc %(notation)s") % {"notation": page.notation or page.title}


def _stamp(data: bytes, text: str) -> bytes:
    """The notice in red across the top of every page, added as an incremental update."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStamp, TextStampStyle

    from .signing import BOLD_FONT_FILE

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "FFTM NOT subset": a table PDF never needs
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    style = TextStampStyle(stamp_text=text, border_width=1, border_color=(.75, 0, 0), text_box_style=TextBoxStyle(
        font=GlyphAccumulatorFactory(BOLD_FONT_FILE), font_size=11, text_color=(.75, 0, 0)))
    for index in range(int(writer.root["/Pages"]["/Count"])):
        TextStamp(writer, style).apply(index, 150, 812)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def served_pdf(page: DocumentPage) -> bytes:
    """What a reader downloads: the stored original once issued (stamped if recalled), else a fresh render."""
    if page.is_issued:
        return bytes(issue_original(page).content)
    if page.is_recalled:
        return _stamp(bytes(issue_original(page).content), recall_notice(page))
    return render_pdf(page)
