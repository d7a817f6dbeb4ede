"""Nơi nhận "Như Điều 3" must name an article the document has: carried over from an earlier decision's usual
start, it would reach the signer, the register and the sending list pointing at nothing (refused at trình ký)."""
from __future__ import annotations

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from documents.article_refs import dangling_article_refs
from documents.kinds.quyet_dinh import QuyetDinhPage
from documents.models import DocumentRecipient, DocumentState
from documents.workflow import transitions
from documents.workflow.transitions import TransitionError
from tests.permission_setup import build_world, draft_document


@pytest.fixture
def world(db):
    return build_world()


def test_names_without_their_article_are_found_with_or_without_marks():
    body = "Điều 1. Thành lập Tổ giúp việc\nĐiều 2. Nhiệm vụ\nCác đồng chí có tên tại Điều 3 thi hành"
    names = ["Như Điều 3;", "- như điều 2,", "NHƯ ĐIỀU 4 (để thực hiện)", "Lưu Văn phòng", "Nhu Dieu 3"]
    assert dangling_article_refs(names, body) == ["3", "4"]
    assert dangling_article_refs(["Như Điều 1"], body) == []
    assert dangling_article_refs(["Các chi bộ trực thuộc"], "") == []


def _quyet_dinh(title: str, recipient: str, **extra) -> dict:
    return nested_form_data({
        "title": title, "type_code": "", "place": "", "decider": "", "preamble": "", "proposal": "",
        "visibility": "internal", "legal_status": "chua_co_hieu_luc", "confidentiality": "", "urgency": "",
        "rule_set": "", "signer_authority": "", "signer_authority_body": "", "signer_position": "", "signer_name": "",
        "circulation": "", "typist_code": "", "body": streamfield([]), "bases": inline_formset([]),
        "recipients": inline_formset([{"recipient": "", "name": recipient, "purpose": "", "archive": False}]),
        "attachments": inline_formset([]), "relations": inline_formset([]), **extra,
    })


def test_the_editor_refuses_trinh_ky_but_saves_the_draft(client, world):
    client.force_login(world.users["soanthao"])
    url = f"/admin/pages/add/documents/quyetdinhpage/{world.bcd_index.pk}/"
    refused = client.post(url, _quyet_dinh("về việc thiếu điều 3", "Như Điều 3;", **{
        "action-submit": "1", "vanban_submit_comment": "Kính trình <gấp> trong tuần"}))
    assert refused.status_code == 200
    # The comment typed in the Trình ký dialog is still there to send again once the error is fixed.
    assert 'form="page-edit-form">Kính trình &lt;gấp&gt; trong tuần</textarea>' in refused.content.decode()
    assert "Nơi nhận ghi “Như Điều 3” nhưng văn bản không có Điều 3" in refused.content.decode()
    assert "Không tạo được văn bản vì có lỗi nhập liệu" in refused.content.decode()  # the office's word
    assert not QuyetDinhPage.objects.filter(title="về việc thiếu điều 3").exists()  # nothing changed
    saved = client.post(url, _quyet_dinh("về việc thiếu điều 3", "Như Điều 3;", **{"action-save-draft": "1"}),
                        follow=True)
    assert saved.redirect_chain and "Đã tạo văn bản “về việc thiếu điều 3”" in saved.content.decode()
    assert QuyetDinhPage.objects.get(title="về việc thiếu điều 3").state == DocumentState.DRAFT


def test_the_submit_transition_refuses_it_too(world):
    page = draft_document(world, "quy chế gửi như điều 5", with_file=False)
    DocumentRecipient.objects.create(page=page, name="Như Điều 5;", sort_order=1)
    page.save_revision(user=world.users["soanthao"])
    with pytest.raises(TransitionError, match="Như Điều 5"):
        transitions.submit(page, world.users["soanthao"])
    assert type(page).objects.get(pk=page.pk).state == DocumentState.DRAFT


def test_the_api_refuses_it_with_the_same_words(world):
    from tests.api_helpers import ApiCaller

    drafter = ApiCaller(world.users["soanthao"])
    doc = drafter.post("/api/documents/", {
        "kind": "quy_che", "issuer": "BCĐ", "title": "Quy chế gửi như điều 4",
        "signer": {"authority": "T/M BAN CHỈ ĐẠO", "position": "TRƯỞNG BAN", "name": "Nguyễn Văn A"},
        "recipients": [{"name": "Như Điều 4"}, {"name": "Văn phòng Đảng ủy", "archive": True}],
    }).json()
    refused = drafter.act(doc["id"], "submit", "Kính trình")
    assert 400 <= refused.status_code < 500 and "Như Điều 4" in refused.json()["detail"]
    assert drafter.get(f"/api/documents/{doc['id']}/").json()["state"] == "draft"
