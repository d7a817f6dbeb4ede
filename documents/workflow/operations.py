"""The workflow as named operations (submit, sign, return, issue, recall) for the API, over transitions.py.

(The admin's buttons and their labels are in actions.py.)

This module decides nothing of its own: which actions a user may take now is read off the same objects the
admin reads (the page permissions, the current step's RoleApprovalTask.get_actions, transitions.can_recall),
and every action is carried out by the transition functions, the only code that changes a document's state.
"""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.models import DocumentPage, DocumentState, Role

from . import transitions
from .transitions import TransitionError

ACTIONS = ("submit", "sign", "return", "issue", "recall")
# The states in which each action exists at all (whoever asks); outside them the answer is a conflict (409).
ACTION_STATES: dict[str, tuple[str, ...]] = {
    "submit": (DocumentState.DRAFT,),
    "sign": (DocumentState.SUBMITTED,),
    "return": (DocumentState.SUBMITTED, DocumentState.SIGNED),
    "issue": (DocumentState.SIGNED,),
    "recall": (DocumentState.ISSUED,),
}
# The approve of each step, by the step's role (Role.LANH_DAO, Role.VAN_THU; values, as issue 9 moves Role).
STEP_APPROVAL: dict[str, str] = {Role.LANH_DAO: "sign", Role.VAN_THU: "issue"}


def available_actions(page: DocumentPage, user) -> list[str]:
    """The actions the user may take on the document now, in the order of the document's life."""
    page = page.specific
    found: list[str] = []
    if not user.is_authenticated or not user.is_active:
        return found
    if page.state == DocumentState.DRAFT:
        perms = page.permissions_for_user(user)
        if perms.can_edit() and perms.can_submit_for_moderation() and page.get_workflow() is not None:
            found.append("submit")
    elif page.state in (DocumentState.SUBMITTED, DocumentState.SIGNED):
        task_state = page.current_workflow_task_state
        if task_state is not None:
            task = task_state.task.specific
            names = {name for name, _label, _modal in task.get_actions(page, user)}
            approval = STEP_APPROVAL.get(str(getattr(task, "role", "")))
            if "approve" in names and approval:
                found.append(approval)
            if "reject" in names:
                found.append("return")
    elif page.state == DocumentState.ISSUED and transitions.can_recall(user, page):
        found.append("recall")
    return sorted(found, key=ACTIONS.index)


def handles(page: DocumentPage, user) -> bool:
    """The user works on this document in the admin (a drafting role at its issuer, or a superuser): only such a
    user is told that an action does not fit the document's state; anyone else is simply refused."""
    return bool(user.is_authenticated and page.permissions_for_user(user).can_edit())


def _check_issue_details(issued_on: datetime.date | None, copies: int | None) -> None:
    """Bad input answers by field (the transition itself refuses a future date too, as a state conflict)."""
    errors: dict[str, list[str]] = {}
    if issued_on is not None and issued_on > timezone.localdate():
        errors["issued_on"] = [_("Ngày ban hành không được sau hôm nay.")]
    if copies is not None and copies < 1:
        errors["copies"] = [_("Số lượng bản phải từ 1 trở lên.")]
    if errors:
        raise ValidationError(errors)


def perform(page: DocumentPage, user, action: str, comment: str = "", *, issued_on: datetime.date | None = None,
            copies: int | None = None) -> DocumentPage:
    """Carry out one action. PermissionDenied: not this user's; TransitionError: not possible in this state;
    ValidationError: missing or bad input (the comment a return or a recall needs)."""
    page = DocumentPage.objects.get(pk=page.pk).specific
    if action not in ACTIONS:
        raise ValidationError({"action": [_("Thao tác không hợp lệ.")]})
    if not handles(page, user):
        raise PermissionDenied(_("Bạn không có quyền xử lý văn bản này."))
    if page.state not in ACTION_STATES[action]:
        raise TransitionError(_("Không thể “%(action)s” văn bản ở trạng thái %(state)s.")
                              % {"action": action, "state": DocumentState(page.state).label})
    if action not in available_actions(page, user):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này với văn bản."))
    comment = (comment or "").strip()
    if action in ("return", "recall") and not comment:
        message = _("Phải ghi ý kiến khi trả lại văn bản để sửa.") if action == "return" else _("Phải ghi lý do thu hồi.")
        raise ValidationError({"comment": [message]})
    if action == "submit":
        return transitions.submit(page, user, comment)
    if action == "return":
        return transitions.reject(page, user, comment)
    if action == "recall":
        return transitions.recall(page, user, comment)
    if action == "issue":
        _check_issue_details(issued_on, copies)
        return transitions.approve(page, user, comment, issued_on=issued_on, copies=copies)
    return transitions.approve(page, user, comment)
