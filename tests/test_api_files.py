"""Attachments, the Nơi nhận directory and imports through the write API (issue 13)."""
from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import DocumentPage, Recipient
from tests import factories
from tests.api_helpers import ApiCaller, assert_problem
from tests.permission_setup import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _draft(caller: ApiCaller) -> int:
    return caller.post("/api/documents/", {"kind": "quy_che", "issuer": "BCĐ", "title": "Quy chế"}).json()["id"]


def _upload(caller: ApiCaller, path: str, **data):
    return caller.client.post(path, data, **caller.headers)


def test_a_drafter_attaches_a_file_and_removes_it(world, settings):
    drafter = ApiCaller(world.users["soanthao"])
    doc_id = _draft(drafter)
    url = f"/api/documents/{doc_id}/attachments/"
    added = _upload(drafter, url, file=SimpleUploadedFile("phu-luc.txt", "Phụ lục".encode()), caption="Phụ lục 1")
    assert added.status_code == 201, added.content
    (attachment,) = added.json()["attachments"]
    assert attachment["title"] == "Phụ lục 1" and attachment["id"]
    assert ApiCaller(world.users["thanhvien"]).get(attachment["url"]).status_code == 404  # files follow the document
    removed = drafter.delete(f"{url}{attachment['id']}/")
    assert removed.status_code == 200 and removed.json()["attachments"] == []
    assert_problem(drafter.delete(f"{url}{attachment['id']}/"), 404)
    assert_problem(_upload(ApiCaller(world.users["lanhdao"]), url, file=SimpleUploadedFile("a.txt", b"x")), 403)
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 10
    assert_problem(_upload(drafter, url, file=SimpleUploadedFile("lon.txt", b"x" * 11)), 413)


def test_attachments_are_refused_once_submitted(world):
    drafter = ApiCaller(world.users["soanthao"])
    doc_id = _draft(drafter)
    drafter.act(doc_id, "submit")
    refused = _upload(drafter, f"/api/documents/{doc_id}/attachments/", file=SimpleUploadedFile("a.txt", b"x"))
    assert_problem(refused, 409)


def test_the_directory_is_read_by_drafters_and_written_by_clerks(world):
    clerk, drafter, member = (ApiCaller(world.users[n]) for n in ("vanthu", "soanthao", "thanhvien"))
    created = clerk.post("/api/recipients/", {"name": "Văn phòng Tỉnh ủy", "kind": "body",
                                              "aliases": "VP Tỉnh ủy\nVPTU"})
    assert created.status_code == 201, created.content
    entry = created.json()
    assert entry["aliases"] == ["VP Tỉnh ủy", "VPTU"]
    changed = clerk.patch(f"/api/recipients/{entry['id']}/", {"email": "vptu@example.vn"})
    assert changed.status_code == 200 and changed.json()["email"] == "vptu@example.vn"
    saved = clerk.post("/api/recipients/lists/", {"name": "Báo cáo cấp trên",
                                                  "entries": [{"recipient": entry["id"], "purpose": "b/c"}]})
    assert saved.status_code == 201 and saved.json()["entries"][0]["name"] == "Văn phòng Tỉnh ủy"
    listing = drafter.get("/api/recipients/").json()
    assert entry["id"] in {r["id"] for r in listing["recipients"]}
    assert [rl["name"] for rl in listing["lists"]] == ["Báo cáo cấp trên"]
    assert_problem(drafter.post("/api/recipients/", {"name": "Chi bộ 1"}), 403)
    assert_problem(drafter.patch(f"/api/recipients/{entry['id']}/", {"name": "Đổi tên"}), 403)
    assert_problem(member.get("/api/recipients/"), 403)
    assert_problem(clerk.post("/api/recipients/", {"name": "Sai thư", "email": "khong-phai-thu"}), 422)
    assert Recipient.objects.get(pk=entry["id"]).name == "Văn phòng Tỉnh ủy"


def test_importing_files_and_a_zip_creates_drafts_and_reports_each_file(world):
    clerk = ApiCaller(world.users["vanthu"])
    seed = factories.SEED_TEXT.encode()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("quy-che.txt", seed)
        zf.writestr("anh.png", b"\x89PNG")
    response = clerk.client.post("/api/imports/", {"files": [
        SimpleUploadedFile("lo.zip", archive.getvalue()), SimpleUploadedFile("rong.txt", b"   ")]}, **clerk.headers)
    assert response.status_code == 201, response.content
    job = response.json()
    assert job["status"] == "done" and len(job["results"]) == 3
    by_file = {r["file"]: r for r in job["results"]}
    created = by_file["lo.zip/quy-che.txt"]
    assert created["status"] == "created" and created["document"]
    assert DocumentPage.objects.get(pk=created["document"]).state == "draft"
    assert by_file["lo.zip/anh.png"]["status"] == "failed" and by_file["lo.zip/anh.png"]["error"]
    assert by_file["rong.txt"]["status"] == "failed"
    assert clerk.get(f"/api/imports/{job['id']}/").json() == job
    assert_problem(ApiCaller(world.users["soanthao"]).get(f"/api/imports/{job['id']}/"), 404)  # not theirs


def test_the_same_file_imported_twice_makes_one_document(world):
    """As the batch importer: the second upload of the same bytes reports the document it already made, named
    only to one who may read it."""
    clerk = ApiCaller(world.users["vanthu"])
    seed = factories.SEED_TEXT.encode()

    def send(caller, name):
        response = caller.client.post("/api/imports/", {"files": [SimpleUploadedFile(name, seed)]}, **caller.headers)
        assert response.status_code == 201, response.content
        return response.json()["results"][0]

    first = send(clerk, "quy-che.txt")
    assert first["status"] == "created"
    count = DocumentPage.objects.count()
    again = send(clerk, "ban-sao.txt")
    assert again["status"] == "existing" and again["document"] == first["document"]
    assert "quy-che.txt" in again["notes"][0] and again["label"].startswith("QUY CHẾ hoạt động của Ban Chỉ đạo")
    assert DocumentPage.objects.count() == count
    outsider = factories.create_user("soanthao_khac")
    from documents.roles import Role, grant_role

    grant_role(outsider, world.issuers["ubnd"], Role.SOAN_THAO)
    hidden = send(ApiCaller(outsider), "quy-che.txt")  # the draft is not theirs to read
    assert hidden["status"] == "existing" and hidden["document"] is None and hidden["label"] == ""
    assert DocumentPage.objects.count() == count
    DocumentPage.objects.get(pk=first["document"]).delete()
    assert send(clerk, "quy-che.txt")["status"] == "created"  # its document deleted: the file may come in again


def test_importing_for_an_issuer_one_does_not_draft_for_creates_nothing(world):
    outsider = factories.create_user("soanthao_khac")
    from documents.roles import Role, grant_role

    grant_role(outsider, world.issuers["ubnd"], Role.SOAN_THAO)
    caller = ApiCaller(outsider)
    before = DocumentPage.objects.count()
    job = caller.client.post("/api/imports/", {"files": [SimpleUploadedFile("qc.txt", factories.SEED_TEXT.encode())]},
                             **caller.headers).json()
    assert job["results"][0]["status"] == "failed" and "quyền" in job["results"][0]["error"]
    assert DocumentPage.objects.count() == before
    assert_problem(ApiCaller(world.users["thanhvien"]).client.post(
        "/api/imports/", {"files": [SimpleUploadedFile("qc.txt", b"x")]},
        **ApiCaller(world.users["thanhvien"]).headers), 403)
