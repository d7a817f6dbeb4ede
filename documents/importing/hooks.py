"""Admin registration of the batch import (imported from documents/wagtail_hooks.py): its pages and, for clerks,
its menu item."""
from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import batch_admin


@hooks.register("register_admin_urls")
def batch_import_urls():
    return [
        path("van-ban/nhap-lo/", batch_admin.BatchImportView.as_view(), name="vanban_batch_import"),
        path("van-ban/nhap-lo/<uuid:batch_id>/", batch_admin.BatchStatusView.as_view(), name="vanban_batch_status"),
        path("van-ban/nhap-lo/<uuid:batch_id>/bao-cao.csv", batch_admin.batch_report, name="vanban_batch_report"),
    ]


class BatchImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return batch_admin.is_batch_clerk(request.user)


@hooks.register("register_admin_menu_item")
def batch_import_menu_item():
    return BatchImportMenuItem(_("Nhập lô văn bản"), reverse("vanban_batch_import"), icon_name="upload",
                               order=312)
