"""Keeping the Nơi nhận directory (danh bạ) and its saved lists: who may, and the changes themselves.

Reading is for those who draft (the admin's users); writing is for clerks (văn thư of any issuer), who send the
documents, and for whoever holds the model permissions the admin's snippet views require.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from documents.models import Issuer, Recipient, RecipientList, RecipientListEntry
from documents.permissions import user_issuer_ids

CLERK_ROLE = "van_thu"  # Role.VAN_THU (its module moves in issue 9)
ENTRY_FIELDS = ("name", "kind", "email", "aliases", "active")


def can_read_directory(user) -> bool:
    return bool(user.is_authenticated and user.is_active
                and (user.is_superuser or user.has_perm("wagtailadmin.access_admin")))


def can_edit_directory(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return bool(user.is_superuser or user.has_perm("documents.change_recipient")
                or user_issuer_ids(user, {CLERK_ROLE}))


def _check(user) -> None:
    if not can_edit_directory(user):
        raise PermissionDenied(_("Chỉ văn thư được sửa danh bạ nơi nhận."))


def _apply(entry: Recipient, data: Mapping[str, Any]) -> list[int] | None:
    for name in ENTRY_FIELDS:
        if data.get(name) is not None:
            setattr(entry, name, data[name])
    errors: dict[str, list[str]] = {}
    if "issuer" in data:
        entry.issuer = Issuer.objects.filter(pk=data["issuer"]).first() if data["issuer"] is not None else None
        if data["issuer"] is not None and entry.issuer is None:
            errors["issuer"] = [_("Không có cơ quan này.")]
    if "user" in data:
        entry.user = get_user_model().objects.filter(pk=data["user"]).first() if data["user"] is not None else None
        if data["user"] is not None and entry.user is None:
            errors["user"] = [_("Không có tài khoản này.")]
    members = data.get("members")
    if members is not None and Recipient.objects.filter(pk__in=set(members)).count() != len(set(members)):
        errors["members"] = [_("Có nơi nhận không có trong danh bạ.")]
    if errors:
        raise ValidationError(errors)
    try:
        entry.full_clean(exclude=["name_key"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None
    return members


def create_entry(user, data: Mapping[str, Any]) -> Recipient:
    return _save_entry(Recipient(), user, data)


def update_entry(entry: Recipient, user, data: Mapping[str, Any]) -> Recipient:
    return _save_entry(entry, user, data)


def _save_entry(entry: Recipient, user, data: Mapping[str, Any]) -> Recipient:
    _check(user)
    with transaction.atomic():
        members = _apply(entry, data)
        entry.save()
        if members is not None:
            entry.members.set(members)
    return entry


def save_list(user, data: Mapping[str, Any], recipient_list: RecipientList | None = None) -> RecipientList:
    """Create or change a saved list; ``entries`` (if given) replaces its lines."""
    _check(user)
    recipient_list = recipient_list or RecipientList()
    if data.get("name") is not None:
        recipient_list.name = data["name"]
    entries = data.get("entries")
    if entries is not None:
        ids = {item["recipient"] for item in entries}
        if Recipient.objects.filter(pk__in=ids).count() != len(ids):
            raise ValidationError({"entries": [_("Có nơi nhận không có trong danh bạ.")]})
    try:
        recipient_list.full_clean()
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None
    with transaction.atomic():
        recipient_list.save()
        if entries is not None:
            recipient_list.entries.all().delete()
            RecipientListEntry.objects.bulk_create([
                RecipientListEntry(recipient_list=recipient_list, recipient_id=item["recipient"],
                                   purpose=item.get("purpose", ""), archive=bool(item.get("archive")), sort_order=i)
                for i, item in enumerate(entries)])
    return recipient_list
