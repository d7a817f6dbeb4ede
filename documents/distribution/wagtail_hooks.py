"""Wagtail admin registration of the distribution area (imported from documents/wagtail_hooks.py)."""
from __future__ import annotations

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from documents.models import DocumentPage, Recipient, RecipientList
from documents.permissions import is_clerk

from . import admin_views
from .chooser import RecipientChooserViewSet
from .receipt import mark_read
from .register_admin import clerk_issuers, register_view


class RecipientViewSet(SnippetViewSet):
    model = Recipient
    chooser_viewset_class = RecipientChooserViewSet
    icon = "group"
    menu_label = "Danh bạ nơi nhận"
    list_display = ["name", "kind", "email", "user", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "name_key", "aliases", "email"]  # name_key: without diacritics
    ordering = ["name"]


class RecipientListViewSet(SnippetViewSet):
    model = RecipientList
    icon = "list-ul"
    menu_label = "Danh sách nơi nhận"
    list_display = ["name"]
    search_fields = ["name"]


class DistributionGroup(SnippetViewSetGroup):
    items = (RecipientViewSet, RecipientListViewSet)
    menu_icon = "mail"
    menu_label = "Nơi nhận"
    menu_name = "noi-nhan"


register_snippet(DistributionGroup)


@hooks.register("register_admin_urls")
def distribution_admin_urls():
    patterns = [
        path("", admin_views.index, name="index"),
        path("<int:page_id>/", admin_views.tracking, name="tracking"),
        path("so-van-ban-di/", register_view, name="register"),
    ]
    return [path("phat-hanh/", include((patterns, "distribution_admin"), namespace="distribution_admin"))]


class ClerkMenuItem(MenuItem):
    """Shown to clerks only: sending and the register are theirs (others found an empty page there)."""

    def is_shown(self, request) -> bool:
        return bool(clerk_issuers(request.user))


@hooks.register("register_admin_menu_item")
def distribution_menu_item():
    # Short enough for the sidebar (the whole name was cut off there); the page it opens says it in full.
    return ClerkMenuItem(_("Theo dõi gửi"), reverse("distribution_admin:index"), icon_name="mail", order=310)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ClerkMenuItem(_("Sổ văn bản đi"), reverse("distribution_admin:register"), icon_name="list-ul", order=311)


def _tracking_button(page, user, priority: int):
    row = DocumentPage.objects.filter(pk=page.pk).select_related("issuer").only("issuer", "state").first()
    if row is None or not row.is_registered or not is_clerk(user, row.issuer):
        return []
    return [Button(_("Theo dõi gửi văn bản"), reverse("distribution_admin:tracking", args=[page.pk]), icon_name="mail",
                   priority=priority)]


@hooks.register("register_page_header_buttons")
def tracking_header_button(page, user, view_name=None, next_url=None):
    return _tracking_button(page, user, 66)


@hooks.register("register_page_listing_more_buttons")
def tracking_listing_button(page, user, next_url=None):
    return _tracking_button(page, user, 55)


@hooks.register("on_serve_page")
def mark_read_when_served(serve):
    """Opening a document's page marks the reader's copy "đã xem" (only when the page was actually shown)."""

    def wrapped(page, request, args, kwargs):
        response = serve(page, request, args, kwargs)
        user = getattr(request, "user", None)
        if (getattr(response, "status_code", 0) == 200 and user is not None and user.is_authenticated
                and isinstance(page, DocumentPage)):
            mark_read(user, page.pk)
        return response

    return wrapped


@hooks.register("insert_editor_js")
def recipients_editor_js() -> str:
    """Choosing a Nơi nhận entry fills its printed name in the browser at once (recipients.js)."""
    return format_html('<script src="{}"></script>', static("documents/recipients.js"))
