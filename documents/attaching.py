"""Attaching files to a dự thảo and removing them (the admin's "Tệp đính kèm" panel, for the API).

The file goes into the issuer's private attachments collection, so it is served only through the document
permission check (docs/domain.md §10); the change is a new revision of the draft, like any edit.
"""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from documents.drafting import check_editable, editable_version, save_draft_revision
from documents.models import DocumentAttachment, DocumentPage
from documents.text.vietnamese import nfc


class FileTooLarge(ValidationError):
    """Larger than settings.DOCUMENT_MAX_UPLOAD_BYTES."""


def _collection(issuer):
    from documents.roles import attachments_collection

    return attachments_collection(issuer)


def attach_file(page: DocumentPage, user, upload: File, caption: str = "") -> tuple[DocumentPage, DocumentAttachment]:
    """Add a file to a draft the user may edit and whose collection the user may add files to."""
    page = DocumentPage.objects.get(pk=page.pk).specific
    check_editable(page, user)
    collection = _collection(page.issuer)
    policy = policy_registry.get_by_type(get_document_model())
    if not policy.collections_user_has_permission_for(user, "add").filter(pk=collection.pk).exists():
        raise PermissionDenied(_("Bạn không có quyền thêm tệp cho văn bản của cơ quan này."))
    limit = int(settings.DOCUMENT_MAX_UPLOAD_BYTES)
    if upload.size is not None and upload.size > limit:
        raise FileTooLarge(_("Tệp lớn hơn giới hạn %(n)d byte.") % {"n": limit})
    name = nfc(upload.name or "tep")
    with transaction.atomic():
        document = get_document_model()(title=nfc(caption) or name, collection=collection, uploaded_by_user=user)
        document.file.save(name, upload, save=False)
        document.file_size = upload.size
        document.save()
        current = editable_version(page)
        attachment = DocumentAttachment(document=document, caption=nfc(caption or ""))
        current.attachments.add(attachment)
        saved = save_draft_revision(current, user)
    return saved, saved.attachments.get(document=document)


def remove_file(page: DocumentPage, user, attachment_id: int) -> DocumentPage:
    """Take an attachment off a draft (the stored file stays, as when the admin removes the panel's row)."""
    page = DocumentPage.objects.get(pk=page.pk).specific
    check_editable(page, user)
    current = editable_version(page)
    kept = [a for a in current.attachments.all() if a.pk != attachment_id]
    if len(kept) == len(list(current.attachments.all())):
        raise DocumentAttachment.DoesNotExist(_("Văn bản không có tệp đính kèm này."))
    current.attachments = kept
    with transaction.atomic():
        return save_draft_revision(current, user)
