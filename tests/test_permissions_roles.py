"""Roles per issuer: one table → groups, page/collection permissions, guardian grants, workflow; idempotent."""
from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from guardian.models import GroupObjectPermission, UserObjectPermission
from guardian.shortcuts import assign_perm
from wagtail.models import GroupCollectionPermission, GroupPagePermission, WorkflowPage, WorkflowTask

from documents.models import IssuerCollection, IssuerRole
from documents.permissions import (
    can_read,
    document_principals,
    is_clerk,
    user_issuer_ids,
    user_principals,
)
from documents.roles import ROLE_TABLE, Role, apply_roles, grant_role, role_group
from tests import factories
from tests.permission_setup import build_world, make_document

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        "groups": Group.objects.count(),
        "issuer_roles": IssuerRole.objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
        "collection_permissions": GroupCollectionPermission.objects.count(),
        "collections": IssuerCollection.objects.count(),
        "workflow_tasks": WorkflowTask.objects.count(),
        "workflow_pages": WorkflowPage.objects.count(),
        "guardian": UserObjectPermission.objects.count() + GroupObjectPermission.objects.count(),
    }


def test_apply_roles_twice_creates_nothing_new():
    world = build_world()
    make_document(world, "restricted", "issued")
    before = _counts()
    out = io.StringIO()
    call_command("apply_roles", stdout=out)
    call_command("apply_roles", stdout=out)
    assert _counts() == before
    assert "Đã áp dụng vai trò" in out.getvalue()


def test_one_group_per_issuer_and_role_with_the_declared_permissions():
    issuers = factories.create_la_gi_issuers()
    apply_roles()
    bcd = issuers["ban_chi_dao"]
    index = issuers["index_pages"][bcd.slug]
    for definition in ROLE_TABLE:
        group = role_group(bcd, definition.role)
        assert group.name == f"BCĐ · {definition.group_label}"
        page_perms = set(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission__codename"))
        assert page_perms == {(index.pk, f"{p}_page") for p in definition.page_permissions}
        collection_perms = set(GroupCollectionPermission.objects.filter(group=group).values_list("permission__codename", flat=True))
        assert collection_perms == set(definition.collection_permissions)
        assert group.permissions.filter(codename="access_admin").exists() == definition.admin_access
    # Only the workflow's issue step publishes a document: no role holds Wagtail's publish permission.
    assert not GroupPagePermission.objects.filter(group__issuer_role__isnull=False, permission__codename="publish_page").exists()
    assert IssuerRole.objects.filter(issuer=bcd).count() == len(ROLE_TABLE)


def test_the_workflow_is_assigned_to_the_home_page_with_two_role_steps():
    issuers = factories.create_la_gi_issuers()
    apply_roles()
    workflow = WorkflowPage.objects.get(page=issuers["home"]).workflow
    assert workflow.name == "Quy trình văn bản"
    steps = [(t.name, t.specific.role) for t in workflow.tasks]
    assert steps == [("Ký duyệt", Role.LANH_DAO), ("Ban hành", Role.VAN_THU)]


def test_a_person_may_hold_roles_at_several_issuers():
    issuers = factories.create_la_gi_issuers()
    user = factories.create_user("nhieuvaitro")
    grant_role(user, issuers["ban_chi_dao"], Role.VAN_THU)
    grant_role(user, issuers["dang_uy"], Role.THANH_VIEN)
    assert user_issuer_ids(user) == {issuers["ban_chi_dao"].pk, issuers["dang_uy"].pk}
    assert user_issuer_ids(user, {Role.VAN_THU}) == {issuers["ban_chi_dao"].pk}
    assert is_clerk(user, issuers["ban_chi_dao"]) and not is_clerk(user, issuers["dang_uy"])
    assert f"issuer:{issuers['dang_uy'].pk}" in user_principals(user)


def test_principals_are_exact_for_each_visibility():
    world = build_world()
    bcd, dang_uy = world.bcd, world.issuers["dang_uy"]
    public = make_document(world, "public", "issued")
    internal = make_document(world, "internal", "issued")
    restricted = make_document(world, "restricted", "issued")
    draft = make_document(world, "internal", "draft")
    assert document_principals(public) == ["public"]
    # Internal: the issuer's lineage, plus its recipients (sending gives them read access).
    assert set(document_principals(internal)) == {
        f"issuer:{bcd.pk}", f"issuer:{dang_uy.pk}", f"user:{world.users['noi_nhan'].pk}"}
    clerk_group = role_group(bcd, Role.VAN_THU)
    assert set(document_principals(restricted)) == {
        f"user:{world.users['duoc_cap_quyen'].pk}", f"group:{clerk_group.pk}", f"user:{world.users['noi_nhan'].pk}"}
    drafting = sorted(role_group(bcd, r).pk for r in (Role.VAN_THU, Role.SOAN_THAO, Role.LANH_DAO))
    assert document_principals(draft) == [f"group:{g}" for g in drafting]
    assert user_principals(None) == ["public"]


def test_guardian_grants_work_with_any_document_kind_instance():
    """assign_perm and has_perm accept the specific page (QuyChePage): one grant table for every kind."""
    world = build_world()
    page = make_document(world, "restricted", "issued")
    reader = factories.create_user("nguoidoc")
    assert not can_read(reader, page)
    assign_perm("documents.view_documentpage", reader, page)
    assert reader.has_perm("documents.view_documentpage", page)
    assert can_read(reader, page)


def test_recipients_reached_through_a_group_of_the_directory_may_read():
    from documents.models import DocumentRecipient, Recipient, RecipientKind

    world = build_world()
    page = make_document(world, "restricted", "issued")
    member = factories.create_user("thanhvientonhom")
    person = Recipient.objects.create(name="Đồng chí A", kind=RecipientKind.PERSON, user=member)
    team = Recipient.objects.create(name="Tổ giúp việc", kind=RecipientKind.GROUP)
    team.members.add(person)
    assert not can_read(member, page)
    DocumentRecipient.objects.create(page=page, name=team.name, recipient=team, sort_order=5)
    assert can_read(member, page)
    assert f"user:{member.pk}" in document_principals(page)
