"""Admin wiring of the site itself: a way back from the admin to the reader site, the project's admin CSS, and the
project's search behind the admin's search boxes (cms/admin_search.py)."""
from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.admin_search import registered_document_ids
from cms.document_serving import serve_document
from documents.admin_listing import DOCUMENT_SEARCH_HOOK

# "/#main", not "/": the sidebar marks the item whose URL starts the current path, and every path starts with "/".
READER_SITE_URL = "/#main"


@hooks.register("register_admin_menu_item")
def reader_site_menu_item() -> MenuItem:
    return MenuItem(_("Trang đọc văn bản"), READER_SITE_URL, icon_name="site", order=10000)


# Issued documents' official HTML from the cache, with ETag and 304 (cms/document_serving.py).
hooks.register("on_serve_page", serve_document)


@hooks.register("insert_global_admin_css")
def admin_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("cms/admin.css"))


hooks.register(DOCUMENT_SEARCH_HOOK, registered_document_ids)


# Wagtail's own guides are English pages about Wagtail, not about this office's documents.
_FOREIGN_HELP = ("whats-new-in-wagtail-", "editor-guide")


@hooks.register("construct_help_menu")
def drop_wagtail_guides(request, menu_items: list) -> None:
    menu_items[:] = [item for item in menu_items if not item.name.startswith(_FOREIGN_HELP)]


@hooks.register("construct_main_menu")
def documents_not_pages(request, menu_items: list) -> None:
    """Wagtail's "Trang" (Pages) is where the office keeps its documents: named so."""
    for item in menu_items:
        if item.name == "explorer":
            item.label = _("Văn bản")
