"""Public syndication: /sitemap.xml and the /feed/ RSS of issued documents, both as an anonymous reader sees them.

They never depend on who asks (crawlers and caches see one answer): documents appear only when public and issued.
"""
from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from documents.permissions import hide_unreadable_documents, visible_documents
from documents.text.vietnamese import after_type_name


def public_documents():
    return visible_documents(AnonymousUser())


class PublicSitemap(Sitemap):
    def items(self):
        return hide_unreadable_documents(super().items(), AnonymousUser())


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"wagtail": PublicSitemap})


def _type(item) -> str:
    """ "THÔNG TRI" or "Thông tri" → "Thông tri", as in running text."""
    return capfirst(item.type_name.lower())


class IssuedDocumentsFeed(Feed):
    title = _("Văn bản mới ban hành")
    link = "/"
    description = _("Các văn bản công khai mới ban hành.")

    def items(self):
        # By ngày ban hành, as the home page lists them: a past document imported today is not "mới ban hành".
        return public_documents().order_by(F("issued_on").desc(nulls_last=True), "-first_published_at",
                                           "-pk").specific()[:50]

    def item_title(self, item):
        """ "Thông tri 03-TT/ĐU về lãnh đạo …", "Biên bản họp …": type, number and trích yếu, as a clerk names it."""
        return " ".join(part for part in (_type(item), item.notation, after_type_name(item.title)) if part)

    def item_description(self, item):
        return f"{_type(item)} {after_type_name(item.title)}".strip()

    def item_link(self, item):
        return item.get_url()

    def item_pubdate(self, item):
        """The day it was issued (at the start of that day, local time); when it was put on the site if undated."""
        if item.issued_on is None:
            return item.first_published_at
        return timezone.make_aware(datetime.datetime.combine(item.issued_on, datetime.time()))
