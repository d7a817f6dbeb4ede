"""The read rule as a query: which documents a user may read, and whether one given document is readable."""
from __future__ import annotations

from typing import cast

from django.db.models import Q, QuerySet
from wagtail.query import PageQuerySet

from documents.models import (
    DRAFT_ROLES,
    DocumentPage,
    DocumentRecipient,
    DocumentState,
    Recipient,
    Visibility,
)

from .cache import User, remembered
from .grants import granted_q
from .membership import issuers_below, user_issuer_ids


def _recipient_closure_up(recipient_ids: set[int]) -> set[int]:
    """Directory entries reaching these ones: themselves and every group/class containing them."""
    found, frontier = set(), set(recipient_ids)
    while frontier:
        found |= frontier
        frontier = set(Recipient.members.through.objects.filter(to_recipient_id__in=frontier)
                       .values_list("from_recipient_id", flat=True)) - found
    return found


def _recipient_ids_for_user(user: User) -> set[int]:
    direct = Q(user=user)
    member_of = user_issuer_ids(user)
    if member_of:
        direct |= Q(issuer_id__in=member_of)
    return _recipient_closure_up(set(Recipient.objects.filter(direct).values_list("pk", flat=True)))


def _readable_q(user: User | None, issued_states: tuple[str, ...] = (DocumentState.ISSUED,)) -> Q | None:
    """Q over DocumentPage for documents the user may read in any state; None means no restriction.
    ``issued_states``: the states read as issued (a recalled document, to ask who could read it before)."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return None
    issued = Q(state__in=issued_states)
    q = issued & Q(visibility=Visibility.PUBLIC)
    if user is None or not user.is_authenticated or not user.is_active:
        return q
    member_of = user_issuer_ids(user)
    if member_of:
        below = remembered(user, "issuers_below", lambda: issuers_below(member_of))
        q |= issued & Q(visibility=Visibility.INTERNAL, issuer_id__in=below)
    restricted = granted_q(user)
    recipient_ids = remembered(user, "recipients", lambda: _recipient_ids_for_user(user))
    if recipient_ids:
        restricted |= Q(pk__in=DocumentRecipient.objects.filter(recipient_id__in=recipient_ids).values("page_id"))
    # Named grants and being a recipient open internal documents too: sending gives the receiver read access.
    q |= issued & Q(visibility__in=[Visibility.INTERNAL, Visibility.RESTRICTED]) & restricted
    drafting = user_issuer_ids(user, DRAFT_ROLES)
    if drafting:
        q |= ~issued & Q(issuer_id__in=drafting)
    return q


def readable_documents(user: User | None) -> QuerySet[DocumentPage]:
    """Documents the user may read, in any state and whether live or not (admin, files)."""
    q = _readable_q(user)
    return DocumentPage.objects.all() if q is None else DocumentPage.objects.filter(q)


def visible_documents(user: User | None) -> QuerySet[DocumentPage]:
    """Live documents the user may read: what every reader channel may show."""
    return cast(PageQuerySet, readable_documents(user)).live()


def hide_unreadable_documents(pages: QuerySet, user: User | None) -> QuerySet:
    """Pages of any kind, keeping the non-document pages and the documents the user may read (admin explorer,
    choosers, API, sitemap)."""
    q = _readable_q(user)
    if q is None:
        return pages
    return pages.filter(~Q(pk__in=DocumentPage.objects.values("pk")) | Q(pk__in=DocumentPage.objects.filter(q).values("pk")))


def _open_to_everyone(page: DocumentPage) -> bool:
    """Issued and public, as the row in hand says: everyone may read it, so no query is needed to tell."""
    return page.state == DocumentState.ISSUED and page.visibility == Visibility.PUBLIC


def can_read(user: User | None, page: DocumentPage) -> bool:
    if _open_to_everyone(page):
        return True
    return readable_documents(user).filter(pk=page.pk).exists()


def known_recalled_documents(user: User | None) -> QuerySet[DocumentPage]:
    """Recalled documents the user could read while they were issued (their citations say "đã thu hồi")."""
    recalled = DocumentPage.objects.filter(state=DocumentState.RECALLED)
    q = _readable_q(user, (DocumentState.ISSUED, DocumentState.RECALLED))
    return recalled if q is None else recalled.filter(q)


def knew_recalled(user: User | None, page: DocumentPage) -> bool:
    """Whether the user could read this recalled document while it was issued: such a reader following a link to
    it is told it was recalled (and when, and why); anyone else finds nothing there, as before it was issued."""
    if page.state != DocumentState.RECALLED:
        return False
    if page.visibility == Visibility.PUBLIC:
        return True
    q = _readable_q(user, (DocumentState.ISSUED, DocumentState.RECALLED))
    return q is None or DocumentPage.objects.filter(q, pk=page.pk).exists()


def can_view(user: User | None, page: DocumentPage) -> bool:
    if page.live and _open_to_everyone(page):
        return True
    return visible_documents(user).filter(pk=page.pk).exists()

