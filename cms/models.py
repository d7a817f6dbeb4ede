"""Site structure: the home page; the section of each issuing body is documents.IssuerIndexPage."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from documents.models import DocumentState, IssuerIndexPage


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
        context["recent_documents"] = (
            visible_documents(request.user).filter(state=DocumentState.ISSUED).order_by("-issued_on", "-pk")[:20]
        )
        context["issuer_sections"] = IssuerIndexPage.objects.child_of(self).live()
        return context
