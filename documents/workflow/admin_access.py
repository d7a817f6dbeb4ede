"""The read rule in the whole Wagtail admin (issue 14, item 4), not only in the explorer listing.

Two pieces, both needed because Wagtail has no single hook:
- ReadablePagePermissionPolicy replaces Wagtail's page permission policy in its registry, so every admin view
  that asks the registry which pages a user may explore or act on (admin pages API listing, `child_of`,
  `search`, site history, workflow reports, page search) leaves out the documents the user may not read;
- AdminReadRuleMiddleware refuses, with the 404 of a page that does not exist, every admin URL naming a document
  the user may not read (explorer header, editor, history, revisions, admin API detail, workflow views …).
"""
from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import Resolver404, resolve
from wagtail.permission_policies.pages import PagePermissionPolicy

from documents.permissions import hide_unreadable_documents, readable_documents, readable_files

# URL keyword arguments that name a page, in every admin view; `pk` names a page only in these namespaces.
PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
PAGE_PK_NAMESPACES = ("wagtailadmin_pages", "wagtailadmin_api:pages")
FILE_KWARGS = ("document_id", "doc_id")
FILE_PK_NAMESPACES = ("wagtaildocs_chooser", "wagtailadmin_api:documents")
# Our own admin views that check their own rule (clerks track and recall what they issued and sent, whoever
# may read it): left to them.
OWN_RULE_VIEWS = ("distribution_admin:", "vanban_recall")
MAX_ID = 2**63 - 1  # larger path integers name nothing (and the 404 comes from cms.security.input)


class ReadablePagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with the documents the user may not read left out of every page set."""

    def instances_user_has_any_permission_for(self, user, actions):
        return hide_unreadable_documents(super().instances_user_has_any_permission_for(user, actions), user)

    def explorable_instances(self, user):
        return hide_unreadable_documents(super().explorable_instances(user), user)


def install_policy() -> None:
    """Register the policy for every page model (called from the admin hooks module, before any lookup)."""
    from wagtail.models import AbstractPage, Page
    from wagtail.permissions import policy_registry

    if not isinstance(policy_registry.get_by_type(Page), ReadablePagePermissionPolicy):
        policy_registry.register(AbstractPage, value=ReadablePagePermissionPolicy(Page))


def _ids(match, names: tuple[str, ...], pk_namespaces: tuple[str, ...]) -> list[int]:
    ids = [match.kwargs[name] for name in names if name in match.kwargs]
    if "pk" in match.kwargs and match.namespace in pk_namespaces:
        ids.append(match.kwargs["pk"])
    return [int(value) for value in ids if str(value).isascii() and str(value).isdigit() and int(value) <= MAX_ID]


def refused(request: HttpRequest) -> bool:
    """Whether the admin URL names a document (or a document's file) the user may not read."""
    from documents.models import DocumentAttachment, DocumentPage

    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    user = request.user
    if not user.is_authenticated or user.is_superuser or match.view_name.startswith(OWN_RULE_VIEWS):
        return False
    page_ids = set(_ids(match, PAGE_KWARGS, PAGE_PK_NAMESPACES))
    if page_ids:
        documents = set(DocumentPage.objects.filter(pk__in=page_ids).values_list("pk", flat=True))
        if documents and len(documents & set(readable_documents(user).filter(pk__in=documents)
                                             .values_list("pk", flat=True))) < len(documents):
            return True
    file_ids = set(_ids(match, FILE_KWARGS, FILE_PK_NAMESPACES))
    if file_ids and DocumentAttachment.objects.filter(document_id__in=file_ids).exists():
        return readable_files(user).filter(pk__in=file_ids).count() < len(file_ids)
    return False


class AdminReadRuleMiddleware:
    """Listed in settings.MIDDLEWARE after authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.path_info.startswith("/admin/") and refused(request):
            raise Http404
        return self.get_response(request)
