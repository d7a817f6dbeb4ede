"""Wiring of the workflow to Wagtail's signals (connected from DocumentsConfig.ready).

- Wagtail's own "cancel workflow" and a new revision of a signed document go through transitions (state, log).
- Wagtail's English workflow mails (to superusers and the submitter) are not sent for documents: notify.py
  tells the people who must act, in Vietnamese. Other pages keep Wagtail's mails.
"""
from __future__ import annotations

from django.db.models.signals import post_save
from wagtail.admin import signal_handlers as wagtail_mail
from wagtail.models import Revision, WorkflowState
from wagtail.signals import workflow_approved, workflow_cancelled, workflow_rejected, workflow_submitted

from documents.models import DocumentPage

from . import (
    notify,  # noqa: F401  (connects the notification receivers)
    transitions,
)


def _cancelled(sender, instance, user=None, **kwargs) -> None:
    transitions.on_workflow_cancelled(instance, user)


def _revision_saved(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    if created and not raw and issubclass(instance.content_type.model_class() or object, DocumentPage):
        transitions.on_revision_saved(instance.content_object, instance)


def _except_documents(notifier):
    def send(sender, instance=None, **kwargs):
        if instance is not None and isinstance(instance.content_object.specific_deferred, DocumentPage):
            return None
        return notifier(sender=sender, instance=instance, **kwargs)

    return send


WAGTAIL_MAILS = (
    (workflow_submitted, wagtail_mail.workflow_submission_email_notifier, "workflow_state_submitted_email_notification"),
    (workflow_rejected, wagtail_mail.workflow_rejection_email_notifier, "workflow_state_rejected_email_notification"),
    (workflow_approved, wagtail_mail.workflow_approval_email_notifier, "workflow_state_approved_email_notification"),
)


def connect() -> None:
    workflow_cancelled.connect(_cancelled, sender=WorkflowState, dispatch_uid="vanban_workflow_cancelled")
    post_save.connect(_revision_saved, sender=Revision, dispatch_uid="vanban_revision_saved")
    # Same dispatch_uid: whichever app is ready first, only the filtered notifier stays connected.
    for signal, notifier, uid in WAGTAIL_MAILS:
        signal.disconnect(sender=WorkflowState, dispatch_uid=uid)
        signal.connect(_except_documents(notifier), sender=WorkflowState, dispatch_uid=uid, weak=False)
