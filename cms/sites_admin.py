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


class VietnameseSiteViewSet(SiteViewSet):
    index_view_class = SiteIndexView


def site_viewset() -> SiteViewSet:
    # Same name and prefix as Wagtail's; registered before it (a lower hook order), so its URLs answer first.
    return VietnameseSiteViewSet("wagtailsites", url_prefix="sites")
