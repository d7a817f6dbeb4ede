"""Roles per issuer: ONE declarative table, applied idempotently by `manage.py apply_roles`.

Each issuer × role becomes a Wagtail group ("BCĐ · Văn thư") recorded by an IssuerRole row, with
- Wagtail page permissions on the issuer's IssuerIndexPage subtree,
- Wagtail collection permissions on the issuer's private attachments collection,
- django-guardian object permissions on the issuer's restricted documents where the table says so.
Publishing is deliberately absent from the page permissions: a document goes live only through the issue step of
the workflow (documents/workflow/), never through a "Publish" button.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VAN_THU = "van_thu", _("Văn thư")
    SOAN_THAO = "soan_thao", _("Soạn thảo")
    LANH_DAO = "lanh_dao", _("Lãnh đạo")
    THANH_VIEN = "thanh_vien", _("Thành viên")


@dataclass(frozen=True)
class RoleDefinition:
    role: Role
    group_label: str  # Vietnamese, used in the group name "<issuer code> · <label>"
    page_permissions: frozenset[str]  # Wagtail page permission types on the issuer's IssuerIndexPage
    collection_permissions: frozenset[str]  # wagtaildocs codenames on the issuer's attachments collection
    admin_access: bool  # may enter the Wagtail admin
    handles_drafts: bool  # sees the issuer's documents before they are issued (draft, submitted, signed, recalled)
    reads_restricted: bool  # granted view (guardian) on the issuer's restricted documents


ROLE_TABLE: tuple[RoleDefinition, ...] = (
    RoleDefinition(
        Role.VAN_THU, "Văn thư", frozenset({"add", "change"}),
        frozenset({"add_document", "change_document", "choose_document"}),
        admin_access=True, handles_drafts=True, reads_restricted=True,  # keeps the register copy (bản lưu)
    ),
    RoleDefinition(
        Role.SOAN_THAO, "Soạn thảo", frozenset({"add", "change"}), frozenset({"add_document", "choose_document"}),
        admin_access=True, handles_drafts=True, reads_restricted=False,
    ),
    RoleDefinition(
        Role.LANH_DAO, "Lãnh đạo", frozenset({"change"}), frozenset({"choose_document"}),
        admin_access=True, handles_drafts=True, reads_restricted=False,
    ),
    RoleDefinition(
        Role.THANH_VIEN, "Thành viên", frozenset(), frozenset(),
        admin_access=False, handles_drafts=False, reads_restricted=False,
    ),
)
ROLES: dict[str, RoleDefinition] = {d.role.value: d for d in ROLE_TABLE}
DRAFT_ROLES: frozenset[str] = frozenset(code for code, d in ROLES.items() if d.handles_drafts)
RESTRICTED_READER_ROLES: frozenset[str] = frozenset(code for code, d in ROLES.items() if d.reads_restricted)


def group_name(issuer, definition: RoleDefinition) -> str:
    return f"{issuer.code} · {definition.group_label}"


def _unique_group_name(issuer, definition: RoleDefinition) -> str:
    from django.contrib.auth.models import Group

    name = group_name(issuer, definition)
    if Group.objects.filter(name=name).exclude(issuer_role__issuer=issuer).exists():
        name = f"{issuer.code} ({issuer.slug}) · {definition.group_label}"  # two issuers share a code
    return name


def attachments_collection(issuer):
    """The issuer's private attachments collection, created on first use."""
    from wagtail.models import Collection

    from cms.models_roles import IssuerCollection

    space = IssuerCollection.objects.select_related("collection").filter(issuer=issuer).first()
    if space:
        return space.collection
    root = Collection.get_first_root_node()
    collection = root.add_child(name=f"Tệp đính kèm · {issuer.code} ({issuer.slug})")
    IssuerCollection.objects.create(issuer=issuer, collection=collection)
    return collection


def _converge(model, group, wanted_perms: set, **target) -> None:
    """Make the group's rows of a Wagtail group permission model exactly `wanted_perms` on `target` (a page or a
    collection): remove what the table no longer grants (on any target), add what is missing."""
    existing = model.objects.filter(group=group)
    existing.exclude(permission__in=wanted_perms, **target).delete()
    have = set(existing.filter(**target).values_list("permission_id", flat=True))
    for perm in wanted_perms:
        if perm.pk not in have:
            model.objects.create(group=group, permission=perm, **target)


def _sync_page_permissions(group, page, wanted: frozenset[str]) -> None:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import GroupPagePermission, Page

    page_ct = ContentType.objects.get_for_model(Page)
    wanted_perms = set(Permission.objects.filter(content_type=page_ct, codename__in=[f"{p}_page" for p in wanted]))
    _converge(GroupPagePermission, group, wanted_perms, page=page)


def _sync_collection_permissions(group, collection, wanted: frozenset[str]) -> None:
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupCollectionPermission

    wanted_perms = set(Permission.objects.filter(content_type__app_label="wagtaildocs", codename__in=wanted))
    _converge(GroupCollectionPermission, group, wanted_perms, collection=collection)


def _sync_admin_access(group, allowed: bool) -> None:
    from django.contrib.auth.models import Permission

    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    if allowed:
        group.permissions.add(access)
    else:
        group.permissions.remove(access)


def role_group(issuer, role: str):
    """The group of issuer × role, creating it (and its permissions) if missing."""
    from cms.models_roles import IssuerRole

    found = IssuerRole.objects.select_related("group").filter(issuer=issuer, role=role).first()
    if found:
        return found.group
    apply_issuer_roles(issuer)
    return IssuerRole.objects.select_related("group").get(issuer=issuer, role=role).group


@transaction.atomic
def apply_issuer_roles(issuer) -> list:
    """Create or update the groups, page/collection permissions and guardian grants of one issuer."""
    from django.contrib.auth.models import Group

    from cms.models_roles import IssuerRole

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


def _index_page(issuer):
    from cms.models import IssuerIndexPage

    return IssuerIndexPage.objects.filter(issuer=issuer).first()


def grant_restricted_readers_for_issuer(issuer, groups: Iterable | None = None) -> None:
    """Give the reads_restricted groups of the issuer view on each of its restricted documents."""
    from documents.models import DocumentPage, Visibility

    for page in DocumentPage.objects.filter(issuer=issuer, visibility=Visibility.RESTRICTED):
        grant_restricted_readers(page, groups)


def grant_restricted_readers(page, groups: Iterable | None = None) -> None:
    """Called when a restricted document is issued: the issuer's clerks keep read access (bản lưu)."""
    from cms.models_roles import IssuerRole
    from documents.permissions import grant_view

    if groups is None:
        groups = [ir.group for ir in IssuerRole.objects.select_related("group").filter(
            issuer_id=page.issuer_id, role__in=RESTRICTED_READER_ROLES)]
    for group in groups:
        grant_view(page, group)


def apply_roles(stdout=None) -> int:
    """Apply the table to every issuer and set up the document workflow. Idempotent."""
    from documents.models import Issuer
    from documents.workflow.setup import ensure_workflow

    count = 0
    for issuer in Issuer.objects.order_by("pk"):
        apply_issuer_roles(issuer)
        count += 1
        if stdout is not None and _index_page(issuer) is None:
            stdout.write(f"  {issuer.code}: chưa có trang IssuerIndexPage, bỏ qua quyền trang")
    ensure_workflow()
    if stdout is not None:
        stdout.write(f"Đã áp dụng vai trò cho {count} cơ quan ban hành.")
    return count


_FRAMEWORK_CACHES = (
    "_perm_cache", "_user_perm_cache", "_group_perm_cache",  # django.contrib.auth
    "_page_permission_cache", "_collection_permission_cache", "_site_permission_cache",  # wagtail policies
)


def forget_cached_permissions(user) -> None:
    """Drop the permission caches kept on a user object after its roles changed: Django's and Wagtail's, and
    every `_vanban_` one (documents.permissions.remembered, documents.workflow.tester)."""
    for attr in [a for a in user.__dict__ if a.startswith("_vanban_")] + list(_FRAMEWORK_CACHES):
        user.__dict__.pop(attr, None)


def grant_role(user, issuer, role: str):
    """Give a user a role at an issuer (adds the user to the issuer × role group)."""
    group = role_group(issuer, role)
    user.groups.add(group)
    forget_cached_permissions(user)
    return group


def revoke_role(user, issuer, role: str) -> None:
    from cms.models_roles import IssuerRole

    for ir in IssuerRole.objects.filter(issuer=issuer, role=role):
        user.groups.remove(ir.group)
    forget_cached_permissions(user)


def demo_permissions(stdout) -> None:
    """Demo step (cms/demo STEPS): roles for the demo accounts and one document of each situation."""
    from documents.workflow.demo import load_demo_documents

    load_demo_documents(stdout)
