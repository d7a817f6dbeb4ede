"""Which workflow actions a user has on a document, named as the office names them (used by menus and views)."""
from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from documents.models import DocumentPage, DocumentState, Role

from .transitions import can_cancel, can_recall

# slug → (label, URL name); the order is the order of the buttons.
ACTIONS: dict[str, tuple[str | Promise, str]] = {
    "sign": (_("Ký duyệt"), "vanban_sign"),
    "sign_comment": (_("Ký duyệt kèm ý kiến"), "vanban_sign"),
    "issue": (_("Cấp số và ban hành"), "vanban_issue"),
    "return": (_("Trả lại"), "vanban_return"),
    "cancel": (_("Ngừng quy trình"), "vanban_cancel"),
    "recall": (_("Thu hồi"), "vanban_recall"),
}


def step_role(page: DocumentPage) -> str | None:
    """The role whose decision the document waits for, or None outside the workflow."""
    task = page.current_workflow_task
    return getattr(task.specific, "role", None) if task is not None else None


def available_actions(page: DocumentPage, user) -> list[str]:
    """The actions of ACTIONS this user may take on the document now."""
    found: list[str] = []
    if page.state in (DocumentState.SUBMITTED, DocumentState.SIGNED):
        task = page.current_workflow_task
        task = task.specific if task is not None else None
        if task is not None and hasattr(task, "holds_role") and task.holds_role(page, user):
            if task.role == Role.LANH_DAO:
                found += ["sign", "sign_comment", "return"]
            elif task.role == Role.VAN_THU:
                found += ["issue", "return"]
        if can_cancel(user, page):
            found.append("cancel")
    elif can_recall(user, page):
        found.append("recall")
    return found
