"""Uniform answers (issue 14, item 10) and the read rule in every admin view (item 4)."""
from __future__ import annotations

import pytest
from django.test import Client

from documents.models import Issuer
from tests.permission_setup import build_world, make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _body(response, path: str) -> str:
    return response.content.decode().replace(path, "PATH")


@pytest.mark.parametrize("visibility", ["internal", "restricted"])
def test_anonymous_gets_the_answer_of_a_missing_page(world, visibility):
    page = make_document(world, visibility, "issued")
    client = Client()
    hidden = client.get(page.url)
    missing_path = page.url.rstrip("/") + "-khong-co/"
    missing = client.get(missing_path)
    assert hidden.status_code == missing.status_code == 404
    assert _body(hidden, page.url) == _body(missing, missing_path)
    assert "/dang-nhap/?next=" in hidden.content.decode()  # the login link is on every 404 page


def test_anonymous_gets_the_answer_of_a_missing_file(world):
    page = make_document(world, "internal", "issued")
    attachment = page.attachments.first().document
    client = Client()
    hidden = client.get(attachment.url)
    missing_path = f"/documents/{attachment.pk + 1000}/{attachment.filename}"
    missing = client.get(missing_path)
    assert hidden.status_code == missing.status_code == 404
    assert _body(hidden, attachment.url) == _body(missing, missing_path)


def test_deliveries_and_registers_answer_one_404(world):
    page = make_document(world, "public", "issued")
    client = Client()
    client.force_login(world.users["thanhvien"])  # not a clerk
    existing = client.get(f"/api/documents/{page.pk}/deliveries/")
    missing = client.get(f"/api/documents/{page.pk + 1000}/deliveries/")
    assert existing.status_code == missing.status_code == 404 and existing.content == missing.content
    issuer = world.bcd
    existing = client.get(f"/api/registers/{issuer.pk}/outgoing.csv")
    missing = client.get(f"/api/registers/{Issuer.objects.order_by('-pk').first().pk + 1}/outgoing.csv")
    assert existing.status_code == missing.status_code == 404 and existing.content == missing.content


def test_inbox_item_of_someone_else_answers_like_a_missing_one(world):
    client = Client()
    client.force_login(world.users["thanhvien"])
    assert client.get("/api/inbox/1/").content == client.get("/api/inbox/987654/").content


# -- admin ----------------------------------------------------------------------------------------------------
ADMIN_LISTINGS = ["/admin/reports/site-history/", "/admin/reports/workflow/", "/admin/reports/workflow_tasks/",
                  "/admin/", "/admin/pages/search/?q=bimat", "/admin/api/main/pages/?search=bimat",
                  "/admin/reports/site-history/results/"]


def test_admin_hides_what_a_drafter_may_not_read(world):
    """A restricted document of the drafter's own issuer: issued (so no longer theirs to read) after a workflow
    that wrote history, revisions and task states."""
    hidden = make_document(world, "restricted", "issued", title="quy chế bimat bimatrieng")
    make_document(world, "internal", "submitted", title="quy chế bimat congkhaiduoc")
    client = Client()
    client.force_login(world.users["soanthao"])
    for url in [f"/admin/pages/{hidden.pk}/", f"/admin/api/main/pages/{hidden.pk}/",
                f"/admin/pages/{hidden.pk}/history/", f"/admin/pages/{hidden.pk}/revisions/",
                f"/admin/pages/{hidden.pk}/workflow_history/", f"/admin/pages/{hidden.pk}/usage/"]:
        assert client.get(url).status_code == 404, url
    index = world.bcd_index
    listings = ADMIN_LISTINGS + [f"/admin/pages/{index.pk}/", f"/admin/api/main/pages/?child_of={index.pk}"]
    seen_readable = set()
    for url in listings:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "bimatrieng" not in text and hidden.slug not in text, url
        if "congkhaiduoc" in text:
            seen_readable.add(url)
    # the same views do show what the drafter may read (so the absence above means something)
    assert {"/admin/reports/site-history/", f"/admin/pages/{index.pk}/",
            f"/admin/api/main/pages/?child_of={index.pk}", "/admin/reports/workflow/"} <= seen_readable


def test_superuser_and_clerk_still_see_it_in_the_admin(world):
    hidden = make_document(world, "restricted", "issued", title="quy chế bimat bimatrieng")
    for person in ("vanthu", "quantri"):
        client = Client()
        client.force_login(world.users[person])
        assert client.get(f"/admin/pages/{hidden.pk}/history/").status_code == 200
        assert "bimatrieng" in client.get("/admin/reports/site-history/").content.decode()
