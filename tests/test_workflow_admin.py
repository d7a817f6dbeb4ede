"""The workflow through the Wagtail admin: drafter submits, lãnh đạo approves, văn thư issues and recalls;
the history shows each step; an issued document is not edited; a secret one is refused with a clear message."""
from __future__ import annotations

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from documents.kinds.quy_che import QuyChePage
from documents.models import DocumentState
from tests.permission_setup import advance, build_world, draft_document, make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _as(client, world, name):
    client.force_login(world.users[name])
    return client


def _new_document_form(world, **overrides) -> dict:
    fields = {
        "title": "quy chế soạn trong trang quản trị", "slug": "quy-che-quan-tri", "issuer": world.bcd.pk,
        "type_code": "QC", "place": "La Gi", "preamble": "", "visibility": "internal",
        "legal_status": "chua_co_hieu_luc", "confidentiality": "", "urgency": "", "rule_set": "",
        "signer_authority": "", "signer_authority_body": "", "signer_position": "TRƯỞNG BAN",
        "signer_name": "Nguyễn Văn Ký", "circulation": "", "typist_code": "",
        "body": streamfield([]),
        "bases": inline_formset([]), "recipients": inline_formset([]), "attachments": inline_formset([]),
        "relations": inline_formset([]),
    }
    fields.update(overrides)
    return nested_form_data(fields)


def _workflow_action(client, page, action: str, comment: str = ""):
    task_state = page.current_workflow_task_state
    return client.post(f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": comment})


def test_secret_documents_are_refused_with_a_vietnamese_message(client, world):
    _as(client, world, "soanthao")
    url = f"/admin/pages/add/documents/quychepage/{world.bcd_index.pk}/"
    response = client.post(url, _new_document_form(world, confidentiality="mat"))
    assert response.status_code == 200
    assert "Hệ thống nối mạng không được lưu văn bản mật" in response.content.decode()
    assert not QuyChePage.objects.filter(title="quy chế soạn trong trang quản trị").exists()


def test_drafter_submits_signer_approves_clerk_issues_and_history_shows_it(client, world):
    _as(client, world, "soanthao")
    response = client.post(f"/admin/pages/add/documents/quychepage/{world.bcd_index.pk}/",
                           _new_document_form(world, **{"action-submit": "1"}))
    assert response.status_code == 302
    page = QuyChePage.objects.get(title="quy chế soạn trong trang quản trị")  # the slug is derived, not typed
    assert page.state == DocumentState.SUBMITTED and not page.live

    _as(client, world, "vanthu")  # the clerk cannot sign: Wagtail refuses and sends them to the dashboard
    assert _workflow_action(client, page, "approve")["Location"] == "/admin/"
    assert QuyChePage.objects.get(pk=page.pk).state == DocumentState.SUBMITTED
    _as(client, world, "lanhdao")
    assert _workflow_action(client, page, "approve", "Đồng ý ký").status_code == 302
    page = QuyChePage.objects.get(pk=page.pk)
    assert page.state == DocumentState.SIGNED

    _as(client, world, "vanthu")
    assert _workflow_action(client, page, "approve", "Đã vào sổ").status_code == 302
    page = QuyChePage.objects.get(pk=page.pk)
    assert page.state == DocumentState.ISSUED and page.live and page.notation == "01-QC/BCĐ"

    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    for text in ("Đã trình ký", "Lãnh đạo đã ký duyệt", "Đồng ý ký", "Đã cấp số 01-QC/BCĐ và ban hành", "Đã vào sổ"):
        assert text in history


def test_returning_in_the_admin_needs_a_comment(client, world):
    page = advance(draft_document(world, "quy chế trả lại trong quản trị"), world, "submitted")
    _as(client, world, "lanhdao")
    _workflow_action(client, page, "reject", "")
    assert QuyChePage.objects.get(pk=page.pk).state == DocumentState.SUBMITTED
    _workflow_action(client, page, "reject", "Bổ sung căn cứ")
    assert QuyChePage.objects.get(pk=page.pk).state == DocumentState.DRAFT
    # The drafter reads why, where they fix it; once it is submitted again the note is gone.
    _as(client, world, "soanthao")
    editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "trả lại để sửa, với ý kiến: Bổ sung căn cứ" in editor
    advance(QuyChePage.objects.get(pk=page.pk), world, "submitted")
    assert "Bổ sung căn cứ" not in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()


def test_an_issued_document_cannot_be_edited(client, world):
    page = make_document(world, "public", "issued")
    _as(client, world, "vanthu")
    for response in (client.get(f"/admin/pages/{page.pk}/edit/", follow=True),
                     client.post(f"/admin/pages/{page.pk}/edit/", _new_document_form(world, title="sửa lén"), follow=True)):
        assert "Văn bản đã ban hành không được sửa" in response.content.decode()
    assert QuyChePage.objects.get(pk=page.pk).title != "sửa lén"
    assert QuyChePage.objects.get(pk=page.pk).get_latest_revision().content["title"] != "sửa lén"


def test_clerk_recalls_from_the_admin_menu(client, world):
    page = make_document(world, "public", "issued")
    _as(client, world, "lanhdao")
    assert f"/admin/van-ban/{page.pk}/thu-hoi/" not in client.get(f"/admin/pages/{world.bcd_index.pk}/").content.decode()
    assert client.get(f"/admin/van-ban/{page.pk}/thu-hoi/").status_code in (302, 403)
    _as(client, world, "vanthu")
    assert f"/admin/van-ban/{page.pk}/thu-hoi/" in client.get(f"/admin/pages/{world.bcd_index.pk}/").content.decode()
    response = client.post(f"/admin/van-ban/{page.pk}/thu-hoi/", {"reason": ""})
    assert response.status_code == 200 and QuyChePage.objects.get(pk=page.pk).state == DocumentState.ISSUED
    response = client.post(f"/admin/van-ban/{page.pk}/thu-hoi/", {"reason": "Ban hành nhầm"})
    assert response.status_code == 302
    page = QuyChePage.objects.get(pk=page.pk)
    assert page.state == DocumentState.RECALLED and not page.live
    assert "Đã thu hồi" in client.get(f"/admin/pages/{page.pk}/history/").content.decode()


def test_explorer_and_chooser_hide_what_the_user_may_not_read(client, world):
    internal = make_document(world, "internal", "issued", title="quy chế nội bộ hiện")
    restricted = make_document(world, "restricted", "issued", title="quy chế hạn chế ẩn")
    _as(client, world, "soanthao")
    listing = client.get(f"/admin/pages/{world.bcd_index.pk}/").content.decode()
    assert internal.title in listing and restricted.title not in listing
    chooser = client.get(f"/admin/choose-page/{world.bcd_index.pk}/").json()["html"]
    assert internal.title in chooser and restricted.title not in chooser
    found = client.get("/admin/pages/search/?q=quy+chế").content.decode()
    assert internal.title in found and restricted.title not in found
    assert client.get(f"/admin/pages/{restricted.pk}/history/").status_code != 200
    _as(client, world, "vanthu")
    assert restricted.title in client.get(f"/admin/pages/{world.bcd_index.pk}/").content.decode()


def test_a_copy_of_an_issued_document_is_a_new_unnumbered_draft(client, world):
    page = make_document(world, "public", "issued")
    _as(client, world, "vanthu")
    response = client.post(f"/admin/pages/{page.pk}/copy/", {
        "new_title": "bản sao để sửa đổi", "new_slug": "ban-sao-sua-doi", "new_parent_page": world.bcd_index.pk,
        "copy_subpages": False, "publish_copies": False, "alias": False,
    })
    assert response.status_code == 302
    copy = QuyChePage.objects.get(slug="ban-sao-sua-doi")
    assert (copy.state, copy.number, copy.notation, copy.live) == (DocumentState.DRAFT, None, "", False)
    assert copy.get_latest_revision().content["state"] == DocumentState.DRAFT


def test_a_refused_issue_is_a_message_not_a_server_error(client, world):
    page = advance(draft_document(world, "quy chế chưa có nhiệm kỳ"), world, "signed")
    world.issuers["term"].delete()  # Party numbering needs a term
    _as(client, world, "vanthu")
    edit_url = f"/admin/pages/{page.pk}/edit/"
    response = _workflow_action_from(client, page, "approve", edit_url)
    assert response.status_code == 302 and response["Location"] == f"http://testserver{edit_url}"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Chưa khai báo nhiệm kỳ" in m for m in messages)
    page = QuyChePage.objects.get(pk=page.pk)
    assert (page.state, page.number, page.live) == (DocumentState.SIGNED, None, False)


def _workflow_action_from(client, page, action, referer):
    task_state = page.current_workflow_task_state
    return client.post(f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": ""},
                       HTTP_REFERER=f"http://testserver{referer}")


def test_the_sending_and_register_menus_are_the_clerks_only(client, world):
    """A drafter or a signer found "Theo dõi gửi văn bản" in their menu and an empty page behind it."""
    menus = {}
    for name in ("vanthu", "soanthao", "lanhdao"):
        _as(client, world, name)
        html = client.get("/admin/").content.decode()  # the sidebar's menu is JSON there: look for its links
        menus[name] = tuple(f'"{reverse(view)}"' in html for view in ("distribution_admin:index",
                                                                       "distribution_admin:register"))
    assert menus == {"vanthu": (True, True), "soanthao": (False, False), "lanhdao": (False, False)}


def test_the_sending_menu_item_fits_the_sidebar(client, world):
    """The sidebar cuts labels of about 18 characters; the page behind it keeps its full title."""
    _as(client, world, "vanthu")
    html = client.get("/admin/").content.decode()  # the sidebar's menu is JSON there, its text escaped
    label = json.dumps("Theo dõi gửi")[1:-1]
    assert f'"{label}"' in html and json.dumps("Theo dõi gửi văn bản")[1:-1] not in html
    assert "Theo dõi gửi văn bản" in client.get(reverse("distribution_admin:index")).content.decode()


def test_the_dashboard_offers_a_new_document_where_the_user_may_write(client, world):
    """A drafter starts a document from the dashboard (the section's small ⊕ was hard to find); a member is not
    offered it."""
    section = world.bcd_index
    html = _as(client, world, "soanthao").get("/admin/").content.decode()
    new = html[html.index("data-vanban-new"):]
    new = new[:new.index("</p>")]
    add = reverse("wagtailadmin_pages:add_subpage", args=[section.pk])
    assert f'href="{add}"' in new and f"Soạn văn bản mới: {section.title}" in new
    assert client.get(add).status_code == 200
    assert "data-vanban-new" not in _as(client, world, "thanhvien").get("/admin/").content.decode()


@pytest.mark.parametrize("kind, words", [("quyetdinhpage", "thêm chương, điều"), ("kehoachpage", "thêm mục, bảng nhiệm vụ")])
def test_the_body_says_what_its_plus_button_adds(client, world, kind, words):
    """Wagtail's round "+" is the only way to add an article or a section, named only in a tooltip."""
    form = _as(client, world, "soanthao").get(f"/admin/pages/add/documents/{kind}/{world.bcd_index.pk}/")
    assert form.status_code == 200 and f"Bấm nút “+” để {words}" in form.content.decode()
