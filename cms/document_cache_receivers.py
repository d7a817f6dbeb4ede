"""Forget cached renderings of a document (cms/document_cache.py) on the signals that drive the search index.

Every change that alters what a reader sees or who may read it sends one of documents.signals (or Wagtail's
publish, unpublish, delete); an issuer's name or superior is printed in every document it issued, a section page's
title is shown beside them and the site's name heads every page, so changing any of them forgets all documents.
"""
from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished

from documents.models import Citation, DocumentPage, Issuer, IssuerIndexPage
from documents.signals import document_changed, document_issued, document_recalled

from .document_cache import renew_generation


@receiver(document_issued, dispatch_uid="cache-document-issued")
@receiver(document_recalled, dispatch_uid="cache-document-recalled")
@receiver(document_changed, dispatch_uid="cache-document-changed")
def document_lifecycle(sender, page=None, **kwargs) -> None:
    if page is not None and page.pk:
        renew_generation(page.pk)


@receiver(document_recalled, dispatch_uid="cache-citing-recalled")
def cited_document_recalled(sender, page=None, **kwargs) -> None:
    """The documents citing a recalled one now say "(đã thu hồi)" beside it."""
    if page is not None and page.pk:
        for source_id in set(Citation.objects.filter(target_id=page.pk).values_list("source_id", flat=True)):
            renew_generation(source_id)


@receiver(page_published, dispatch_uid="cache-page-published")
@receiver(page_unpublished, dispatch_uid="cache-page-unpublished")
def page_visibility_changed(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, DocumentPage):
        renew_generation(instance.pk)
    elif isinstance(instance, IssuerIndexPage):
        renew_generation()


@receiver(post_delete, sender=DocumentPage, dispatch_uid="cache-page-deleted")
def page_deleted(sender, instance=None, **kwargs) -> None:
    renew_generation(instance.pk)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="cache-restriction-saved")  # who may open a subtree
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="cache-restriction-deleted")
@receiver(post_save, sender=Site, dispatch_uid="cache-site-saved")  # the site's name heads every page
@receiver(post_save, sender=Issuer, dispatch_uid="cache-issuer-saved")
def issuer_saved(sender, instance=None, raw=False, **kwargs) -> None:
    if not raw:
        renew_generation()
