"""What the people of the workflow said: the comment given at the latest trình ký (for the signer's screens: editor
message, Ký duyệt page) and at the latest ký duyệt (for the clerk's Cấp số và ban hành page), and the reason of a thu hồi (for its
receivers), read from the audit log (transitions.log_transition writes it)."""
from __future__ import annotations

from wagtail.models import PageLogEntry

from documents.models import DocumentPage


def submit_note(page: DocumentPage) -> tuple[str, str]:
    """(who, comment) of the latest trình ký of the document; comment "" when none was given."""
    return _latest_note(page, "vanban.submit")


def sign_note(page: DocumentPage) -> tuple[str, str]:
    """(who, comment) of the latest ký duyệt of the document ("Đồng ý. Văn phòng cấp số, ban hành.")."""
    return _latest_note(page, "vanban.sign")


def recall_note(page: DocumentPage) -> tuple[str, str]:
    """(who, reason) of the document's thu hồi: the receivers' notice (inbox, mail) says why."""
    return _latest_note(page, "vanban.recall")


def _latest_note(page: DocumentPage, action: str) -> tuple[str, str]:
    entry = (PageLogEntry.objects.filter(page_id=page.pk, action=action)
             .select_related("user").order_by("-timestamp", "-pk").first())
    if entry is None:
        return "", ""
    user = entry.user
    who = (user.get_full_name() or user.get_username()) if user is not None else ""
    return who, (entry.data or {}).get("comment", "") or ""
