"""Issue 9: the authorization model in the domain (moved models keep their tables and content types), the one
per-request access cache, the one is_clerk rule and the one grant path."""
from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from documents.models import IssuerCollection, IssuerIndexPage, IssuerRole, Role
from documents.permissions import (
    AccessCache,
    access_cache,
    forget_cached_permissions,
    grant_view,
    is_clerk,
    revoke_view,
    served_issuer_ids,
)
from documents.roles import grant_role
from documents.signals import document_changed
from documents.workflow.notify import role_holders
from tests import factories
from tests.permission_setup import build_world, make_document

pytestmark = pytest.mark.django_db

relabel = importlib.import_module("documents.migrations.0004_roles_and_sections")


def test_moved_models_keep_their_tables_and_follow_their_content_types():
    assert [m._meta.db_table for m in (IssuerRole, IssuerCollection, IssuerIndexPage)] == [
        "cms_issuerrole", "cms_issuercollection", "cms_issuerindexpage"]
    issuers = factories.create_la_gi_issuers()
    section = issuers["index_pages"][issuers["ban_chi_dao"].slug]
    content_type = ContentType.objects.get_for_model(IssuerIndexPage)
    assert content_type.app_label == "documents" and section.content_type_id == content_type.pk
    # The data migration relabels the same row both ways: pages keep pointing at it.
    editor = SimpleNamespace(connection=connection)
    relabel.backwards(apps, editor)
    assert ContentType.objects.get(pk=content_type.pk).app_label == "cms"
    relabel.forwards(apps, editor)
    assert ContentType.objects.get(pk=content_type.pk).app_label == "documents"
    ContentType.objects.clear_cache()
    assert type(section.get_parent().get_children().get(pk=section.pk).specific) is IssuerIndexPage


def test_the_access_cache_computes_once_until_forgotten():
    user = factories.create_user("bonho")
    calls = []
    assert access_cache(user).get("x", lambda: calls.append(1) or 41) == 41
    assert access_cache(user).get("x", lambda: calls.append(1) or 42) == 41
    assert isinstance(access_cache(user), AccessCache) and calls == [1]
    user.__dict__["_perm_cache"] = {"stale"}
    forget_cached_permissions(user)
    assert "_perm_cache" not in user.__dict__
    assert access_cache(user).get("x", lambda: 43) == 43


def test_the_clerk_of_an_issuer_or_of_its_office():
    issuers = factories.create_la_gi_issuers()
    office_clerk = factories.create_user("vanthuvanphong")
    grant_role(office_clerk, issuers["van_phong"], Role.VAN_THU)
    assert is_clerk(office_clerk, issuers["ban_chi_dao"])  # the Văn phòng serves the Ban chỉ đạo
    assert not is_clerk(office_clerk, issuers["ubnd"])
    member = factories.create_user("thanhvienvanphong")
    grant_role(member, issuers["van_phong"], Role.THANH_VIEN)
    assert not is_clerk(member, issuers["ban_chi_dao"])
    # The same rule decides who is told a signed document waits, and whose "Việc cần làm" lists it.
    assert list(role_holders(issuers["ban_chi_dao"], Role.VAN_THU)) == [office_clerk]
    assert not role_holders(issuers["ubnd"], Role.VAN_THU).exists()
    served = served_issuer_ids(office_clerk, Role.VAN_THU)
    assert {issuers["van_phong"].pk, issuers["ban_chi_dao"].pk} <= served and issuers["ubnd"].pk not in served
    assert served_issuer_ids(member, Role.VAN_THU) == set()


def test_granting_many_readers_sends_one_change():
    world = build_world()
    page = make_document(world, "restricted", "issued")
    readers = [factories.create_user(f"nguoinhan{i}") for i in range(3)]
    group = Group.objects.create(name="Tổ giúp việc")
    changes = []
    document_changed.connect(receiver := lambda sender, page=None, **kw: changes.append(page.pk))
    try:
        assert grant_view(page, [*readers, group, None])
        assert not grant_view(page, readers[:2])  # nothing new: nothing sent
        assert revoke_view(page, [*readers, group])
    finally:
        document_changed.disconnect(receiver)
    assert changes == [page.pk, page.pk]
