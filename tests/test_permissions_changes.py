"""Issuing, recalling and granting change what every channel shows at once; files are never served raw."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from documents.models import DocumentRelation
from documents.permissions import grant_view, revoke_view
from documents.roles import Role, grant_role
from documents.signals import document_changed
from documents.workflow import transitions
from tests import factories
from tests.permission_setup import advance, build_world, draft_document, make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def seen(client: Client, page) -> dict[str, bool]:
    """Whether the document shows on each reader channel for this client."""
    file = page.attachments.select_related("document").first().document
    word = page.title.split()[-1]
    response = client.get(file.url)
    if response.status_code == 200:
        b"".join(response.streaming_content)
    return {
        "page": client.get(page.url).status_code == 200,
        "api_detail": client.get(f"/api/v2/pages/{page.pk}/").status_code == 200,
        "api_search": page.pk in {i["id"] for i in client.get(f"/api/v2/pages/?search={word}").json()["items"]},
        "file": response.status_code == 200,
        "search_api": page.pk in {i["id"] for i in client.get(f"/api/search/?q={word}").json()["results"]},
        "sitemap": page.url in client.get("/sitemap.xml").content.decode(),
        "feed": page.url in client.get("/feed/").content.decode(),
    }


READER = {"page", "api_detail", "api_search", "file", "search_api"}


def _only(channels: set[str]) -> dict[str, bool]:
    return {name: name in channels for name in ("page", "api_detail", "api_search", "file", "search_api", "sitemap", "feed")}


def test_granting_and_revoking_a_reader(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # indexed: the search channel refuses, not misses it
        page = make_document(world, "restricted", "issued", title="quy chế cấp quyền xemngay")
    reader = factories.create_user("nguoidoc")
    changes = []
    document_changed.connect(receiver := lambda sender, page=None, **kw: changes.append(page.pk))
    try:
        assert seen(_client(reader), page) == _only(set())
        with django_capture_on_commit_callbacks(execute=True):
            assert grant_view(page, reader, actor=world.users["vanthu"])
        assert seen(_client(reader), page) == _only(READER)
        with django_capture_on_commit_callbacks(execute=True):
            assert revoke_view(page, reader)
        assert seen(_client(reader), page) == _only(set())
    finally:
        document_changed.disconnect(receiver)
    assert changes == [page.pk, page.pk]


def test_granting_a_group(world, django_capture_on_commit_callbacks):
    page = make_document(world, "restricted", "issued", title="quy chế cấp nhóm xemnhom")
    reader = factories.create_user("nguoitrongnhom")
    group = Group.objects.create(name="Tổ thư ký")
    reader.groups.add(group)
    with django_capture_on_commit_callbacks(execute=True):
        grant_view(page, group)
    assert seen(_client(reader), page) == _only(READER)


def test_a_new_role_opens_internal_documents_at_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_document(world, "internal", "issued", title="quy chế nội bộ vaitromoi")
    newcomer = factories.create_user("nguoimoi")
    assert not seen(_client(newcomer), page)["page"]
    grant_role(newcomer, world.issuers["dang_uy"], Role.THANH_VIEN)  # member of the superior
    assert seen(_client(newcomer), page) == _only(READER)


def test_issuing_shows_and_recalling_hides_on_every_channel(world, django_capture_on_commit_callbacks):
    page = advance(draft_document(world, "quy chế công khai banhanh", "public"), world, "signed")
    anonymous = _client()
    assert seen(anonymous, page) == _only(set())
    with django_capture_on_commit_callbacks(execute=True):
        page = transitions.approve(page, world.users["vanthu"])
    assert seen(anonymous, page) == _only(READER | {"sitemap", "feed"})
    with django_capture_on_commit_callbacks(execute=True):
        transitions.recall(page, world.users["vanthu"], "Thu hồi để ban hành lại")
    assert seen(anonymous, page) == _only(set())


def test_media_files_are_never_served_directly(world):
    page = make_document(world, "restricted", "issued")
    file = page.attachments.first().document
    assert Client().get(f"/media/{file.file.name}").status_code == 404
    assert _client(world.users["quantri"]).get(f"/media/{file.file.name}").status_code == 404


def test_api_lookups_do_not_reveal_hidden_documents(world):
    hidden = make_document(world, "restricted", "issued")
    public = make_document(world, "public", "issued")
    amending = draft_document(world, "quy chế sửa đổi kín", "restricted")
    DocumentRelation.objects.create(page=amending, relation="amends", target=public, sort_order=0)
    amending.save_revision()  # relations are part of the revision
    grant_view(amending, world.users["duoc_cap_quyen"])
    advance(amending, world, "issued")
    client = Client()
    path = hidden.url.strip("/")
    assert client.get(f"/api/v2/pages/find/?html_path={path}").status_code == 404
    assert client.get(f"/api/v2/pages/?ancestor_of={hidden.pk}").status_code in (400, 404)
    detail = client.get(f"/api/v2/pages/{public.pk}/").json()
    assert detail["related_by"] == []  # the restricted amending document stays unknown
    granted = _client(world.users["duoc_cap_quyen"]).get(f"/api/v2/pages/{public.pk}/").json()
    assert [r["source"] for r in granted["related_by"]] == [amending.pk]


def test_images_in_private_collections_are_not_listed(world):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from documents.roles import attachments_collection

    Image = get_image_model()
    private = Image.objects.create(title="Ảnh nội bộ", file=get_test_image_file(), collection=attachments_collection(world.bcd))
    public = Image.objects.create(title="Ảnh công khai", file=get_test_image_file("cong-khai.png"))
    listed = lambda client: {i["id"] for i in client.get("/api/v2/images/").json()["items"]}  # noqa: E731
    assert listed(Client()) == {public.pk}
    assert listed(_client(world.users["thanhvien"])) == {public.pk}
    assert listed(_client(world.users["soanthao"])) == {public.pk, private.pk}


def test_the_document_chooser_offers_only_readable_files(world):
    restricted = make_document(world, "restricted", "issued")
    draft = make_document(world, "internal", "draft")
    client = _client(world.users["soanthao"])
    html = client.get("/admin/documents/chooser/").json()["html"]
    assert draft.attachments.first().document.title in html
    assert restricted.attachments.first().document.title not in html
