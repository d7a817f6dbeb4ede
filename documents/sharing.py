"""Sharing a document: named read grants to users and groups (docs/domain.md §10, visibility hạn chế).

Grants go through documents.permissions.grant_view / revoke_view, which also reindex the document. The issuer's
clerk (văn thư) shares, as the one who sends the document and keeps its register copy.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from guardian.shortcuts import get_groups_with_perms, get_users_with_perms

from documents.models import DocumentPage
from documents.permissions import VIEW_CODENAME, grant_view, is_clerk, revoke_view


def can_share(user, page: DocumentPage) -> bool:
    return is_clerk(user, page.issuer)


def readers(page: DocumentPage) -> tuple[list, list[Group]]:
    """The users and groups holding a direct read grant on the document."""
    users = cast(QuerySet, get_users_with_perms(page, only_with_perms_in=[VIEW_CODENAME], with_group_users=False,
                                                with_superusers=False))
    grants = cast(dict, get_groups_with_perms(page, attach_perms=True))
    groups = [g for g, perms in grants.items() if VIEW_CODENAME in perms]
    return list(users.order_by("username")), sorted(groups, key=lambda g: g.name)


def _resolve(user_ids: Iterable[int], group_ids: Iterable[int]) -> list:
    user_ids, group_ids = sorted(set(user_ids)), sorted(set(group_ids))
    users = list(get_user_model().objects.filter(pk__in=user_ids, is_active=True))
    groups = list(Group.objects.filter(pk__in=group_ids))
    errors = {}
    if len(users) != len(user_ids):
        errors["users"] = [_("Có tài khoản không tồn tại hoặc đã bị khóa.")]
    if len(groups) != len(group_ids):
        errors["groups"] = [_("Có nhóm không tồn tại.")]
    if errors:
        raise ValidationError(errors)
    return users + groups


def _check(page: DocumentPage, actor) -> None:
    if not can_share(actor, page):
        raise PermissionDenied(_("Chỉ văn thư của cơ quan ban hành được chia sẻ văn bản."))


def share(page: DocumentPage, actor, user_ids: Iterable[int] = (), group_ids: Iterable[int] = ()) -> int:
    """Grant read to these users and groups; returns how many grants are new."""
    _check(page, actor)
    with transaction.atomic():
        return sum(grant_view(page, who, actor=actor) for who in _resolve(user_ids, group_ids))


def unshare(page: DocumentPage, actor, user_ids: Iterable[int] = (), group_ids: Iterable[int] = ()) -> int:
    """Withdraw read grants; returns how many there were."""
    _check(page, actor)
    with transaction.atomic():
        return sum(revoke_view(page, who, actor=actor) for who in _resolve(user_ids, group_ids))
