"""Attachments (Wagtail documents, i.e. files) and the private per-issuer collections holding them."""
from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.models import GroupCollectionPermission

from documents.models import DocumentAttachment, IssuerCollection

from .cache import User
from .rules import readable_documents


def _collections_user_handles(user: User) -> set[int]:
    """Collections where the user holds any Wagtail collection permission (staff uploading attachments)."""
    return set(GroupCollectionPermission.objects.filter(group__user=user).values_list("collection_id", flat=True))


def readable_collection_filter(user: User | None) -> Q:
    """Q over anything kept in a collection (images, files attached to no document): the private per-issuer
    collections are for superusers and the staff working in them."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return Q()
    allowed = ~Q(collection_id__in=IssuerCollection.objects.values("collection_id"))
    if user is not None and user.is_authenticated:
        handled = _collections_user_handles(user)
        if handled:
            allowed |= Q(collection_id__in=handled)
    return allowed


def readable_files(user: User | None) -> QuerySet:
    """Wagtail documents (files) the user may download or list.

    A file attached to documents is readable when one of them is readable. A file attached to nothing is
    readable when it sits outside the private per-issuer collections, or by staff of that collection.
    """
    files = get_document_model().objects.all()
    if user is not None and user.is_authenticated and user.is_superuser:
        return files
    attached = DocumentAttachment.objects.values("document_id")
    readable_attached = DocumentAttachment.objects.filter(page__in=readable_documents(user).values("pk")).values("document_id")
    return files.filter(Q(pk__in=readable_attached) | (~Q(pk__in=attached) & readable_collection_filter(user)))


def can_download(user: User | None, file: AbstractDocument) -> bool:
    return readable_files(user).filter(pk=file.pk).exists()
