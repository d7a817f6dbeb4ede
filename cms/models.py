"""Site structure: the home page; the section of each issuing body is documents.IssuerIndexPage."""
from __future__ import annotations

from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from documents.models import DocumentState, Issuer, IssuerIndexPage


class HomePage(Page):
    intro = models.TextField(_("giới thiệu"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["documents.IssuerIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Trang chủ")

    def get_context(self, request, *args, **kwargs):
        # documents.permissions pulls in guardian's and wagtaildocs' models: kept out of model loading.
        from documents.permissions import visible_documents

        context = super().get_context(request, *args, **kwargs)
        # Specific pages (a general document prints its own type name) without their bodies, and every issuer
        # with its section in one query: a fixed number of queries however many documents are listed.
        recent = list(visible_documents(request.user).filter(state=DocumentState.ISSUED)
                      .order_by("-issued_on", "-pk").defer_streamfields().specific()[:20])
        prefetch_related_objects(recent, Prefetch("issuer", queryset=Issuer.objects.select_related("index_page")))
        context["recent_documents"] = recent
        context["issuer_sections"] = IssuerIndexPage.objects.child_of(self).live().select_related("issuer")
        return context
