"""Admin wiring of the site itself: a way back from the admin to the reader site."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_menu_item")
def reader_site_menu_item() -> MenuItem:
    return MenuItem(_("Trang đọc văn bản"), "/", icon_name="site", order=10000)
