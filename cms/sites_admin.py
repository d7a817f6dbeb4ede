"""Wagtail's Sites admin (superusers) with column headers in Vietnamese: Wagtail labels three of its columns with
the field names themselves ("Port", "Site name", "Root page"), which no catalogue can translate."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, StatusFlagColumn, TitleColumn
from wagtail.sites.views import IndexView, SiteViewSet


class SiteIndexView(IndexView):
    columns = [
        TitleColumn("hostname", label=_("Tên máy chủ"), sort_key="hostname", url_name="wagtailsites:edit"),
        Column("port", label=_("Cổng"), sort_key="port"),
        Column("site_name", label=_("Tên trang web")),
        Column("root_page", label=_("Trang gốc")),
        StatusFlagColumn("is_default_site", label=_("Mặc định?"), true_label=_("Mặc định")),
    ]


def use_vietnamese_site_columns() -> None:
    """Wagtail's own Sites viewset lists with our columns. Set on its class before the admin URLs are built (at
    app ready), so there is one "wagtailsites" namespace rather than a second viewset shadowing Wagtail's."""
    SiteViewSet.index_view_class = SiteIndexView
