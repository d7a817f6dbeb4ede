"""Xem văn bản in the admin: a registered (issued or recalled) document, read-only, in its official layout, with
what its reader in the office may do with it. Its text never changes after the number is given, so the listing's
title and every "Sửa" lead here (workflow/hooks.py, refuse_editing_issued) instead of to a refusal."""
from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import Promise
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from documents.models import DocumentPage, DocumentState, document_type_name
from documents.permissions import is_clerk

from .review import can_review
from .transitions import can_recall


@dataclass(frozen=True)
class Link:
    label: str | Promise
    url: str
    icon: str
    primary: bool = False
    download: bool = False


def document_links(page: DocumentPage, user) -> list[Link]:
    """What ``user`` may do with a registered document, most used first."""
    links = [Link(gettext_lazy("Tải PDF"), reverse("output:pdf", args=[page.pk]), "download", primary=True,
                  download=True),
             Link(gettext_lazy("Tải DOCX"), reverse("output:docx", args=[page.pk]), "download", download=True)]
    if is_clerk(user, page.issuer):
        links.append(Link(gettext_lazy("Theo dõi gửi văn bản"), reverse("distribution_admin:tracking", args=[page.pk]),
                          "mail"))
    if can_review(user, page):
        links.append(Link(gettext_lazy("Rà soát"), reverse("vanban_review", args=[page.pk]), "edit", primary=True))
    if page.live and page.url:
        links.append(Link(gettext_lazy("Trang đọc văn bản"), page.url, "globe"))
    links.append(Link(gettext_lazy("Lịch sử"), reverse("wagtailadmin_pages:history", args=[page.pk]), "history"))
    if can_recall(user, page):
        links.append(Link(gettext_lazy("Thu hồi"), reverse("vanban_recall", args=[page.pk]), "warning"))
    return links


class DocumentView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "documents/workflow/document_view.html"
    page_title = gettext_lazy("Xem văn bản")
    header_icon = "doc-full"

    def dispatch(self, request, page_id: int, *args, **kwargs):
        page = get_object_or_404(Page, id=page_id).specific
        # Whoever may open its editor or its history (Wagtail asks can_edit for both) may read it here.
        if not isinstance(page, DocumentPage) or not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        if not page.is_registered:
            return redirect("wagtailadmin_pages:edit", page.pk)
        self.document = page
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        """"Quy chế 01-QC/BCĐ: hoạt động của …": a trích yếu alone does not say which document it is."""
        page = self.document
        name = " ".join(p for p in (document_type_name(page).lower().capitalize(), page.notation) if p)
        return f"{name}: {page.title}"

    def get_breadcrumbs_items(self):
        parent = self.document.get_parent()
        return [{"url": reverse("wagtailadmin_explore", args=[parent.id]), "label": parent.title},
                {"url": "", "label": Truncator(self.get_page_subtitle()).chars(80)}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            document=self.document, page=self.document, links=document_links(self.document, self.request.user),
            recalled=self.document.state == DocumentState.RECALLED, **kwargs)


@hooks.register("construct_page_listing_buttons")
def view_not_edit_in_listing(buttons, page, user, context=None):
    """The listing's "…" menu of a registered document says "Xem văn bản" where Wagtail says "Sửa"."""
    document = page.specific_deferred
    if not isinstance(document, DocumentPage) or not document.is_registered:
        return
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    for button in [b for menu in buttons for b in getattr(menu, "dropdown_buttons", ())] + list(buttons):
        if (getattr(button, "url", None) or "").split("?")[0] == edit_url:  # with or without ?next=
            button.label, button.url, button.icon_name = _("Xem văn bản"), reverse("vanban_view", args=[page.pk]), "view"
            button.attrs = {**button.attrs, "aria-label": _("Xem văn bản")}


@hooks.register("register_admin_urls")
def document_view_urls():
    return [path("van-ban/<int:page_id>/", DocumentView.as_view(), name="vanban_view")]
