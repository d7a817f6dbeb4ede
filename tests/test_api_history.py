"""History, structured diff, sharing and lock through the write API (issue 13)."""
from __future__ import annotations

import pytest

from documents.permissions import can_read
from tests.api_helpers import ApiCaller, assert_problem
from tests.permission_setup import advance, build_world

pytestmark = pytest.mark.django_db


def article(number: str, title: str, clauses: list[str]) -> dict:
    return {"type": "article", "value": {"number": number, "title": title, "text": "",
                                         "clauses": [{"number": str(i + 1), "text": t, "points": []}
                                                     for i, t in enumerate(clauses)]}}


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def drafted(world):
    drafter = ApiCaller(world.users["soanthao"])
    doc = drafter.post("/api/documents/", {
        "kind": "quy_che", "issuer": "BCĐ", "title": "Quy chế làm việc của Tổ giúp việc",
        "bases": ["Căn cứ Điều lệ Đảng;", "Căn cứ Quy chế làm việc;"],
        "body": [article("1", "Thành lập", ["Thành lập Tổ giúp việc."]), article("2", "Nhiệm vụ", ["Tham mưu."])],
        "signer": {"authority": "T/M BAN CHỈ ĐẠO", "position": "TRƯỞNG BAN", "name": "Nguyễn Văn A"},
        "recipients": [{"name": "Như Điều 1"}, {"name": "Văn phòng Đảng ủy", "archive": True}],
    }).json()
    return drafter, doc


def test_diff_reports_each_changed_part_with_vietnamese_labels(world, drafted):
    drafter, doc = drafted
    changed = drafter.patch(f"/api/documents/{doc['id']}/", {
        "bases": ["Căn cứ Điều lệ Đảng;", "Căn cứ Quy định 399-QĐ/TW;"],
        "body": [article("1", "Thành lập", ["Thành lập Tổ giúp việc gồm 5 thành viên."]),
                 article("3", "Hiệu lực", ["Quyết định có hiệu lực kể từ ngày ký."])],
        "signer": {"name": "Trần Thị B"},
        "recipients": [{"name": "Như Điều 1"}, {"name": "Thường trực Đảng ủy", "purpose": "b/c"},
                       {"name": "Văn phòng Đảng ủy", "archive": True}],
    })
    assert changed.status_code == 200, changed.content
    response = drafter.get(f"/api/documents/{doc['id']}/diff/")
    assert response.status_code == 200
    data = response.json()
    assert data["from"] < data["to"]
    changes = {(c["label"], c["change"]): c for c in data["changes"]}
    assert changes["Điều 1 khoản 1", "changed"]["after"] == "Thành lập Tổ giúp việc gồm 5 thành viên."
    assert changes["Điều 1 khoản 1", "changed"]["before"] == "Thành lập Tổ giúp việc."
    assert ("Điều 3", "added") in changes and ("Điều 3 khoản 1", "added") in changes
    assert ("Điều 2", "removed") in changes and ("Điều 2 khoản 1", "removed") in changes
    assert changes["Căn cứ 2", "added"]["after"] == "Căn cứ Quy định 399-QĐ/TW;"
    assert changes["Căn cứ 2", "removed"]["before"] == "Căn cứ Quy chế làm việc;"
    assert changes["Người ký", "changed"]["after"] == "T/M BAN CHỈ ĐẠO TRƯỞNG BAN Trần Thị B"
    assert changes["Nơi nhận 2", "added"]["after"] == "Thường trực Đảng ủy (b/c)"
    assert not any(c["label"] == "Điều 1" for c in data["changes"])  # its own text did not change
    first = drafter.get(f"/api/documents/{doc['id']}/diff/", **{"from": data["to"], "to": data["to"]}).json()
    assert first["changes"] == []
    assert_problem(drafter.get(f"/api/documents/{doc['id']}/diff/", to=999999), 404)


def test_history_lists_revisions_and_workflow_events_for_handlers_only(world, drafted):
    drafter, doc = drafted
    drafter.act(doc["id"], "submit", "Kính trình")
    ApiCaller(world.users["lanhdao"]).act(doc["id"], "return", "Sửa Điều 2")
    history = drafter.get(f"/api/documents/{doc['id']}/history/").json()
    assert len(history["revisions"]) >= 1 and history["revisions"][0]["user"] == "soanthao"
    actions = [(e["action"], e["user"], e["comment"]) for e in history["events"]]
    assert ("vanban.submit", "soanthao", "Kính trình") in actions
    assert ("vanban.return", "lanhdao", "Sửa Điều 2") in actions
    returned = next(e for e in history["events"] if e["action"] == "vanban.return")
    assert returned["label"] == "Trả lại để sửa"
    assert_problem(ApiCaller(world.users["thanhvien"]).get(f"/api/documents/{doc['id']}/history/"), 404)


def test_history_of_an_issued_document_is_refused_to_a_reader_who_does_not_handle_it(world, drafted):
    drafter, doc = drafted
    page = advance(_page(doc), world, "issued")
    member = ApiCaller(world.users["thanhvien"])
    assert member.get(f"/api/documents/{page.pk}/").status_code == 200
    assert_problem(member.get(f"/api/documents/{page.pk}/history/"), 403)


def _page(doc):
    from documents.models import DocumentPage

    return DocumentPage.objects.get(pk=doc["id"]).specific


def test_the_clerk_shares_a_restricted_document_and_takes_it_back(world, drafted):
    drafter, doc = drafted
    assert drafter.patch(f"/api/documents/{doc['id']}/", {"visibility": "restricted"}).status_code == 200
    page = advance(_page(doc), world, "issued")
    clerk, reader = ApiCaller(world.users["vanthu"]), world.users["duoc_cap_quyen"]
    assert not can_read(reader, page)
    url = f"/api/documents/{page.pk}/sharing/"
    shared = clerk.post(url, {"users": [reader.pk]})
    assert shared.status_code == 200
    assert {"id": reader.pk, "name": "duoc_cap_quyen"} in shared.json()["users"]
    assert can_read(reader, page)
    assert clerk.get(url).json() == shared.json()
    assert_problem(ApiCaller(world.users["soanthao"]).post(url, {"users": [reader.pk]}), 404)  # cannot read it
    assert_problem(ApiCaller(reader).post(url, {"users": [world.users["thanhvien"].pk]}), 403)  # reads, not clerk
    assert_problem(clerk.post(url, {"users": [987654]}), 422)
    taken = clerk.delete(f"{url}?user={reader.pk}")
    assert taken.status_code == 200 and reader.pk not in {u["id"] for u in taken.json()["users"]}
    reader = type(reader).objects.get(pk=reader.pk)  # a fresh user: no remembered permissions
    assert not can_read(reader, page)


def test_lock_follows_the_admin_rules_and_blocks_others_edits(world, drafted):
    drafter, doc = drafted
    admin, signer = ApiCaller(world.users["quantri"]), ApiCaller(world.users["lanhdao"])
    url = f"/api/documents/{doc['id']}/lock/"
    locked = admin.post(url)
    assert locked.status_code == 200 and locked.json()["locked"] and locked.json()["locked_by"] == "quantri"
    body = assert_problem(drafter.patch(f"/api/documents/{doc['id']}/", {"title": "Sửa khi đang khóa"}), 423)
    assert "khóa" in body["detail"]
    assert_problem(signer.delete(url), 403)
    unlocked = admin.delete(url)
    assert unlocked.status_code == 200 and not unlocked.json()["locked"]
    assert drafter.patch(f"/api/documents/{doc['id']}/", {"title": "Sửa sau khi mở khóa"}).status_code == 200
