"""The workflow on the document itself: its actions in the editor's action menu, named as the office names them.

Wagtail's own workflow buttons are hidden (the content is locked from trình ký on) and its "cancel workflow" is
replaced by "Ngừng quy trình", which asks for confirmation; "Submit to …" is called "Trình ký".
"""
from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import (
    ActionMenuItem,
    CancelWorkflowMenuItem,
    PageLockedMenuItem,
    SubmitForModerationMenuItem,
)
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.widgets.button import Button

from documents.importing.admin_views import ImportDocumentView, ImportWaitView, can_start_from_file
from documents.models import DocumentPage, document_type_name

from . import admin_views
from .actions import ACTIONS, available_actions

ICONS = {"sign": "success", "sign_comment": "success", "issue": "success", "return": "arrow-left", "cancel": "error",
         "recall": "warning"}


class DocumentActionMenuItem(ActionMenuItem):
    """A link to one of the document's action pages (admin_views.py)."""

    def __init__(self, action: str, order: int):
        super().__init__(order=order)
        self.action = action
        self.name = f"vanban-{action.replace('_', '-')}"
        self.label, self.url_name = ACTIONS[action]
        self.icon_name = ICONS[action]

    def is_shown(self, context) -> bool:
        return True  # the list is built from available_actions

    def get_url(self, parent_context) -> str:
        url = reverse(self.url_name, args=[parent_context["page"].pk])
        return f"{url}?y-kien=1" if self.action == "sign_comment" else url


class SubmitMenuItem(SubmitForModerationMenuItem):
    """"Trình ký", through a dialog with a comment box (SubmitCommentMiddleware carries the comment)."""

    template_name = "documents/workflow/submit_menu_item.html"

    def get_context_data(self, parent_context):
        from .middleware import SUBMIT_COMMENT_FIELD

        context = super().get_context_data(parent_context)
        context["label"] = _("Trình ký")
        context["comment_field"] = SUBMIT_COMMENT_FIELD
        # A trình ký refused for the form's errors re-renders the editor: the comment typed stays in its box.
        request = parent_context.get("request")
        context["comment"] = request.POST.get(SUBMIT_COMMENT_FIELD, "") if request and request.method == "POST" else ""
        return context


@hooks.register("construct_page_action_menu")
def document_action_menu(menu_items, request, context):
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = SubmitMenuItem(order=item.order)
    page = context.get("page")
    if context.get("view") != "edit" or not isinstance(page, DocumentPage):
        return
    actions = available_actions(page, request.user)
    # Wagtail's cancel has no confirmation and "Page locked" says nothing useful: the document's own actions instead.
    menu_items[:] = [item for item in menu_items
                     if not isinstance(item, CancelWorkflowMenuItem | PageLockedMenuItem)]
    ours = [DocumentActionMenuItem(action, order=-100 + n) for n, action in enumerate(actions)]
    menu_items[:0] = ours


@hooks.register("register_admin_urls")
def document_action_urls():
    return [
        path("van-ban/<int:page_id>/ky-duyet/", admin_views.SignView.as_view(), name="vanban_sign"),
        path("van-ban/<int:page_id>/tra-lai/", admin_views.ReturnView.as_view(), name="vanban_return"),
        path("van-ban/<int:page_id>/ban-hanh/", admin_views.IssueView.as_view(), name="vanban_issue"),
        path("van-ban/<int:page_id>/ngung-quy-trinh/", admin_views.CancelView.as_view(), name="vanban_cancel"),
        path("van-ban/nhap-tep/<int:section_id>/", ImportDocumentView.as_view(), name="vanban_import"),
        path("van-ban/nhap-tep/<int:section_id>/<str:job_id>/", ImportWaitView.as_view(), name="vanban_import_wait"),
    ]


@hooks.register("register_page_header_buttons")
def start_from_file_button(page, user, view_name=None, next_url=None):
    if view_name == "index" and can_start_from_file(user, page):
        yield Button(_("Tạo văn bản từ tệp"), reverse("vanban_import", args=[page.pk]), icon_name="upload",
                     priority=5)


@hooks.register("construct_homepage_panels")
def todo_panel(request, panels):
    """"Việc cần làm" first; Wagtail's "Chờ bạn duyệt" goes: it listed the same steps again, a clerk's ban hành
    among them as something to "duyệt"."""
    from .todo import TodoPanel

    panels[:] = [panel for panel in panels if getattr(panel, "name", "") != "workflow_objects_to_moderate"]
    panels.insert(0, TodoPanel(request.user))


@hooks.register("before_edit_page")
def explain_the_lock(request, page):
    """Why a draft came back, where the drafter works on it. A locked document's banner is the lock's own
    (documents.workflow.models.ContentLock), with what was said at trình ký and at signing."""
    from django.contrib import messages

    from documents.models import DocumentState

    if request.method == "GET" and isinstance(page, DocumentPage) and page.state == DocumentState.DRAFT:
        from .notes import return_note

        returned = return_note(page)
        if returned is not None:
            who, comment = returned
            text = (_("Văn bản bị %(who)s trả lại để sửa, với ý kiến: %(comment)s") % {"who": who, "comment": comment}
                    if comment else _("Văn bản bị %(who)s trả lại để sửa.") % {"who": who})
            messages.warning(request, text)


@hooks.register("insert_editor_js")
def locked_editor_js() -> str:
    """Read-only fields while the content is locked (the banner of ``ContentLock`` marks it)."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}"></script>', static("documents/locked_editor.js"))


@hooks.register("before_create_page")
def say_where_the_usual_lines_come_from(request, parent_page, page_class):
    """The new document's căn cứ and Nơi nhận are copied from the issuer's latest issued one (forms.py,
    drafting.usual_start): say from which, so that lines foreign to this document are not issued with it."""
    from django.contrib import messages

    from documents.drafting import usual_start
    from documents.models import document_type_name

    issuer_id = getattr(parent_page.specific, "issuer_id", None)
    if request.method != "GET" or issuer_id is None or not issubclass(page_class, DocumentPage):
        return
    copied = usual_start(issuer_id, page_class.kind).copied_from
    if copied:
        names = ", ".join(f"{document_type_name(p).capitalize()} {p.notation or p.title}".strip() for p in copied)
        messages.info(request, _("Căn cứ và Nơi nhận được điền sẵn theo %(documents)s: hãy sửa hoặc xóa những dòng "
                                 "không đúng với văn bản này.") % {"documents": names})


_wagtail_edit_title = EditView.get_page_title


def _edit_title(view: EditView) -> str:
    """"Sửa Nghị quyết", not the class's "Sửa Văn bản khác": Wagtail names the editor after the page class, and
    one class holds every type without a page kind of its own (the type is the document's, see van_ban_khac)."""
    page = getattr(view, "page", None)
    if isinstance(page, DocumentPage) and (name := document_type_name(page)):
        return _("Sửa %(kind)s") % {"kind": name.lower().capitalize()}
    return _wagtail_edit_title(view)


EditView.get_page_title = _edit_title
