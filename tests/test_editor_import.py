"""Issue 10 B: a clerk or drafter starts a document from a file in the admin, under an issuer's section."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.kinds.quy_che import QuyChePage
from documents.models import DocumentState
from tests.permission_setup import build_world

pytestmark = pytest.mark.django_db
SEED = Path(__file__).parent / "fixtures" / "quy-che-01-QC-BCD-la-gi-2026.txt"


@pytest.fixture
def world():
    return build_world()


def test_uploading_a_text_under_the_section_creates_a_draft_to_edit(client, world):
    client.force_login(world.users["soanthao"])
    url = f"/admin/van-ban/nhap-tep/{world.bcd_index.pk}/"
    assert url in client.get(f"/admin/pages/{world.bcd_index.pk}/").content.decode()  # the section's button
    refused = client.post(url, {"file": SimpleUploadedFile("bang-tinh.xlsx", b"PK\x03\x04")})
    assert refused.status_code == 200 and "Chỉ nhận tệp .txt, .docx, .doc, .odt, .pdf, .jpg" in refused.content.decode()
    broken = client.post(url, {"file": SimpleUploadedFile("ban-scan.pdf", b"%PDF-1.4")})
    assert broken.status_code == 200 and "Tệp PDF hỏng hoặc không đọc được." in broken.content.decode()

    response = client.post(url, {"file": SimpleUploadedFile(SEED.name, SEED.read_bytes())})
    page = QuyChePage.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert (page.issuer_id, page.state, page.number, page.live) == (world.bcd.pk, DocumentState.DRAFT, None, False)
    assert page.owner == world.users["soanthao"] and page.bases.count() == 4
    assert page.signer_name == "Nguyễn Quốc Nam"


def test_only_those_who_may_add_documents_start_from_a_file(client, world):
    client.force_login(world.users["lanhdao"])  # signs, does not draft
    url = f"/admin/van-ban/nhap-tep/{world.bcd_index.pk}/"
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"file": SimpleUploadedFile(SEED.name, SEED.read_bytes())}).status_code in (302, 403)
    assert not QuyChePage.objects.exists()


def test_a_document_to_review_says_so_in_the_message_the_listing_and_the_editor(client, world):
    # docs/domain.md §12: a công văn has no type line; it still imports, flagged "cần rà soát".
    from documents.kinds.van_ban_khac import VanBanKhacPage

    client.force_login(world.users["quantri"])
    index = world.issuers["index_pages"][world.issuers["ubnd"].slug]
    source = Path(__file__).parent / "fixtures" / "real" / "07-ubnd-cong-van-15-UBND-VP.txt"
    response = client.post(f"/admin/van-ban/nhap-tep/{index.pk}/",
                           {"file": SimpleUploadedFile(source.name, source.read_bytes())}, follow=True)
    page = VanBanKhacPage.objects.get()
    assert (page.printed_type_name, page.title) == ("CÔNG VĂN", "tổ chức tập huấn sử dụng hệ thống quản lý văn bản")
    assert "cần rà soát: Không có dòng tên loại" in response.content.decode()
    editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Cần rà soát" in editor and "nhận là công văn theo dòng trích yếu" in editor
    # The editor is named after the document's own type, not the class that holds every other type.
    title = " ".join(re.search(r"<title>(.*?)</title>", editor, re.S).group(1).split())
    assert title.startswith("Sửa Công văn: ") and "Văn bản khác" not in title
    listing = client.get(f"/admin/pages/{index.pk}/").content.decode()
    assert "cần rà soát" in listing and "Công văn" in listing


def test_a_general_document_can_be_created_in_the_admin(client, world):
    client.force_login(world.users["quantri"])
    index = world.issuers["index_pages"][world.issuers["ubnd"].slug]
    form = client.get(f"/admin/pages/add/documents/vanbankhacpage/{index.pk}/")
    assert form.status_code == 200
    body = form.content.decode()
    assert "Tên loại văn bản" in body and "Cần rà soát" in body
