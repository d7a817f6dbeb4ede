"""Issue 10 B: Nơi nhận in the editor: a chosen directory entry is enough, saved lists apply in one choice, the
chooser searches without marks and sorts in Vietnamese order."""
from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from documents.kinds.quyet_dinh import QuyetDinhPage
from documents.models import Recipient, RecipientKind, RecipientList, RecipientListEntry
from documents.text.collation import sort_key
from tests.permission_setup import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _form(title: str, recipients: list[dict], **extra) -> dict:
    return nested_form_data({
        "title": title, "type_code": "", "place": "", "decider": "", "preamble": "", "proposal": "",
        "visibility": "internal", "legal_status": "chua_co_hieu_luc", "confidentiality": "", "urgency": "",
        "rule_set": "", "signer_authority": "", "signer_authority_body": "", "signer_position": "", "signer_name": "",
        "circulation": "", "typist_code": "", "body": streamfield([]), "bases": inline_formset([]),
        "recipients": inline_formset(recipients), "attachments": inline_formset([]), "relations": inline_formset([]),
        "action-save-draft": "1", **extra,
    })


def test_a_directory_entry_fills_the_printed_name_and_a_saved_list_applies(client, world):
    chi_bo = Recipient.objects.create(name="Các chi bộ trực thuộc", kind=RecipientKind.CLASS)
    tinh_uy = Recipient.objects.create(name="Văn phòng Tỉnh ủy", kind=RecipientKind.BODY)
    archive = Recipient.objects.create(name="Lưu Văn phòng Đảng ủy", kind=RecipientKind.BODY)
    saved = RecipientList.objects.create(name="Gửi thường lệ")
    RecipientListEntry.objects.create(recipient_list=saved, recipient=tinh_uy, purpose="để báo cáo", sort_order=0)
    RecipientListEntry.objects.create(recipient_list=saved, recipient=chi_bo, sort_order=1)
    RecipientListEntry.objects.create(recipient_list=saved, recipient=archive, archive=True, sort_order=2)

    client.force_login(world.users["soanthao"])
    response = client.post(
        f"/admin/pages/add/documents/quyetdinhpage/{world.bcd_index.pk}/",
        _form("về việc gửi theo danh sách", [{"recipient": chi_bo.pk, "name": "", "purpose": "để thực hiện",
                                              "archive": False}], apply_recipient_list=saved.pk),
    )
    assert response.status_code == 302
    page = QuyetDinhPage.objects.get(title="về việc gửi theo danh sách")
    lines = [(r.name, r.purpose, r.archive) for r in page.get_latest_revision_as_object().recipients.all()]
    assert lines == [("Các chi bộ trực thuộc", "để thực hiện", False), ("Văn phòng Tỉnh ủy", "để báo cáo", False),
                     ("Lưu Văn phòng Đảng ủy", "", True)]

    empty = client.post(f"/admin/pages/add/documents/quyetdinhpage/{world.bcd_index.pk}/",
                        _form("nơi nhận trống", [{"recipient": "", "name": "", "purpose": "", "archive": False}]))
    assert empty.status_code == 200 and "Chọn nơi nhận trong danh bạ hoặc ghi tên nơi nhận" in empty.content.decode()


def test_the_chooser_searches_without_marks_in_vietnamese_order(client, world):
    for name in ("Chi bộ khu phố 1", "Các chi bộ trực thuộc", "Đảng ủy viên", "Ban Tuyên giáo"):
        Recipient.objects.create(name=name, kind=RecipientKind.BODY)
    Recipient.objects.create(name="Chi bộ đã giải thể", kind=RecipientKind.BODY, active=False)
    client.force_login(world.users["soanthao"])
    url = reverse("wagtailsnippetchoosers_documents_recipient:choose_results")
    html = client.get(url, {"q": "chi bo"}).content.decode()
    assert "Các chi bộ trực thuộc" in html and "Chi bộ khu phố 1" in html
    assert "Ban Tuyên giáo" not in html and "đã giải thể" not in html
    assert html.index("Các chi bộ trực thuộc") < html.index("Chi bộ khu phố 1")
    chooser = client.get(reverse("wagtailsnippetchoosers_documents_recipient:choose")).json()["html"]
    assert 'name="q"' in chooser


def test_vietnamese_alphabetical_order():
    names = ["Chi bộ 2", "Các chi bộ", "Đảng ủy", "Dân vận", "Ban Chỉ đạo", "Ủy ban", "Tổ giúp việc", "Tờ trình"]
    assert sorted(names, key=sort_key) == ["Ban Chỉ đạo", "Các chi bộ", "Chi bộ 2", "Dân vận", "Đảng ủy",
                                           "Tổ giúp việc", "Tờ trình", "Ủy ban"]
