"""RoleApprovalTask: a workflow step decided by whoever holds one role at the document's issuer."""
from __future__ import annotations

from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.locks import WorkflowLock
from wagtail.models import Task, TaskState

from documents.models.roles import Role

# What each role's step is called in the action buttons (approve, approve with a comment).
APPROVE_LABELS = {
    Role.LANH_DAO: (_("Ký duyệt"), _("Ký duyệt kèm ý kiến")),
    Role.VAN_THU: (_("Cấp số và ban hành"), _("Cấp số và ban hành kèm ghi chú")),
}


class ContentLock(WorkflowLock):
    """Wagtail's banner named the workflow step and then "reviewers"; the editor showed it beside a second one that
    said the content was locked, and a third gave the trình ký comment. One banner now says what the office needs:
    locked from trình ký on, how to change it, and what was said at trình ký and at signing. Its span tells
    locked_editor.js to make the fields read-only."""

    def get_message(self, user):
        # The editor and its status panel each make a lock of the same page and ask it: the log is read once.
        said = self.object.__dict__.setdefault("_vanban_lock_messages", {})
        if user.pk not in said:
            said[user.pk] = self._message(user)
        return said[user.pk]

    def _message(self, user):
        from .notes import said_on_the_way
        from .transitions import can_cancel

        if can_cancel(user, self.object.specific):
            text = gettext("Nội dung văn bản đã khóa từ khi trình ký. Muốn sửa, chọn “Ngừng quy trình”: văn bản trở "
                           "lại dự thảo và phải trình ký lại.")
        else:  # no "Ngừng quy trình" in this user's menu: say who has it
            text = gettext("Nội dung văn bản đã khóa từ khi trình ký. Muốn sửa, đề nghị người đã trình ký ngừng quy "
                           "trình: văn bản trở lại dự thảo và phải trình ký lại.")
        lines = [format_html('<span class="vanban-content-locked">{}</span>', text)]
        lines += [format_html("<span class=\"vanban-lock-note\">{}</span>", note) for note in said_on_the_way(self.object.specific)]
        return format_html("{}" * len(lines), *lines)


class RoleApprovalTask(Task):
    lock_class = ContentLock
    role = models.CharField(_("vai trò duyệt bước này"), max_length=20, choices=Role.choices)

    admin_form_fields = Task.admin_form_fields + ["role"]
    admin_form_readonly_on_edit_fields = Task.admin_form_readonly_on_edit_fields + ["role"]

    class Meta:
        verbose_name = _("bước duyệt theo vai trò")
        verbose_name_plural = _("bước duyệt theo vai trò")

    # -- who --------------------------------------------------------------------------------------
    def holds_role(self, obj, user) -> bool:
        """The user holds this step's role at the issuer of the object (a document or an issuer section)."""
        from documents.permissions import user_has_role

        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        issuer_id = getattr(obj.specific if hasattr(obj, "specific") else obj, "issuer_id", None)
        return issuer_id is not None and user_has_role(user, issuer_id, {self.role})

    def user_can_access_editor(self, obj, user) -> bool:
        return self.holds_role(obj, user)

    def locked_for_user(self, obj, user) -> bool:
        # Content is frozen from trình ký on: the signer signs or returns what was submitted, and a change
        # needs "Ngừng quy trình" (back to dự thảo) and a new trình ký.
        return True

    def user_can_lock(self, obj, user) -> bool:
        return False

    def user_can_unlock(self, obj, user) -> bool:
        return False

    def get_actions(self, obj, user):
        if not self.holds_role(obj, user):
            return []
        approve, approve_with_comment = APPROVE_LABELS.get(self.role, (_("Duyệt"), _("Duyệt kèm ý kiến")))
        return [
            ("reject", _("Trả lại để sửa"), True),
            ("approve", approve, False),
            ("approve", approve_with_comment, True),
        ]

    def get_form_for_action(self, action):
        from .forms import CommentForm, IssueForm, ReturnForm

        if action == "reject":
            return ReturnForm
        return IssueForm if self.role == Role.VAN_THU else CommentForm

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from documents.models import DocumentPage
        from documents.permissions import user_issuer_ids

        in_progress = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return in_progress
        issuers = user_issuer_ids(user, {self.role})
        if not issuers:
            return TaskState.objects.none()
        page_ids = [str(pk) for pk in DocumentPage.objects.filter(issuer_id__in=issuers).values_list("pk", flat=True)]
        return in_progress.filter(workflow_state__object_id__in=page_ids)

    @classmethod
    def get_description(cls):
        return _("Người giữ vai trò đã chọn tại cơ quan ban hành của văn bản duyệt hoặc trả lại bước này")

    # -- what --------------------------------------------------------------------------------------
    def start(self, workflow_state, user=None):
        from .transitions import on_task_started

        task_state = super().start(workflow_state, user=user)
        on_task_started(workflow_state.content_object, self, user)
        return task_state

    def on_action(self, task_state, user, action_name, **kwargs):
        from .transitions import task_action

        return task_action(self, task_state, user, action_name, comment=kwargs.get("comment", ""),
                           issued_on=kwargs.get("issued_on"), copies=kwargs.get("copies"))

    def base_on_action(self, task_state, user, action_name, **kwargs):
        """Wagtail's own approve/reject, used by transitions once the document-specific work is done."""
        return super().on_action(task_state, user, action_name, **kwargs)
