"""Wagtail's page lock on a document, with the admin's rules (DocumentPermissionTester.can_lock/can_unlock) and
its log entries, for callers outside the admin (the API)."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from documents.models import DocumentPage


def lock(page: DocumentPage, user) -> DocumentPage:
    """Lock the document for the user (as the admin's "Lock" does); locking a locked page changes nothing."""
    page = DocumentPage.objects.get(pk=page.pk).specific
    if not page.permissions_for_user(user).can_lock():
        raise PermissionDenied(_("Bạn không có quyền khóa văn bản này."))
    if not page.locked:
        page.locked, page.locked_by, page.locked_at = True, user, timezone.now()
        page.save(update_fields=["locked", "locked_by", "locked_at"])
        log(instance=page, action="wagtail.lock", user=user)
    return page


def unlock(page: DocumentPage, user) -> DocumentPage:
    page = DocumentPage.objects.get(pk=page.pk).specific
    if not page.permissions_for_user(user).can_unlock():
        raise PermissionDenied(_("Bạn không có quyền mở khóa văn bản này."))
    if page.locked:
        page.locked, page.locked_by, page.locked_at = False, None, None
        page.save(update_fields=["locked", "locked_by", "locked_at"])
        log(instance=page, action="wagtail.unlock", user=user)
    return page


def lock_json(page: DocumentPage) -> dict:
    return {
        "locked": bool(page.locked),
        "locked_by": page.locked_by.get_username() if page.locked_by_id else None,
        "locked_at": page.locked_at.isoformat() if page.locked_at else None,
    }
