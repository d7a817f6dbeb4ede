"""The part of the site belonging to one issuer: documents live under it and roles are granted on its subtree.

Where the section may be created is the site's business: cms sets `parent_page_types` (CmsConfig.ready).
"""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .base import DocumentState


class IssuerIndexPage(Page):
    """The part of the site belonging to one issuer; roles are granted on this subtree."""

    issuer = models.OneToOneField(
        "documents.Issuer", verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="index_page",
    )
    # Which issuer a section belongs to is the administrator's to set: a clerk opening the section by its title
    # sees no issuer to change (the field is left out of the form for them, not only hidden).
    content_panels = Page.content_panels + [FieldPanel("issuer", permission="documents.change_issuer")]
    template = "cms/issuer_index_page.html"

    class Meta:
        db_table = "cms_issuerindexpage"  # created by the cms app before issue 9; the rows stay where they are
        verbose_name = _("Văn bản của cơ quan")

    def get_context(self, request, *args, **kwargs):
        # documents.permissions imports documents.models: a module-level import here would be circular.
        from documents.permissions import visible_documents

        context = super().get_context(request, *args, **kwargs)
        context["documents"] = (
            visible_documents(request.user).filter(issuer=self.issuer, state=DocumentState.ISSUED).order_by("-issued_on", "-pk")
        )
        return context
