"""Writing a document just built: the page and its child rows, then its first revision, published or not.

Wagtail's own way (add_child, save_revision, then publishing the revision) saves the page three times, validates
it twice and reads every child relation back from the database; an import does each write once. What Wagtail
records stays the same: the "wagtail.create" entry (add_child), one revision holding the page as saved, the
page's latest (and live) revision, publication dates, the "wagtail.publish" entry and page_published.
"""
from __future__ import annotations

from collections.abc import Sequence

from django.db import models
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.log_actions import log
from wagtail.models import Page, Revision
from wagtail.signals import page_published

from documents.models import DocumentAttachment, DocumentBasis, DocumentPage, DocumentRecipient


def save_new(parent: Page, page: DocumentPage, *, bases: list[DocumentBasis], recipients: list[DocumentRecipient],
             attachments: list[DocumentAttachment]) -> None:
    """Create ``page`` under ``parent`` with its child rows; afterwards they are all held in memory with their ids."""
    # The bases go with the page's own save: citations are read from them then (documents/citations.py). An empty
    # relation is left alone, or saving would ask the database which rows to delete.
    if bases:
        page.bases = bases
    if attachments:
        page.attachments = attachments
    # What Wagtail would look up on each save, known here: the parent's locale, and that a document page is no
    # site's root (Wagtail's own annotation, PageQuerySet.annotate_site_root_state).
    if page.locale_id is None:
        page.locale_id = parent.locale_id
    page._is_site_root = False
    parent.add_child(instance=page)
    for row in recipients:
        row.page = page
    DocumentRecipient.objects.bulk_create(recipients)  # one statement for the Nơi nhận lines, not one each
    # A page just created has no child rows but these (no comments, no relations yet): said here, the revision and
    # the reference index need not read them back.
    held: dict[str, Sequence[models.Model]] = {"bases": bases, "recipients": recipients, "attachments": attachments}
    for relation in get_all_child_relations(page):
        name = relation.get_accessor_name()
        setattr(page, name, list(held.get(name, [])))


def first_revision(page: DocumentPage, user, *, publish: bool) -> Revision:
    """The page's first revision (as save_revision makes it) and, with ``publish``, the page live from it (as
    publishing that revision does for a new page), written with one save of the page."""
    revision = Revision.objects.create(
        content_object=page, base_content_type=page.get_base_content_type(), user=user,
        content=page.serializable_data(), object_str=str(page),
    )
    page.latest_revision, page.latest_revision_created_at, page.draft_title = revision, revision.created_at, page.title
    fields = ["latest_revision", "latest_revision_created_at", "draft_title", "has_unpublished_changes"]
    page.has_unpublished_changes = not publish
    if publish:
        page.live, page.expired, page.live_revision = True, False, revision
        page.first_published_at = page.last_published_at = timezone.now()
        fields += ["live", "expired", "live_revision", "first_published_at", "last_published_at"]
    page.save(update_fields=fields, clean=False)  # the child rows are held in memory: none is written again
    if publish:
        log(instance=page, action="wagtail.publish", user=user, revision=revision, content_changed=True)
        page_published.send(sender=page.specific_class, instance=page, revision=revision)
    return revision
