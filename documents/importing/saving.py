"""Writing a document just built: the page and its child rows, then its first revision, published or not.

Wagtail's own way (add_child, save_revision, then publishing the revision) saves the page three times, validates
it twice and reads every child relation back from the database; an import does each write once. What Wagtail
records stays the same: the "wagtail.create" entry, one revision holding the page as saved, the page's latest
(and live) revision, publication dates, the "wagtail.publish" entry and page_published.
"""
from __future__ import annotations

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from treebeard.exceptions import PathOverflow
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published

from documents.citations import refresh_citations
from documents.models import DocumentAttachment, DocumentBasis, DocumentPage, DocumentRecipient

_PAGE_TABLE = Page._meta.db_table


def save_new(parent: Page, page: DocumentPage, *, bases: list[DocumentBasis], recipients: list[DocumentRecipient],
             attachments: list[DocumentAttachment]) -> None:
    """Create ``page`` under ``parent`` with its child rows; afterwards they are all held in memory with their ids."""
    # What Wagtail would look up on each save, known here: the parent's locale, and that a document page is no
    # site's root (Wagtail's own annotation, PageQuerySet.annotate_site_root_state).
    if page.locale_id is None:
        page.locale_id = parent.locale_id
    page._is_site_root = False
    # The citations are read once the bases are written below, not by the page's own save (documents/citations.py).
    page.defer_citations = True
    try:
        _add_child(parent, page)
    finally:
        del page.defer_citations  # a later save of this page reads its citations as usual
    # One statement per kind of child row rather than one per row (and none to ask which rows to replace).
    for rows in (bases, recipients, attachments):
        for row in rows:
            row.page = page
    DocumentBasis.objects.bulk_create(bases)
    DocumentRecipient.objects.bulk_create(recipients)
    DocumentAttachment.objects.bulk_create(attachments)
    # A page just created has no child rows but these (no comments, no relations yet): said here, the revision and
    # the reference index need not read them back.
    held: dict[str, Sequence[models.Model]] = {"bases": bases, "recipients": recipients, "attachments": attachments}
    for relation in get_all_child_relations(page):
        name = relation.get_accessor_name()
        setattr(page, name, list(held.get(name, [])))
    refresh_citations(page, new=True)


def _add_child(parent: Page, page: Page) -> None:
    """treebeard's ``parent.add_child(instance=page)`` (MP_AddChildHandler) in two queries rather than three, and
    saved without Wagtail's "wagtail.create" entry: first_revision writes it, with the publication's, unvalidated
    (Wagtail validates a log entry with three queries)."""
    # The UPDATE locks the parent's row to the end of the transaction, as add_child's SELECT … FOR UPDATE does
    # (two imports under one section take turns), and returns where the parent is.
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {_PAGE_TABLE} SET numchild = numchild + 1 WHERE id = %s RETURNING path, depth, numchild",
                       [parent.pk])
        path, depth, numchild = cursor.fetchone()
    page.depth, step = depth + 1, 1
    if numchild > 1:  # after the last child (numchild counts the new one already)
        last = (Page.objects.filter(depth=page.depth, path__range=Page._get_children_path_interval(path))
                .order_by("-path").values_list("path", flat=True).first())
        assert last is not None, "numchild counts children the parent does not have"
        step = Page._str2int(last[-Page.steplen:]) + 1
    page.path = Page._get_path(path, page.depth, step)
    if len(Page._int2str(step)) > Page.steplen or len(page.path) > Page._meta.get_field("path").max_length:
        raise PathOverflow("No more pages fit under this section")
    parent.numchild = numchild
    page._cached_parent_obj = parent
    page.save(log_action=None)


def first_revision(page: DocumentPage, user, *, publish: bool) -> Revision:
    """The page's first revision (as save_revision makes it) and, with ``publish``, the page live from it (as
    publishing that revision does for a new page), written with one UPDATE of the page."""
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
    # One UPDATE of the page's row: Page.save would add a savepoint and a post_save nobody needs here (the page's
    # search entry was written with its insert, or is written when the batch ends).
    Page.objects.filter(pk=page.pk).update(**{name: getattr(page, name) for name in fields})
    _log(page, user, revision if publish else None)
    if publish:
        page_published.send(sender=page.specific_class, instance=page, revision=revision)
    return revision


def _log(page: DocumentPage, user, published: Revision | None) -> None:
    """The entries wagtail.log_actions.log writes for a page's creation ("wagtail.create", by the page's owner)
    and its publication, written in one statement."""
    context = get_active_log_context()
    common = {"page": page, "content_type": ContentType.objects.get_for_model(page, for_concrete_model=False),
              "label": PageLogEntry.objects.get_instance_title(page), "uuid": context.uuid, "content_changed": True,
              "data": {}}
    entries = [PageLogEntry(action="wagtail.create", user=page.owner or context.user, timestamp=timezone.now(),
                            **common)]
    if published is not None:
        entries.append(PageLogEntry(action="wagtail.publish", user=user or context.user, revision=published,
                                    timestamp=timezone.now(), **common))
    PageLogEntry.objects.bulk_create(entries)
