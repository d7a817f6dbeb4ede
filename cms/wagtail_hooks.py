"""Admin wiring of the site itself: a way back from the admin to the reader site, and the project's admin CSS."""
from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

# "/#main", not "/": the sidebar marks the item whose URL starts the current path, and every path starts with "/".
READER_SITE_URL = "/#main"


@hooks.register("register_admin_menu_item")
def reader_site_menu_item() -> MenuItem:
    return MenuItem(_("Trang đọc văn bản"), READER_SITE_URL, icon_name="site", order=10000)


@hooks.register("insert_global_admin_css")
def admin_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("cms/admin.css"))
