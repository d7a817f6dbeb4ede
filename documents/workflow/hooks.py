"""Wagtail hooks enforcing issue 3 on the page, file and admin channels (imported by documents/wagtail_hooks.py)."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.functional import cached_property, classproperty
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.log_actions import LogFormatter
from wagtail.models import Page

from documents.admin_listing import admin_search_ids, in_order, searchable_by, with_document_columns
from documents.models import DocumentPage, DocumentState, LegalStatus
from documents.permissions import can_download, can_view, hide_unreadable_documents

from .admin_access import install_policy
from .admin_views import RecallView
from .review import can_review
from .transitions import can_recall


# -- audit log -----------------------------------------------------------------------------------------
class DocumentLogFormatter(LogFormatter):
    def format_comment(self, log_entry):
        return log_entry.data.get("comment", "")


SIMPLE_LOG_ACTIONS = {
    "vanban.submit": (gettext_lazy("Trình ký"), gettext_lazy("Đã trình ký")),
    "vanban.sign": (gettext_lazy("Ký duyệt"), gettext_lazy("Lãnh đạo đã ký duyệt")),
    "vanban.recall": (gettext_lazy("Thu hồi"), gettext_lazy("Đã thu hồi")),
    "vanban.cancel": (gettext_lazy("Ngừng quy trình"), gettext_lazy("Đã ngừng quy trình: văn bản trở lại dự thảo")),
    "vanban.unsign": (gettext_lazy("Sửa sau khi ký"),
                      gettext_lazy("Nội dung bị sửa sau khi ký: văn bản trở lại dự thảo, phải trình ký lại")),
}


@hooks.register("register_log_actions")
def register_document_log_actions(actions):
    for action, (label, message) in SIMPLE_LOG_ACTIONS.items():
        actions.register_action(action)(type("Formatter", (DocumentLogFormatter,), {"label": label, "message": message}))

    @actions.register_action("vanban.return")
    class ReturnFormatter(DocumentLogFormatter):
        label = gettext_lazy("Trả lại để sửa")

        def format_message(self, log_entry):
            step = log_entry.data.get("step")
            return _("Trả lại để sửa ở bước “%(step)s”") % {"step": step} if step else _("Trả lại để sửa")

    @actions.register_action("vanban.issue")
    class IssueFormatter(DocumentLogFormatter):
        label = gettext_lazy("Ban hành")

        def format_message(self, log_entry):
            return _("Đã cấp số %(notation)s và ban hành") % {"notation": log_entry.data.get("notation", "")}

    @actions.register_action("vanban.status")
    class StatusFormatter(DocumentLogFormatter):
        label = gettext_lazy("Đổi tình trạng hiệu lực")

        def format_message(self, log_entry):
            status = log_entry.data.get("status", "")
            label = LegalStatus(status).label if status in LegalStatus.values else status
            return _("Tình trạng hiệu lực: %(status)s (do văn bản %(source)s)") % {
                "status": label, "source": log_entry.data.get("source_notation", "")}


# -- reader channels -----------------------------------------------------------------------------------
def _refuse(request, item):
    """404 exactly as if the item did not exist (issue 14): a redirect to the login page would tell an anonymous
    caller that an internal document exists. The 404 page itself offers the login link to everyone."""
    raise Http404


@hooks.register("before_serve_page")
def check_document_access(page, request, serve_args, serve_kwargs):
    if isinstance(page, DocumentPage) and not can_view(request.user, page):
        return _refuse(request, page)
    return None


@hooks.register("before_serve_document")
def check_attachment_access(document, request):
    if not can_download(request.user, document):
        return _refuse(request, document)
    return None


# -- admin ---------------------------------------------------------------------------------------------
install_policy()  # the read rule in every admin view that asks Wagtail's policy registry (admin_access.py)


class _ReadablePagesPolicy:
    """Wagtail's page policy, with the documents the user may not read left out of the explorable pages."""

    def __init__(self, policy):
        self._policy = policy

    def __getattr__(self, name):
        return getattr(self._policy, name)

    def explorable_instances(self, user):
        return hide_unreadable_documents(self._policy.explorable_instances(user), user)


class ReadableSearchView(SearchView):
    """The admin page search (it has no queryset hook): documents the user may not read are not found; documents
    are found by the project's search and the folded lookup (documents/admin_listing.py) before Wagtail's own."""

    @cached_property
    def permission_policy(self):
        return _ReadablePagesPolicy(super().permission_policy)

    @classproperty
    def columns(cls):
        return with_document_columns(SearchView.columns)

    # Wagtail's count above the results names the model ("1–1 trong 1 trang"); its search view names none ("None").
    verbose_name = Page._meta.verbose_name
    verbose_name_plural = Page._meta.verbose_name_plural

    def get_queryset(self):
        pages = super().get_queryset()
        readable = Page.objects.filter(pk__in=self.permission_policy.explorable_instances(self.request.user))
        found = admin_search_ids(self.search_query, readable, self.request.user)
        if not found:
            return pages
        if self.selected_content_type:
            readable = readable.filter(content_type=self.selected_content_type)
        ids = list(dict.fromkeys([*found, *(page.pk for page in pages[:50])]))
        self.all_pages = in_order(readable, ids)  # the count shown above the results
        return self.annotate_queryset(self.all_pages)


class DocumentExplorableIndexView(ExplorableIndexView):
    """The explorer with the document columns; its search box uses the same document search."""

    base_columns = with_document_columns(ExplorableIndexView.base_columns)

    def search_queryset(self, queryset):
        if self.is_searching:
            for hook in hooks.get_hooks("construct_explorer_page_queryset"):
                queryset = hook(self.parent_page, queryset, self.request)
            found = admin_search_ids(self.search_query, queryset, self.request.user)
            if found:
                return in_order(queryset, found)
        return super().search_queryset(queryset)


class DocumentAwarePageViewSet(PageViewSet):
    search_view_class = ReadableSearchView
    index_view_class = DocumentExplorableIndexView


@hooks.register("register_admin_viewset")
def register_page_viewset():
    return DocumentAwarePageViewSet()  # replaces Wagtail's base page viewset (registered with order=-1)


@hooks.register("construct_explorer_page_queryset")
def explorer_hides_unreadable(parent_page, pages, request):
    return hide_unreadable_documents(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def chooser_hides_unreadable(pages, request):
    """Only what the user may read, and its search box is the admin's document search."""
    return searchable_by(hide_unreadable_documents(pages, request.user), request.user)


@hooks.register("construct_document_chooser_queryset")
def document_chooser_hides_unreadable(documents, request):
    from documents.permissions import readable_files

    if request.user.is_superuser:
        return documents
    return documents.filter(pk__in=readable_files(request.user).values("pk"))


@hooks.register("before_edit_page")
def refuse_editing_issued(request, page):
    if isinstance(page, DocumentPage) and page.is_registered:
        if can_review(request.user, page):  # an import still "cần rà soát": its clerk corrects it there
            messages.info(request, _("Văn bản đã ban hành: chỉ rà soát được những gì máy đọc sai so với bản gốc."))
            return redirect("vanban_review", page.pk)
        if request.method == "POST":  # a form sent from a stale tab: say why nothing was saved
            messages.error(request, _(
                "Văn bản đã ban hành không được sửa. Muốn thay đổi nội dung, hãy soạn văn bản sửa đổi, bổ sung, "
                "thay thế hoặc đính chính văn bản này."
            ))
        # To read it, not to a refusal: the listing's title and every "Sửa" lead to the editor (document_admin.py).
        return redirect("vanban_view", page.pk)
    return None


@hooks.register("after_copy_page")
def copy_starts_as_draft(request, page, new_page):
    """A copy of a document is a new draft: no number, no state, no legal status carried over."""
    from wagtail.actions.unpublish_page import UnpublishPageAction

    from .transitions import write_fields

    if not isinstance(new_page.specific, DocumentPage):
        return None
    copy = new_page.specific
    if copy.live:
        UnpublishPageAction(copy, user=request.user).execute(skip_permission_checks=True)
    write_fields(copy, number=None, notation="", notation_key="", issued_on=None, state=DocumentState.DRAFT,
                 legal_status=LegalStatus.NOT_YET, signer_user=None)
    return None


class RecallButton(PageMenuItem):
    label = gettext_lazy("Thu hồi")
    icon_name = "warning"
    url_name = "vanban_recall"


def _recall_buttons(page, user, priority):
    if isinstance(page.specific_deferred, DocumentPage) and page.specific_deferred.state == DocumentState.ISSUED:
        if can_recall(user, page.specific_deferred):
            yield RecallButton(page=page, priority=priority)


@hooks.register("register_page_listing_more_buttons")
def recall_listing_button(page, user, next_url=None):
    yield from _recall_buttons(page, user, 45)


@hooks.register("register_page_header_buttons")
def recall_header_button(page, user, view_name, next_url=None):
    yield from _recall_buttons(page, user, 62)


@hooks.register("register_admin_urls")
def recall_urls():
    return [path("van-ban/<int:page_id>/thu-hoi/", RecallView.as_view(), name="vanban_recall")]

