"""Xem văn bản in the admin (documents/workflow/document_admin.py): a registered document opens to be read, in its
official layout, with what the user may do with it; its editor and every "Sửa" lead there, not to a refusal."""
from __future__ import annotations

import pytest

from documents.models import DocumentState
from tests.permission_setup import advance, build_world, draft_document, make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _view(page) -> str:
    return f"/admin/van-ban/{page.pk}/"


def test_opening_an_issued_document_shows_it_to_read(client, world):
    page = make_document(world, "public", "issued")
    client.force_login(world.users["vanthu"])
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 302 and edit["Location"] == _view(page)
    html = client.get(_view(page)).content.decode()
    assert "Văn bản đã ban hành không được sửa" in html
    assert 'class="sheet official' in html and page.notation in html
    for url in (f"/van-ban/{page.pk}/pdf/", f"/van-ban/{page.pk}/docx/", f"/admin/phat-hanh/{page.pk}/",
                f"/admin/van-ban/{page.pk}/thu-hoi/", f"/admin/pages/{page.pk}/history/", page.url):
        assert f'href="{url}"' in html
    assert html.count("không được sửa") == 1  # the view says it once: no refusal message on top
    recall = client.get(f"/admin/van-ban/{page.pk}/thu-hoi/").content.decode()  # "Không thu hồi" leads back here
    assert f'href="{_view(page)}" class="button button-secondary">Không thu hồi' in recall


def test_each_role_sees_only_what_it_may_do(client, world):
    page = make_document(world, "public", "issued")
    for name in ("lanhdao", "soanthao"):
        client.force_login(world.users[name])
        html = client.get(_view(page)).content.decode()
        assert "Văn bản đã ban hành không được sửa" in html
        assert f'href="/admin/pages/{page.pk}/history/"' in html
        assert f"/admin/phat-hanh/{page.pk}/" not in html and f"/admin/van-ban/{page.pk}/thu-hoi/" not in html


def test_a_draft_opens_in_its_editor_and_a_hidden_document_is_refused(client, world):
    draft = draft_document(world, "quy chế còn dự thảo")
    client.force_login(world.users["soanthao"])
    response = client.get(_view(draft))
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{draft.pk}/edit/"
    hidden = make_document(world, "restricted", "issued", title="quy chế hạn chế không cấp cho người soạn")
    assert client.get(_view(hidden)).status_code != 200
    client.force_login(world.users["thanhvien_khac"])  # no admin access at all
    assert client.get(_view(make_document(world, "public", "issued"))).status_code != 200


def test_a_recalled_document_says_so(client, world):
    page = advance(draft_document(world, "quy chế sẽ thu hồi"), world, "recalled")
    assert page.state == DocumentState.RECALLED
    client.force_login(world.users["vanthu"])
    html = client.get(_view(page)).content.decode()
    assert "Văn bản đã bị thu hồi" in html and f"/admin/van-ban/{page.pk}/thu-hoi/" not in html


def test_the_history_edit_button_no_longer_loops(client, world):
    """Wagtail's history header keeps its "Sửa" (the edit URL): it now lands on the reading view."""
    page = make_document(world, "public", "issued")
    client.force_login(world.users["lanhdao"])
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert f'href="/admin/pages/{page.pk}/edit/"' in history
    assert client.get(f"/admin/pages/{page.pk}/edit/")["Location"] == _view(page)


def test_the_listing_menu_offers_to_read_an_issued_document_and_to_edit_a_draft(client, world):
    issued = make_document(world, "public", "issued")
    draft = draft_document(world, "quy chế vẫn sửa được")
    client.force_login(world.users["vanthu"])
    listing = client.get(f"/admin/pages/{world.bcd_index.pk}/").content.decode()
    assert f'href="{_view(issued)}"' in listing and "Xem văn bản" in listing
    assert f"/admin/pages/{issued.pk}/edit/?next=" not in listing  # the menu's "Sửa" became "Xem văn bản"
    assert f"/admin/pages/{draft.pk}/edit/?next=" in listing
