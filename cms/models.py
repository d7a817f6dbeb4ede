"""Site structure: the home page and one section per issuing body."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.models_roles import IssuerCollection, IssuerRole  # noqa: F401


class HomePage(Page):
    intro = models.TextField(_("giới thiệu"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.IssuerIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Trang chủ")

    def get_context(self, request, *args, **kwargs):
        from documents.permissions import visible_documents

        context = super().get_context(request, *args, **kwargs)
        context["recent_documents"] = (
            visible_documents(request.user).filter(state="issued").order_by("-issued_on", "-pk")[:20]
        )
        context["issuer_sections"] = IssuerIndexPage.objects.child_of(self).live()
        return context


class IssuerIndexPage(Page):
    """The part of the site belonging to one issuer; roles are granted on this subtree."""

    issuer = models.OneToOneField(
        "documents.Issuer", verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="index_page",
    )
    content_panels = Page.content_panels + [FieldPanel("issuer")]
    parent_page_types = ["cms.HomePage"]

    class Meta:
        verbose_name = _("Văn bản của cơ quan")

    def get_context(self, request, *args, **kwargs):
        from documents.permissions import visible_documents

        context = super().get_context(request, *args, **kwargs)
        context["documents"] = (
            visible_documents(request.user).filter(issuer=self.issuer, state="issued").order_by("-issued_on", "-pk")
        )
        return context
