"""Admin wiring of the site itself: a way back from the admin to the reader site."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.document_serving import serve_document

# "/#main", not "/": the sidebar marks the item whose URL starts the current path, and every path starts with "/".
READER_SITE_URL = "/#main"


@hooks.register("register_admin_menu_item")
def reader_site_menu_item() -> MenuItem:
    return MenuItem(_("Trang đọc văn bản"), READER_SITE_URL, icon_name="site", order=10000)


# Issued documents' official HTML from the cache, with ETag and 304 (cms/document_serving.py).
hooks.register("on_serve_page", serve_document)
