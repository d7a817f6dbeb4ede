"""Telling the people who must act (a receiver of the workflow signals, documents/signals.py).

Trình ký → the signers (lãnh đạo) of the issuer; đã ký → its clerks (văn thư, or the office's); trả lại → the
drafter (the page's owner and whoever submitted it). Vietnamese mail, sent after the transition commits; a mail
server that is down never undoes a transition.
"""
from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse

from documents.models import DocumentPage, Role
from documents.permissions import acting_issuer_ids
from documents.signals import document_returned, document_signed, document_submitted

logger = logging.getLogger(__name__)

SUBJECTS = {
    "submitted": "[Chờ ký] {label}: {title}",
    "signed": "[Chờ ban hành] {label}: {title}",
    "returned": "[Bị trả lại] {label}: {title}",
}


def role_holders(issuer, role: str) -> QuerySet:
    """Active users holding `role` at the issuer or, for văn thư, at the office doing its clerical work."""
    return get_user_model().objects.filter(
        is_active=True, groups__issuer_role__issuer_id__in=acting_issuer_ids(issuer, role),
        groups__issuer_role__role=role).distinct()


def drafters(page: DocumentPage) -> QuerySet:
    workflow_state = page.workflow_states.order_by("-created_at").first()
    requester = workflow_state.requested_by_id if workflow_state is not None else None
    return get_user_model().objects.filter(Q(pk=page.owner_id) | Q(pk=requester), is_active=True)


def recipients_for(event: str, page: DocumentPage) -> QuerySet:
    if event == "submitted":
        return role_holders(page.issuer, Role.LANH_DAO)
    if event == "signed":
        return role_holders(page.issuer, Role.VAN_THU)
    return drafters(page)


def _edit_url(page: DocumentPage) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("wagtailadmin_pages:edit", args=[page.pk])


def compose(event: str, page: DocumentPage, actor, comment: str) -> tuple[str, str]:
    label = page.notation or page.type_name.capitalize()
    subject = " ".join(SUBJECTS[event].format(label=label, title=page.title).split())[:240]
    actor_name = (actor.get_full_name() or actor.get_username()) if actor is not None else ""
    body = render_to_string(f"documents/workflow/mail/{event}.txt", {
        "page": page, "actor": actor_name, "comment": comment, "url": _edit_url(page),
    })
    return subject, body


def notify(event: str, page: DocumentPage, actor=None, comment: str = "") -> None:
    """Queue the mails of one event; they leave when the transaction that caused it commits."""
    people = [u for u in recipients_for(event, page) if u.email and (actor is None or u.pk != actor.pk)]
    if not people:
        return
    subject, body = compose(event, page, actor, comment)
    addresses = sorted({u.email for u in people})

    def send() -> None:
        for address in addresses:
            try:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
            except OSError:  # the mail server is down: the to-do panel still shows the task
                logger.warning("workflow notification to %s failed", address, exc_info=True)

    transaction.on_commit(send)


def _receiver(event: str):
    def receive(sender, page, user=None, comment: str = "", **kwargs) -> None:
        notify(event, page, user, comment)

    return receive


_on_submitted = _receiver("submitted")
_on_signed = _receiver("signed")
_on_returned = _receiver("returned")
document_submitted.connect(_on_submitted, dispatch_uid="vanban_notify_submitted")
document_signed.connect(_on_signed, dispatch_uid="vanban_notify_signed")
document_returned.connect(_on_returned, dispatch_uid="vanban_notify_returned")
