"""A document driven through the write API alone: draft → submit → sign → issue → deliveries → inbox
acknowledgement → recall, each step by the user whose role it is (issue 13)."""
from __future__ import annotations

import pytest

from documents.models import Delivery, DocumentPage, DocumentState
from tests.api_helpers import ApiCaller, assert_problem
from tests.permission_setup import build_world

pytestmark = pytest.mark.django_db

BODY = [
    {"type": "chapter", "value": {"number": "I", "title": "QUY ĐỊNH CHUNG", "articles": [
        {"number": "1", "title": "Phạm vi điều chỉnh", "text": "Quy chế này quy định hoạt động của Ban.",
         "clauses": [{"number": "1", "text": "Ban làm việc theo chế độ tập thể.", "points": []}]},
    ]}},
]


@pytest.fixture
def world():
    return build_world()


def test_the_whole_flow_through_the_api(world):
    drafter, signer, clerk = (ApiCaller(world.users[n]) for n in ("soanthao", "lanhdao", "vanthu"))
    receiver = ApiCaller(world.users["noi_nhan"])
    created = drafter.post("/api/documents/", {
        "kind": "quy_che", "issuer": "BCĐ", "title": "Quy chế làm việc của Ban chỉ đạo",
        "bases": ["Căn cứ Điều lệ Đảng;"], "preamble": "Ban hành quy chế như sau:", "body": BODY,
        "signer": {"authority": "", "position": "TRƯỞNG BAN", "name": "Nguyễn Quốc Nam"},
        "recipients": [{"directory_id": world.recipient.pk, "purpose": "để thực hiện"},
                       {"name": "Văn phòng Đảng ủy", "archive": True}],
        "visibility": "internal",
    })
    assert created.status_code == 201, created.content
    doc = created.json()
    assert doc["state"] == "draft" and doc["number"] is None and doc["kind"] == "quy_che"
    assert doc["issuer"]["code"] == "BCĐ" and doc["bases"] == ["Căn cứ Điều lệ Đảng;"]
    assert doc["body"][0]["type"] == "chapter" and doc["body"][0]["value"]["articles"][0]["number"] == "1"
    assert [r["name"] for r in doc["recipients"]] == [world.recipient.name, "Văn phòng Đảng ủy"]
    doc_id = doc["id"]

    changed = drafter.patch(f"/api/documents/{doc_id}/", {"title": "Quy chế hoạt động của Ban chỉ đạo"})
    assert changed.status_code == 200 and changed.json()["title"] == "Quy chế hoạt động của Ban chỉ đạo"
    assert changed.json()["bases"] == ["Căn cứ Điều lệ Đảng;"]  # a partial update keeps the rest
    assert drafter.get(f"/api/documents/{doc_id}/transitions/").json() == {"state": "draft", "actions": ["submit"]}

    submitted = drafter.act(doc_id, "submit", "Kính trình")
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    assert_problem(drafter.patch(f"/api/documents/{doc_id}/", {"title": "Sửa sau khi trình"}), 409)
    assert signer.get(f"/api/documents/{doc_id}/transitions/").json()["actions"] == ["sign", "return"]

    signed = signer.act(doc_id, "sign", "Đồng ý")
    assert signed.status_code == 200 and signed.json()["state"] == "signed" and signed.json()["number"] is None
    assert clerk.get(f"/api/documents/{doc_id}/transitions/").json()["actions"] == ["return", "issue"]

    issued = clerk.act(doc_id, "issue", "Vào sổ", copies=12)
    assert issued.status_code == 200, issued.content
    assert issued.json()["state"] == "issued" and issued.json()["number"] == 1
    assert issued.json()["notation"] == "01-QC/BCĐ" and issued.json()["status"] == "con_hieu_luc"
    assert DocumentPage.objects.get(pk=doc_id).specific.copies == 12

    tracking = clerk.get(f"/api/documents/{doc_id}/deliveries/")
    assert tracking.status_code == 200
    delivery = Delivery.objects.get(document_id=doc_id, user=world.users["noi_nhan"], channel="inbox")
    inbox = receiver.get("/api/inbox/").json()
    assert [item["id"] for item in inbox["results"]] == [doc_id]
    acknowledged = receiver.post(f"/api/inbox/{delivery.pk}/acknowledge/")
    assert acknowledged.status_code == 200 and acknowledged.json()["delivery"]["status"] == "acknowledged"

    assert_problem(clerk.act(doc_id, "recall"), 422)  # a recall needs its reason
    recalled = clerk.act(doc_id, "recall", "Ban hành nhầm")
    assert recalled.status_code == 200 and recalled.json()["state"] == "recalled"
    assert DocumentPage.objects.get(pk=doc_id).state == DocumentState.RECALLED
    notices = [item["delivery"]["notice"] for item in receiver.get("/api/inbox/").json()["results"]]
    assert notices == ["recall"]  # the issued copy is revoked; the recall notice arrives


def test_return_for_revision_needs_a_comment_and_brings_the_draft_back(world):
    drafter, signer = ApiCaller(world.users["soanthao"]), ApiCaller(world.users["lanhdao"])
    doc_id = drafter.post("/api/documents/", {"kind": "bao_cao", "issuer": world.bcd.pk,
                                              "title": "Báo cáo quý I"}).json()["id"]
    drafter.act(doc_id, "submit")
    body = assert_problem(signer.act(doc_id, "return"), 422)
    assert "comment" in body["errors"]
    returned = signer.act(doc_id, "return", "Bổ sung số liệu")
    assert returned.status_code == 200 and returned.json()["state"] == "draft"
    assert drafter.patch(f"/api/documents/{doc_id}/", {"preamble": "Đã bổ sung"}).status_code == 200


def test_drafts_are_deleted_and_issued_documents_are_not(world):
    drafter = ApiCaller(world.users["soanthao"])
    doc_id = drafter.post("/api/documents/", {"kind": "ke_hoach", "issuer": "BCĐ", "title": "Kế hoạch"}).json()["id"]
    assert drafter.delete(f"/api/documents/{doc_id}/").status_code == 204
    assert not DocumentPage.objects.filter(pk=doc_id).exists()
    assert_problem(drafter.get(f"/api/documents/{doc_id}/"), 404)


def test_a_drafting_unit_set_through_the_api_is_issued_in_the_notation(world):
    """The editor's "Ký hiệu đơn vị soạn thảo" through the API: kept on the draft, checked, printed after the
    issuer's code when the number is given ("01-QC/BCĐ-VP")."""
    drafter, signer, clerk = (ApiCaller(world.users[n]) for n in ("soanthao", "lanhdao", "vanthu"))
    created = drafter.post("/api/documents/", {"kind": "quy_che", "issuer": "BCĐ", "title": "Quy chế văn thư",
                                               "unit_code": "VP", "body": BODY})
    assert created.status_code == 201, created.content
    doc = created.json()
    assert doc["unit_code"] == "VP"
    refused = assert_problem(drafter.patch(f"/api/documents/{doc['id']}/", {"unit_code": "V P!"}), 422)
    assert "Ký hiệu đơn vị chỉ gồm chữ và số" in str(refused)
    assert drafter.get(f"/api/documents/{doc['id']}/").json()["unit_code"] == "VP"  # nothing changed
    drafter.act(doc["id"], "submit", "Kính trình")
    signer.act(doc["id"], "sign", "Đồng ý")
    issued = clerk.act(doc["id"], "issue", "Vào sổ")
    assert issued.status_code == 200, issued.content
    assert issued.json()["notation"] == "01-QC/BCĐ-VP"
