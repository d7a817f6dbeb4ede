"""The e-mail of one delivery: Vietnamese subject and body, link to the document, its files attached."""
from __future__ import annotations

import mimetypes
import os
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from documents.models import Delivery, DeliveryNotice, DocumentPage, Urgency
from documents.workflow.notes import recall_note

from . import conf
from .receipt import ack_token

MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024


def absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return conf.base_url() + (url if url.startswith("/") else "/" + url)


def document_url(page: DocumentPage) -> str:
    return absolute(page.get_url() or page.url_path)


def ack_url(delivery: Delivery) -> str:
    return absolute(reverse("distribution:ack_link", args=[ack_token(delivery)]))


def subject(delivery: Delivery, page: DocumentPage) -> str:
    label = page.notation or page.type_name
    prefix = ""
    if delivery.notice == DeliveryNotice.RECALL:
        prefix = "[Thu hồi] "
    elif page.urgency:
        prefix = f"[{Urgency(page.urgency).label}] "
    text = f"{prefix}Văn bản {label}: {page.title}"
    return " ".join(text.split())[:240]


def attachment_parts(page: DocumentPage) -> tuple[list[dict[str, str]], list[tuple[str, bytes, str]]]:
    """(links listed in the mail, files attached) of a document; files past the size limit are only linked."""
    links: list[dict[str, str]] = []
    files: list[tuple[str, bytes, str]] = []
    total = 0
    from documents.output.mail import official_pdf_part  # issue 11: the issued PDF, attached or linked

    link, official = official_pdf_part(page, absolute)
    links += [link] if link else []
    files += [official] if official else []
    for item in page.attachments.select_related("document").order_by("sort_order"):
        document = item.document
        name = os.path.basename(document.file.name)
        with document.file.open("rb") as handle:
            content = handle.read()
        total += len(content)
        links.append({"title": item.caption or document.title, "url": absolute(document.url)})
        if total <= getattr(settings, "DISTRIBUTION_MAX_ATTACHMENT_BYTES", MAX_ATTACHMENT_BYTES):
            files.append((name, content, mimetypes.guess_type(name)[0] or "application/octet-stream"))
    return links, files


def notice_parts(page: DocumentPage, notice: str) -> tuple[list, list, str]:
    """What every mail of one notice of ``page`` shares, read once for all its receivers: the attachments of an
    issue (links, files), the reason of a recall."""
    if notice == DeliveryNotice.ISSUE:
        links, files = attachment_parts(page)
        return links, files, ""
    return [], [], recall_note(page)[1]


def build_message(delivery: Delivery, page: DocumentPage, parts: tuple[list, list, str]) -> EmailMessage:
    """The mail of one delivery of ``page`` (its own kind); ``parts``: its ``notice_parts``."""
    links, files, reason = parts
    context = {
        "delivery": delivery, "page": page, "document_url": document_url(page),
        "inbox_url": absolute(reverse("distribution:inbox")), "ack_url": ack_url(delivery),
        "deadline": timezone.localtime(delivery.deadline) if delivery.deadline else None,
        "urgency": Urgency(page.urgency).label if page.urgency else "",
        "attachments": links,
        "reason": reason,
    }
    template = "distribution/mail/recall.txt" if delivery.notice == DeliveryNotice.RECALL else "distribution/mail/issue.txt"
    message = EmailMessage(
        subject=subject(delivery, page), body=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL, to=[delivery.email],
        headers={"X-Vanban-Delivery": str(delivery.pk)},
    )
    for name, content, mimetype in files:
        message.attach(name, content, mimetype)
    return message


def describe_error(exc: BaseException) -> tuple[str, bool, bool]:
    """(Vietnamese message for the clerk, permanent?, server unreachable?). smtplib errors are OSErrors too."""
    if isinstance(exc, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)):
        return f"Không kết nối được máy chủ thư ({exc.__class__.__name__}: {exc})", False, True
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, msg = next(iter(exc.recipients.values()), (0, b""))
        text = msg.decode("utf-8", "replace") if isinstance(msg, bytes) else str(msg)
        return f"Máy chủ thư từ chối người nhận: {code} {text}", code >= 500, False
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"Máy chủ thư từ chối: {exc.smtp_code} {text}", exc.smtp_code >= 500, False
    if isinstance(exc, smtplib.SMTPException):
        return f"Lỗi gửi thư: {exc}", False, False
    if isinstance(exc, OSError):
        return f"Không kết nối được máy chủ thư ({exc.__class__.__name__}: {exc})", False, True
    return f"Lỗi khi tạo thư: {exc.__class__.__name__}: {exc}", True, False
