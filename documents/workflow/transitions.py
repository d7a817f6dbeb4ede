"""Transitions of a document's life (docs/domain.md §7): the only code that changes DocumentPage.state.

submit → trình ký (the workflow starts at "Ký duyệt"), approve at "Ký duyệt" → đã ký, approve at "Ban hành" →
number assigned, published, ban hành; reject at any step → back to dự thảo with a comment; recall → thu hồi.
The admin's workflow buttons reach the same code through RoleApprovalTask.on_action. Every transition is logged
(PageLogEntry "vanban.*", shown in the document's history) with actor, time and comment.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Revision

from documents.article_refs import dangling_refs_message, page_dangling_refs
from documents.models import DocumentPage, DocumentState, LegalStatus, RelationType, Role, Visibility
from documents.models.base import default_rule_set
from documents.numbering import (
    NumberingBusyError,
    NumberingError,
    assign_number,
    limit_lock_wait,
    with_issue_retry,
)
from documents.permissions import user_has_role
from documents.roles import grant_restricted_readers
from documents.signals import (
    document_changed,
    document_issued,
    document_recalled,
    document_returned,
    document_signed,
    document_submitted,
)
from documents.text.vietnamese import nfc

from .guards import allow_publish

# The state a document is in while a step of this role waits for a decision.
WAITING_STATE = {Role.LANH_DAO: DocumentState.SUBMITTED, Role.VAN_THU: DocumentState.SIGNED}
RELATION_STATUS = {
    RelationType.REPLACES: LegalStatus.EXPIRED,
    RelationType.REPEALS: LegalStatus.EXPIRED,
    RelationType.AMENDS: LegalStatus.PARTLY_EXPIRED,
}

# Comment given to submit(); Wagtail's Workflow.start takes none, the started task reads it from here.
_submit_comment: ContextVar[str] = ContextVar("vanban_submit_comment", default="")


class TransitionError(ValidationError):
    """A transition cannot happen now; the message says why, in Vietnamese."""


def _specific(page) -> DocumentPage:
    page = page.specific
    if not isinstance(page, DocumentPage):
        raise TransitionError(_("Đây không phải là văn bản."))
    return page


def _clean(text: str) -> str:
    return nfc((text or "").strip())


def latest_revision(page: DocumentPage) -> Revision | None:
    """The row's latest revision (the page object in hand may predate it)."""
    return Revision.objects.filter(
        pk=DocumentPage.objects.filter(pk=page.pk).values("latest_revision_id")[:1]).first()


def write_fields(page: DocumentPage, **values) -> None:
    """Set fields on the page row AND its latest revision, so no later publish or edit brings old values back."""
    DocumentPage.objects.filter(pk=page.pk).update(**values)
    for name, value in values.items():
        setattr(page, name, value)
    revision = latest_revision(page)
    if revision is not None:
        content = dict(revision.content)
        for name, value in values.items():
            field = DocumentPage._meta.get_field(name)
            content[field.attname] = value.pk if field.is_relation and value is not None else value
        revision.content = content
        revision.save(update_fields=["content"])


def log_transition(page: DocumentPage, action: str, user, comment: str = "", **data) -> None:
    """The act in the audit log; the admin's "Cập nhật" column and its newest-first order follow it too (they read
    latest_revision_created_at, which only an edit moved: a document signed or issued today showed the day it
    was drafted)."""
    log(instance=page, action=action, user=user, data={"comment": comment, **data},
        revision=page.get_latest_revision())
    now = timezone.now()
    DocumentPage.objects.filter(pk=page.pk).update(latest_revision_created_at=now)
    page.latest_revision_created_at = now


def _announce(signal, page: DocumentPage, user, **extra) -> None:
    """Send a life-cycle signal inside the transaction that changed the document.

    Receivers write their rows (deliveries, index queue items: search/receivers.py) in the same transaction, so a
    crash right after ban hành loses none of them; anything that talks to the outside (mail, Elasticsearch) runs
    on commit.
    """
    signal.send(sender=type(page), page=page, user=user, **extra)


# -- submit -------------------------------------------------------------------------------------------
def submit(page, user, comment: str = "") -> DocumentPage:
    """Trình ký: start the workflow of a draft."""
    page = _specific(page)
    if page.state != DocumentState.DRAFT:
        raise TransitionError(_("Chỉ trình ký được văn bản đang là dự thảo."))
    perms = page.permissions_for_user(user)
    if not (perms.can_edit() and perms.can_submit_for_moderation()):
        raise PermissionDenied(_("Bạn không có quyền trình ký văn bản này."))
    workflow = page.get_workflow()
    if workflow is None:
        raise TransitionError(_("Chưa cấu hình quy trình văn bản: hãy chạy “manage.py apply_roles”."))
    if page.get_latest_revision() is None:
        page.save_revision(user=user)
    if missing := page_dangling_refs(page.get_latest_revision_as_object()):  # "Như Điều 3" without Điều 3
        raise TransitionError(dangling_refs_message(missing))
    with submit_comment(comment), transaction.atomic():
        workflow.start(page, user)
    page.refresh_from_db()
    return page


@contextmanager
def submit_comment(comment: str) -> Iterator[None]:
    """The comment of a trình ký started inside this block (submit(), or the editor's "Trình ký" button)."""
    token = _submit_comment.set(_clean(comment))
    try:
        yield
    finally:
        _submit_comment.reset(token)


def on_task_started(obj, task, user) -> None:
    """A step started (workflow start, or a restart after an edit): the state says which decision waits."""
    page = obj.specific
    if not isinstance(page, DocumentPage):
        return
    target = WAITING_STATE.get(task.role)
    if target is None or page.state == target:
        return
    previous = page.state
    write_fields(page, state=target)
    if previous == DocumentState.DRAFT:
        log_transition(page, "vanban.submit", user, _submit_comment.get(), step=task.name)
    if target == DocumentState.SUBMITTED:
        _announce(document_submitted, page, user, comment=_submit_comment.get())


# -- decisions on a step ---------------------------------------------------------------------------------
def _current_task_state(page: DocumentPage):
    task_state = page.current_workflow_task_state
    if task_state is None:
        raise TransitionError(_("Văn bản không ở bước chờ duyệt nào."))
    return task_state


def _decide(page, user, action_name: str, comment: str, **details) -> DocumentPage:
    page = _specific(page)
    task_state = _current_task_state(page)
    task_state.task.specific.on_action(task_state, user, action_name, comment=comment, **details)
    page.refresh_from_db()
    return page


def approve(page, user, comment: str = "", *, issued_on: datetime.date | str | None = None,
            copies: int | None = None) -> DocumentPage:
    """Approve the current step: ký duyệt (signer) or cấp số và ban hành (clerk, on `issued_on`, default today,
    with `copies` printed copies)."""
    return _decide(page, user, "approve", comment, issued_on=issued_on, copies=copies)


def reject(page, user, comment: str) -> DocumentPage:
    """Return the document for revision at the current step; the comment is required."""
    return _decide(page, user, "reject", comment)


def task_action(task, task_state, user, action_name: str, comment: str = "", **details):
    """RoleApprovalTask.on_action: every approve/reject, from the admin or from the functions above."""
    obj = task_state.workflow_state.content_object
    if not isinstance(obj.specific, DocumentPage):
        return task.base_on_action(task_state, user, action_name, comment=comment)
    page = _specific(obj)
    if action_name not in {name for name, _label, _modal in task.get_actions(page, user)}:
        raise PermissionDenied(_("Bạn không giữ vai trò được quyết định ở bước này."))
    comment = _clean(comment)
    if action_name == "reject":
        return _return_for_revision(task, task_state, user, page, comment)
    if action_name != "approve":
        raise TransitionError(_("Thao tác không hợp lệ."))
    if task.role == Role.VAN_THU:
        try:  # the whole issuing transaction again when other issues held the lock too long
            return with_issue_retry(lambda: _issue(task, task_state, user, page, comment, **details))
        except NumberingBusyError as error:
            raise TransitionError(error.messages) from error
    with transaction.atomic():
        task.base_on_action(task_state, user, "approve", comment=comment)
        page.refresh_from_db()
        if page.state == DocumentState.SIGNED:  # else the content changed during the step: sign again
            if page.signer_user_id is None:
                write_fields(page, signer_user=user)
            log_transition(page, "vanban.sign", user, comment, step=task.name)
            _announce(document_signed, page, user, comment=comment)
    return None


def _return_for_revision(task, task_state, user, page: DocumentPage, comment: str):
    if not comment:
        raise TransitionError(_("Phải ghi ý kiến khi trả lại văn bản để sửa."))
    with transaction.atomic():
        task.base_on_action(task_state, user, "reject", comment=comment)
        workflow_state = task_state.workflow_state
        workflow_state.refresh_from_db()
        # A returned document starts again from trình ký: a new submission needs a new signature.
        # (The state is written first, so the cancellation below is not taken for a "Ngừng quy trình".)
        write_fields(page, state=DocumentState.DRAFT)
        workflow_state.cancel(user=user)
        log_transition(page, "vanban.return", user, comment, step=task.name)
        _announce(document_returned, page, user, comment=comment)
    return None


# -- ban hành --------------------------------------------------------------------------------------------
def _check_relations(page: DocumentPage) -> list:
    """Only the issuer or a competent superior may amend, replace or repeal a document (docs/domain.md §7)."""
    # The relations of the revision being published (the page rows of a draft may lag behind it).
    relations = page.get_latest_revision_as_object().relations.all()
    changing = [rel for rel in relations if rel.relation in RELATION_STATUS]
    for rel in changing:
        target = DocumentPage.objects.select_related("issuer").get(pk=rel.target_id)
        if target.state != DocumentState.ISSUED:
            raise TransitionError(
                _("Văn bản %(notation)s chưa được ban hành hoặc đã bị thu hồi: không thể sửa đổi, thay thế, bãi bỏ.")
                % {"notation": target.notation or target.title}
            )
        if page.issuer_id not in {body.pk for body in target.issuer.lineage()}:
            raise TransitionError(
                _("Chỉ %(issuer)s hoặc cấp trên có thẩm quyền mới được sửa đổi, thay thế, bãi bỏ văn bản %(notation)s.")
                % {"issuer": target.issuer.name, "notation": target.notation}
            )
    return changing


def _apply_relations(page: DocumentPage, relations: list, user) -> None:
    for rel in relations:
        target = DocumentPage.objects.get(pk=rel.target_id).specific
        status = RELATION_STATUS[rel.relation]
        if status == LegalStatus.PARTLY_EXPIRED and target.legal_status == LegalStatus.EXPIRED:
            continue
        if target.legal_status != status:
            write_fields(target, legal_status=status)
            log_transition(target, "vanban.status", user, "", status=status, relation=rel.relation,
                           source=page.pk, source_notation=page.notation)
            _announce(document_changed, target, user)


def _issue_day(issued_on: datetime.date | str | None) -> datetime.date:
    """The ngày ban hành chosen in the dialog (a date, or ISO text from the editor's modal); today by default."""
    today = timezone.localdate()
    if not issued_on:
        return today
    if isinstance(issued_on, str):
        try:
            issued_on = datetime.date.fromisoformat(issued_on)
        except ValueError:
            raise TransitionError(_("Ngày ban hành không hợp lệ.")) from None
    if issued_on > today:
        raise TransitionError(_("Ngày ban hành không được sau ngày hôm nay."))
    return issued_on


def _numbered_address(page: DocumentPage) -> dict:
    """Slug and URL path of an issued document: its number-notation and trích yếu (documents/slugs.py).

    Only a slug the editor derived is renumbered; one given on purpose (an import, the demonstration) is kept.
    """
    from documents.slugs import document_slug_base, is_derived

    if not is_derived(page.slug, page.type_code, page.title, page.kind):
        return {}
    parent = page.get_parent()
    base = document_slug_base(page.notation, page.type_code, page.title, page.kind)
    slug, n = base, 2
    while parent.get_children().filter(slug=slug).exclude(pk=page.pk).exists():
        slug, n = f"{base}-{n}", n + 1
    page.slug = slug
    return {"slug": slug, "url_path": page.set_url_path(parent)}


def _issue(task, task_state, user, page: DocumentPage, comment: str, issued_on=None, copies=None):
    day = _issue_day(issued_on)
    with transaction.atomic():
        limit_lock_wait()
        DocumentPage.objects.select_for_update().filter(pk=page.pk).first()  # one clerk issues at a time
        page = DocumentPage.objects.get(pk=page.pk).specific
        if page.state != DocumentState.SIGNED:
            raise TransitionError(_("Chỉ ban hành được văn bản đã ký."))
        if page.get_latest_revision().pk != task_state.revision_id:
            raise TransitionError(_("Văn bản đã được sửa sau khi ký: phải trình ký lại."))
        if page.go_live_at and page.go_live_at > timezone.now():
            raise TransitionError(_("Văn bản có hiệu lực trên mạng ngay khi ban hành: hãy bỏ thời điểm xuất bản hẹn trước."))
        relations = _check_relations(page)
        if copies:
            write_fields(page, copies=copies)  # before numbering: the register row records it
        try:  # the clerk's "Ghi chú" of the ban hành goes in the register's column of that name
            assign_number(page, day=day, user=user, notes=_clean(comment))
        except NumberingError as error:
            raise TransitionError(error.messages) from error
        # The published revision must carry the number: write it into the revision before publishing.
        write_fields(
            page, number=page.number, notation=page.notation, notation_key=page.notation_key,
            issued_on=page.issued_on, state=DocumentState.ISSUED, legal_status=LegalStatus.IN_FORCE,
            # Issued now, it follows the rules in force on its date (a draft begun before 9/1/2026 and issued
            # after it is printed under Quy định 399-QĐ/TW).
            rule_set=default_rule_set(page.issuer.system, page.issued_on), **_numbered_address(page),
        )
        with allow_publish(page.pk):
            task.base_on_action(task_state, user, "approve", comment=comment)
        page.refresh_from_db()
        if not page.live:
            raise TransitionError(_("Quy trình chưa kết thúc sau bước ban hành; văn bản chưa được ban hành."))
        _apply_relations(page, relations, user)
        if page.visibility == Visibility.RESTRICTED:
            grant_restricted_readers(page)
        log_transition(page, "vanban.issue", user, comment, step=task.name, number=page.number,
                       notation=page.notation)
        _announce(document_issued, page, user)
    return None


# -- thu hồi ---------------------------------------------------------------------------------------------
def can_recall(user, page) -> bool:
    return (page.state == DocumentState.ISSUED and user.is_active
            and (user.is_superuser or user_has_role(user, page.issuer_id, {Role.VAN_THU})))


def recall(page, user, reason: str) -> DocumentPage:
    """Thu hồi: a clerk withdraws an issued document (unpublished, state recalled, reason logged)."""
    from wagtail.actions.unpublish_page import UnpublishPageAction

    page = _specific(page)
    reason = _clean(reason)
    if page.state != DocumentState.ISSUED:
        raise TransitionError(_("Chỉ thu hồi được văn bản đã ban hành."))
    if not can_recall(user, page):
        raise PermissionDenied(_("Chỉ văn thư của cơ quan ban hành được thu hồi văn bản."))
    if not reason:
        raise TransitionError(_("Phải ghi lý do thu hồi."))
    with transaction.atomic():
        if page.live:
            UnpublishPageAction(page, user=user).execute(skip_permission_checks=True)
        write_fields(page, state=DocumentState.RECALLED)
        log_transition(page, "vanban.recall", user, reason)
        _announce(document_recalled, page, user)
    page.refresh_from_db()
    return page


# -- ngừng quy trình; sửa nội dung sau khi ký ---------------------------------------------------------------
IN_WORKFLOW = (DocumentState.SUBMITTED, DocumentState.SIGNED)


def can_cancel(user, page) -> bool:
    workflow_state = page.current_workflow_state
    return (page.state in IN_WORKFLOW and workflow_state is not None and user.is_active
            and workflow_state.user_can_cancel(user))


def cancel(page, user, reason: str = "") -> DocumentPage:
    """Ngừng quy trình: the document goes back to dự thảo, and a new trình ký needs a new signature."""
    page = _specific(page)
    if page.state not in IN_WORKFLOW or page.current_workflow_state is None:
        raise TransitionError(_("Văn bản không ở trong quy trình trình ký, ban hành."))
    if not can_cancel(user, page):
        raise PermissionDenied(_("Bạn không được ngừng quy trình của văn bản này."))
    with transaction.atomic():
        workflow_state = page.current_workflow_state
        _back_to_draft(page, user, "vanban.cancel", _clean(reason))
        workflow_state.cancel(user=user)  # on_workflow_cancelled finds the draft and does nothing more
    page.refresh_from_db()
    return page


def _back_to_draft(page: DocumentPage, user, action: str, comment: str = "") -> None:
    previous = page.state
    write_fields(page, state=DocumentState.DRAFT)
    log_transition(page, action, user, comment, previous=previous)


def on_workflow_cancelled(workflow_state, user) -> None:
    """Wagtail's own "cancel workflow" (the edit view, a restart): the state follows, in the audit log."""
    page = workflow_state.content_object.specific
    if isinstance(page, DocumentPage) and page.state in IN_WORKFLOW:
        _back_to_draft(page, user, "vanban.cancel")


def on_revision_saved(page, revision) -> None:
    """Signed content is frozen: a new revision of a signed document sends it back to dự thảo (sign again)."""
    page = page.specific
    if not isinstance(page, DocumentPage) or page.state != DocumentState.SIGNED:
        return
    task_state = page.current_workflow_task_state
    if task_state is not None and task_state.revision_id == revision.pk:
        return
    with transaction.atomic():
        workflow_state = page.current_workflow_state
        _back_to_draft(page, revision.user, "vanban.unsign")
        if workflow_state is not None:
            workflow_state.cancel(user=revision.user)
