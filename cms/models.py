"""Site structure: the home page; the section of each issuing body is documents.IssuerIndexPage."""
from __future__ import annotations

from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from documents.kinds import with_own_type_names
from documents.models import DocumentState, Issuer, IssuerIndexPage


class HomePage(Page):
    intro = models.TextField(_("giới thiệu"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["documents.IssuerIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Trang chủ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Generic pages without their bodies (specific only where a general document prints its own type name),
        # and every issuer with its section in one query: a fixed number of queries however many are listed.
        recent = with_own_type_names(list(recent_documents(request.user).defer_streamfields()[:RECENT_COUNT]))
        prefetch_related_objects(recent, Prefetch("issuer", queryset=Issuer.objects.select_related("index_page")))
        context["recent_documents"] = recent
        context["issuer_sections"] = IssuerIndexPage.objects.child_of(self).live().select_related("issuer")
        return context

    def serve(self, request, *args, **kwargs):
        from cms import anonymous_cache

        response = super().serve(request, *args, **kwargs)
        anonymous_cache.mark_listing(request, response, "home")  # checked by home_listing_version
        return response


RECENT_COUNT = 20


def recent_documents(user):
    """The home page's list: the issued documents the user may see, newest first."""
    # documents.permissions pulls in guardian's and wagtaildocs' models: kept out of model loading.
    from documents.permissions import visible_documents

    return visible_documents(user).filter(state=DocumentState.ISSUED).order_by("-issued_on", "-pk")


def home_listing_version() -> tuple:
    """What an anonymous reader's home page shows, as versions: the listed documents and the home page's own."""
    listed = recent_documents(None).values_list("pk", "latest_revision_id", "last_published_at", "legal_status",
                                                "issuer_id", "url_path")[:RECENT_COUNT]
    home = HomePage.objects.values_list("pk", "latest_revision_id", "last_published_at", "live")
    return tuple(listed), tuple(home)
