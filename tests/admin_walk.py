"""The admin pages each role of the demonstration visits, as URLs built from the loaded demo data."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.models import Page, TaskState

from documents.models import DocumentPage, Issuer

KINDS = ("quychepage", "quyetdinhpage", "kehoachpage", "baocaopage", "bienbanpage")
ROLES = ("soanthao", "lanhdao", "vanthu", "quantri")

COMMON = [
    "/admin/", "/admin/pages/", "/admin/pages/search/?q=k%E1%BA%BF+ho%E1%BA%A1ch", "/admin/account/",
    "/admin/reports/workflow/", "/admin/reports/workflow_tasks/", "/admin/reports/locked/",
    "/admin/reports/site-history/", "/admin/reports/aging-pages/",
    "/admin/documents/", "/admin/documents/chooser/", "/admin/images/", "/admin/images/chooser/",
    "/admin/choose-page/", "/admin/choose-page/search/?q=quy", "/admin/phat-hanh/",
    # searches that find documents through the project's search: notation, number, words without marks
    "/admin/pages/search/?q=01-QC%2FBC%C4%90", "/admin/pages/search/?q=01", "/admin/pages/search/?q=ke+hoach",
    "/admin/choose-page/search/?q=ke+hoach",
]
# Getting in: the admin's and the reader site's login and password reset pages, before logging in.
ANONYMOUS = ["/admin/login/", "/admin/password_reset/", "/dang-nhap/", "/quen-mat-khau/", "/quen-mat-khau/da-gui/",
             "/khong-co-trang-nay/"]
SUPERUSER_ONLY = ["/admin/users/", "/admin/groups/", "/admin/workflows/list/", "/admin/workflows/tasks/index/",
                  "/admin/collections/", "/admin/sites/", "/admin/sites/new/", "/admin/snippets/documents/term/",
                  "/admin/snippets/documents/term/add/"]


def _documents_of_each_kind() -> list[DocumentPage]:
    found: dict[str, DocumentPage] = {}
    for page in DocumentPage.objects.order_by("pk").specific():
        found.setdefault(type(page).__name__.lower(), page)
    return [found[k] for k in KINDS if k in found]


def admin_urls(username: str) -> list[str]:
    """The pages one demo role uses: dashboard, explorer of the issuer's section, editors, history, dialogs."""
    section = Issuer.objects.get(code="BCĐ").index_page  # the issuer's section (its model is moving, issue 9)
    urls = list(COMMON)
    urls += [f"/admin/pages/{section.pk}/", f"/admin/pages/{Page.get_first_root_node().pk}/",
             f"/admin/pages/{section.pk}/add_subpage/"]
    if username in ("soanthao", "quantri"):
        urls += [f"/admin/pages/add/documents/{kind}/{section.pk}/" for kind in KINDS]
    for page in _documents_of_each_kind():
        urls += [f"/admin/pages/{page.pk}/edit/", f"/admin/pages/{page.pk}/history/", f"/admin/van-ban/{page.pk}/"]
    draft = DocumentPage.objects.filter(slug="ke-hoach-du-thao-tap-huan").first()
    if draft is not None:
        urls += [f"/admin/pages/{draft.pk}/edit/", f"/admin/pages/{draft.pk}/history/",
                 f"/admin/pages/{draft.pk}/delete/", f"/admin/pages/{draft.pk}/move/",
                 f"/admin/pages/{draft.pk}/copy/"]
    waiting = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).select_related("revision").first()
    if waiting is not None:
        page_id = waiting.workflow_state.base_form_object_id if hasattr(waiting.workflow_state, "base_form_object_id") \
            else waiting.workflow_state.object_id
        urls += [f"/admin/pages/{page_id}/edit/", f"/admin/pages/{page_id}/history/",
                 f"/admin/pages/{page_id}/workflow_history/"]
        if username in ("lanhdao", "quantri"):  # the dialogs of the signer's task
            urls += [f"/admin/pages/workflow/action/{page_id}/{action}/{waiting.pk}/" for action in ("approve", "reject")]
    if username == "quantri":
        urls += SUPERUSER_ONLY
    return urls


def user(username: str):
    return get_user_model().objects.get(username=username)
