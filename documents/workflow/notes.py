"""What the people of the workflow said: the comment given at the latest trình ký (for the signer's screens: editor
message, Ký duyệt page) and at the latest ký duyệt (for the clerk's Cấp số và ban hành page), and the reason of a thu hồi (for its
receivers), read from the audit log (transitions.log_transition writes it)."""
from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry

from documents.models import DocumentPage, DocumentState


def submit_note(page: DocumentPage) -> tuple[str, str]:
    """(who, comment) of the latest trình ký of the document; comment "" when none was given."""
    return _latest_note(page, "vanban.submit")


def sign_note(page: DocumentPage) -> tuple[str, str]:
    """(who, comment) of the latest ký duyệt of the document ("Đồng ý. Văn phòng cấp số, ban hành.")."""
    return _latest_note(page, "vanban.sign")


def said_on_the_way(page: DocumentPage) -> list[str]:
    """The comments of the trình ký and, once signed, of the ký duyệt, as the locked editor shows them."""
    said = []
    who, comment = submit_note(page)
    if comment:
        said.append(_("Ý kiến khi trình của %(who)s: %(comment)s") % {"who": who, "comment": comment})
    if page.state == DocumentState.SIGNED:  # that it is signed, and what the signer said, reach the clerk
        who, comment = sign_note(page)
        if comment:
            said.append(_("Ý kiến khi ký của %(who)s: %(comment)s") % {"who": who, "comment": comment})
        elif who:  # signed without a word: the banner said nothing of it, only the menu's "Cấp số" told
            said.append(_("%(who)s đã ký duyệt; văn bản chờ cấp số và ban hành.") % {"who": who})
    return said


def recall_note(page: DocumentPage) -> tuple[str, str]:
    """(who, reason) of the document's thu hồi: the receivers' notice (inbox, mail) says why."""
    return _latest_note(page, "vanban.recall")


def return_note(page: DocumentPage) -> tuple[str, str] | None:
    """(who, comment) when the document's latest step was a trả lại (the drafter's editor says why), else None."""
    entry = (PageLogEntry.objects.filter(page_id=page.pk, action__startswith="vanban.")
             .select_related("user").order_by("-timestamp", "-pk").first())
    if entry is None or entry.action != "vanban.return":
        return None
    return _who(entry.user), (entry.data or {}).get("comment", "") or ""


@dataclass(frozen=True)
class RecallNote:
    """A thu hồi as the audit log holds it: who, why and when."""

    who: str
    reason: str
    at: datetime.datetime


def recall_notes(page_ids: Iterable[int]) -> dict[int, RecallNote]:
    """The latest thu hồi of each of these documents, read in one query (a register's rows, a reader's page)."""
    notes: dict[int, RecallNote] = {}
    entries = (PageLogEntry.objects.filter(page_id__in=list(page_ids), action="vanban.recall")
               .select_related("user").order_by("timestamp", "pk"))
    for entry in entries:  # oldest first: the latest one stays
        notes[entry.page_id] = RecallNote(_who(entry.user), (entry.data or {}).get("comment", "") or "",
                                          entry.timestamp)
    return notes


def _who(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _latest_note(page: DocumentPage, action: str) -> tuple[str, str]:
    entry = (PageLogEntry.objects.filter(page_id=page.pk, action=action)
             .select_related("user").order_by("-timestamp", "-pk").first())
    if entry is None:
        return "", ""
    return _who(entry.user), (entry.data or {}).get("comment", "") or ""
