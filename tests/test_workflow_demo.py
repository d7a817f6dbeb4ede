"""Demo of roles (cms.demo.workflow.load_workflow, a load_demo step): one document per situation, idempotent."""
from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from cms.demo.issuers import load_issuers
from cms.demo.site import load_site
from cms.demo.users import load_users
from cms.demo.workflow import load_workflow as demo_permissions
from documents.models import DocumentPage
from documents.permissions import can_view

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEMO_PASSWORD = "demo-test-password"
    out = io.StringIO()
    for step in (load_issuers, load_site, load_users, demo_permissions):
        step(out)
    return out


def test_each_situation_exists_once_and_each_role_sees_its_share(demo):
    counts = DocumentPage.objects.count()
    demo_permissions(io.StringIO())
    assert DocumentPage.objects.count() == counts
    docs = {page.slug: page for page in DocumentPage.objects.all()}
    internal, restricted = docs["ke-hoach-chuyen-doi-so-noi-bo"], docs["ke-hoach-kiem-tra-han-che"]
    assert (internal.state, internal.visibility, bool(internal.notation)) == ("issued", "internal", True)
    assert (restricted.state, restricted.visibility) == ("issued", "restricted")
    assert docs["ke-hoach-du-thao-tap-huan"].state == "draft"
    assert docs["ke-hoach-cho-ky-so-hoa"].state == "submitted"
    users = {u.username: u for u in get_user_model().objects.all()}
    for name in ("thanhvien", "lanhdao", "vanthu"):
        assert can_view(users[name], restricted), name  # recipient, granted, clerk
    assert not can_view(users["soanthao"], restricted)
    assert can_view(users["thanhvien"], internal) and not can_view(None, internal)
    client = Client()
    client.force_login(users["lanhdao"])
    waiting = client.get("/admin/").content.decode()
    assert docs["ke-hoach-cho-ky-so-hoa"].title in waiting  # awaiting the signer's review on the dashboard
