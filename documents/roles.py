"""Roles per issuer: the declarative table (documents/models/roles.py) applied idempotently by
`manage.py apply_roles`.

Each issuer × role becomes a Wagtail group ("BCĐ · Văn thư") recorded by an IssuerRole row, with
- Wagtail page permissions on the issuer's IssuerIndexPage subtree,
- Wagtail collection permissions on the issuer's private attachments collection,
- django-guardian object permissions on the issuer's restricted documents where the table says so.
Publishing is deliberately absent from the page permissions: a document goes live only through the issue step of
the workflow (documents/workflow/), never through a "Publish" button.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.models import User as AccountUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from documents.models import (
    DRAFT_ROLES,
    RESTRICTED_READER_ROLES,
    ROLE_TABLE,
    ROLES,
    DocumentPage,
    Issuer,
    IssuerCollection,
    IssuerIndexPage,
    IssuerRole,
    Role,
    RoleDefinition,
    Visibility,
)
from documents.permissions import forget_cached_permissions, grant_view
from documents.workflow.setup import ensure_workflow

__all__ = [
    "DRAFT_ROLES", "RESTRICTED_READER_ROLES", "ROLES", "ROLE_TABLE", "Role", "RoleDefinition",
    "apply_issuer_roles", "apply_roles", "attachments_collection", "forget_cached_permissions", "grant_restricted_readers",
    "grant_restricted_readers_for_issuer", "grant_role", "group_name", "role_group",
]


def group_name(issuer: Issuer, definition: RoleDefinition) -> str:
    return f"{issuer.code} · {definition.group_label}"


def _unique_group_name(issuer: Issuer, definition: RoleDefinition) -> str:
    name = group_name(issuer, definition)
    if Group.objects.filter(name=name).exclude(issuer_role__issuer=issuer).exists():
        name = f"{issuer.code} ({issuer.slug}) · {definition.group_label}"  # two issuers share a code
    return name


def attachments_collection(issuer: Issuer) -> Collection:
    """The issuer's private attachments collection, created on first use."""
    space = IssuerCollection.objects.select_related("collection").filter(issuer=issuer).first()
    if space:
        return space.collection
    root = Collection.get_first_root_node()
    collection = root.add_child(name=f"Tệp đính kèm · {issuer.code} ({issuer.slug})")
    IssuerCollection.objects.create(issuer=issuer, collection=collection)
    return collection


def _converge(model, group: Group, wanted_perms: set, **target) -> None:
    """Make the group's rows of a Wagtail group permission model exactly `wanted_perms` on `target` (a page or a
    collection): remove what the table no longer grants (on any target), add what is missing."""
    existing = model.objects.filter(group=group)
    existing.exclude(permission__in=wanted_perms, **target).delete()
    have = set(existing.filter(**target).values_list("permission_id", flat=True))
    for perm in wanted_perms:
        if perm.pk not in have:
            model.objects.create(group=group, permission=perm, **target)


def _sync_page_permissions(group: Group, page: Page, wanted: frozenset[str]) -> None:
    page_ct = ContentType.objects.get_for_model(Page)
    wanted_perms = set(Permission.objects.filter(content_type=page_ct, codename__in=[f"{p}_page" for p in wanted]))
    _converge(GroupPagePermission, group, wanted_perms, page=page)


def _sync_collection_permissions(group: Group, collection: Collection, wanted: frozenset[str]) -> None:
    wanted_perms = set(Permission.objects.filter(content_type__app_label="wagtaildocs", codename__in=wanted))
    _converge(GroupCollectionPermission, group, wanted_perms, collection=collection)


def _sync_admin_access(group: Group, allowed: bool) -> None:
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    if allowed:
        group.permissions.add(access)
    else:
        group.permissions.remove(access)


def role_group(issuer: Issuer, role: str) -> Group:
    """The group of issuer × role, creating it (and its permissions) if missing."""
    found = IssuerRole.objects.select_related("group").filter(issuer=issuer, role=role).first()
    if found:
        return found.group
    apply_issuer_roles(issuer)
    return IssuerRole.objects.select_related("group").get(issuer=issuer, role=role).group


@transaction.atomic
def apply_issuer_roles(issuer: Issuer) -> list[Group]:
    """Create or update the groups, page/collection permissions and guardian grants of one issuer."""
    index_page = _index_page(issuer)
    collection = attachments_collection(issuer)
    groups = []
    for definition in ROLE_TABLE:
        issuer_role = IssuerRole.objects.select_related("group").filter(issuer=issuer, role=definition.role).first()
        if issuer_role is None:
            group, _created = Group.objects.get_or_create(name=_unique_group_name(issuer, definition))
            issuer_role = IssuerRole.objects.create(issuer=issuer, role=definition.role, group=group)
        group = issuer_role.group
        _sync_admin_access(group, definition.admin_access)
        if index_page is not None:
            _sync_page_permissions(group, index_page, definition.page_permissions)
        _sync_collection_permissions(group, collection, definition.collection_permissions)
        if definition.reads_restricted:
            grant_restricted_readers_for_issuer(issuer, [group])
        groups.append(group)
    return groups


def _index_page(issuer: Issuer) -> IssuerIndexPage | None:
    return IssuerIndexPage.objects.filter(issuer=issuer).first()


def grant_restricted_readers_for_issuer(issuer: Issuer, groups: Iterable[Group] | None = None) -> None:
    """Give the reads_restricted groups of the issuer view on each of its restricted documents."""
    for page in DocumentPage.objects.filter(issuer=issuer, visibility=Visibility.RESTRICTED):
        grant_restricted_readers(page, groups)


def grant_restricted_readers(page: DocumentPage, groups: Iterable[Group] | None = None) -> None:
    """Called when a restricted document is issued: the issuer's clerks keep read access (bản lưu)."""
    if groups is None:
        groups = [ir.group for ir in IssuerRole.objects.select_related("group").filter(
            issuer_id=page.issuer_id, role__in=RESTRICTED_READER_ROLES)]
    grant_view(page, list(groups))


def apply_roles(stdout: TextIO | None = None) -> int:
    """Apply the table to every issuer and set up the document workflow. Idempotent."""
    count = 0
    for issuer in Issuer.objects.order_by("pk"):
        apply_issuer_roles(issuer)
        count += 1
        if stdout is not None and _index_page(issuer) is None:
            stdout.write(_("  %(code)s: chưa có trang IssuerIndexPage, bỏ qua quyền trang") % {"code": issuer.code})
    ensure_workflow()
    if stdout is not None:
        stdout.write(_("Đã áp dụng vai trò cho %(count)d cơ quan ban hành.") % {"count": count})
    return count


def grant_role(user: AccountUser, issuer: Issuer, role: str) -> Group:
    """Give a user a role at an issuer (adds the user to the issuer × role group)."""
    group = role_group(issuer, role)
    user.groups.add(group)
    forget_cached_permissions(user)
    return group
