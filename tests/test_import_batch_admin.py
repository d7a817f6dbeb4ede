"""Issue 12: the clerk's batch import in the admin — upload files or a .zip, follow the progress, read the report
and download it as CSV; in Django's test client and clicked through in Chromium as vanthu (desktop and phone)."""
from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.demo.documents import DEMO_DATA
from documents.importing.sources import WALKABLE_SUFFIXES
from documents.models import DocumentPage, ImportBatch
from tests.browser import DESKTOP, PHONE, chromium  # noqa: F401  (fixture)
from tests.permission_setup import build_world
from tests.test_journeys_browser import Person

SHOTS = Path(__file__).resolve().parent.parent / "var" / "shots"
URL = "/admin/van-ban/nhap-lo/"


def demo_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, path in enumerate(sorted(DEMO_DATA.glob("*.txt"))):
            zf.write(path, f"luu-tru/{'2026/' if n % 2 else ''}{path.name}")
    return buffer.getvalue()


@pytest.fixture
def world(transactional_db, settings):
    settings.IMPORT_BATCH_WAIT = True  # the page after the upload shows the finished batch
    return build_world()


def test_the_clerk_uploads_a_zip_and_reads_the_report(client, world):
    client.force_login(world.users["vanthu"])
    assert URL in client.get("/admin/").content.decode()  # in the menu
    form = client.get(URL).content.decode()
    assert 'value="internal" selected' in form  # public only when the clerk says so
    response = client.post(URL, {"uploads": [SimpleUploadedFile("luu-tru.zip", demo_zip())], "issue": "on",
                                 "visibility": "public"})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}{batch.pk}/"
    assert (batch.status, batch.total, len(batch.rows)) == ("done", 6, 6)
    page = client.get(response["Location"]).content.decode()
    assert "Tải báo cáo CSV" in page and "Đã xử lý 6/6 tệp (100 %)" in page
    # vanthu keeps the register of the Ban Chỉ đạo only: its four documents are in, the others refused.
    assert DocumentPage.objects.filter(issuer=world.bcd).count() == 4 == DocumentPage.objects.count()
    assert page.count("Bạn không phải văn thư của") == 2
    # Each document opens where the clerk can use it, in the admin: issued, in "Xem văn bản" (the editor refuses
    # issued documents), or in the review form while it is still "cần rà soát".
    for document in DocumentPage.objects.all():
        link = f"/admin/van-ban/{document.pk}/ra-soat/" if document.needs_review else f"/admin/van-ban/{document.pk}/"
        assert document.is_registered and f'href="{link}"' in page
        assert f"/admin/pages/{document.pk}/edit/" not in page
    report = client.get(f"{URL}{batch.pk}/bao-cao.csv")
    assert report["Content-Type"] == "text/csv; charset=utf-8" and report.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
    # The clerk's columns in Vietnamese and dates as on screen (the command's --report keeps its English contract).
    assert rows[0] == ["Tệp", "Kết quả", "Loại văn bản", "Số, ký hiệu", "Ngày ban hành", "Cơ quan ban hành",
                       "Cần rà soát / lý do"]
    assert all(not r[4] or re.fullmatch(r"\d\d/\d\d/\d{4}", r[4]) for r in rows[1:])
    assert any(r[4] for r in rows[1:])
    assert sorted(r[1] for r in rows[1:]) == sorted(["đã nhập"] * 3 + ["cần rà soát", "lỗi", "lỗi"]) or \
        sorted(r[1] for r in rows[1:]).count("lỗi") == 2
    assert any(r[0] == "luu-tru.zip/luu-tru/2026/quy-che-01-QC-BCD-la-gi-2026.txt"
               or r[0] == "luu-tru.zip/luu-tru/quy-che-01-QC-BCD-la-gi-2026.txt" for r in rows)

    # The same zip again: nothing new, everything "đã có" (or refused as before).
    client.post(URL, {"uploads": [SimpleUploadedFile("luu-tru.zip", demo_zip())], "issue": "on", "visibility": "public"})
    again = ImportBatch.objects.order_by("-created").first()
    assert sorted(r["result"] for r in again.rows).count("existing") == 4
    assert DocumentPage.objects.count() == 4


def test_drafts_of_a_batch_open_in_the_editor(client, world):
    client.force_login(world.users["vanthu"])
    response = client.post(URL, {"uploads": [SimpleUploadedFile("luu-tru.zip", demo_zip())],
                                 "visibility": "internal"})  # not issued
    page = client.get(response["Location"]).content.decode()
    drafts = DocumentPage.objects.all()
    assert drafts and not any(d.is_registered for d in drafts)
    # Said so: the numbers shown are the paper's, nothing was registered, and how to register them.
    assert "data-vanban-batch-drafts" in page and page.count("dự thảo ·") == drafts.count()
    for document in drafts:
        assert f'href="/admin/pages/{document.pk}/edit/"' in page


def test_an_empty_file_is_refused_on_its_own_row_and_the_others_import(client, world):
    client.force_login(world.users["vanthu"])
    seed = (DEMO_DATA / "quy-che-01-QC-BCD-la-gi-2026.txt").read_bytes()
    response = client.post(URL, {"uploads": [SimpleUploadedFile("rong.txt", b""), SimpleUploadedFile("quy-che.txt", seed)],
                                 "issue": "on", "visibility": "internal"})
    assert response.status_code == 302
    rows = {r["file"]: r for r in ImportBatch.objects.get().rows}
    assert rows["rong.txt"]["result"] == "failed" and "Tệp rỗng" in rows["rong.txt"]["reason"]
    assert rows["quy-che.txt"]["result"] != "failed" and DocumentPage.objects.filter(issuer=world.bcd).count() == 1


def test_a_file_of_another_type_among_documents_is_refused_on_its_own_row(client, world):
    client.force_login(world.users["vanthu"])
    seed = (DEMO_DATA / "quy-che-01-QC-BCD-la-gi-2026.txt").read_bytes()
    response = client.post(URL, {"uploads": [SimpleUploadedFile("setup.exe", b"MZ" * 50),
                                             SimpleUploadedFile("quy-che.txt", seed)],
                                 "issue": "on", "visibility": "internal"})
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    rows = {r["file"]: r for r in batch.rows}
    assert batch.total == 2 and rows["setup.exe"]["result"] == "failed"
    assert rows["setup.exe"]["reason"].startswith("Không nhận loại tệp này (chỉ nhận .txt")
    assert rows["quy-che.txt"]["result"] != "failed" and DocumentPage.objects.filter(issuer=world.bcd).count() == 1


def test_bad_uploads_are_refused_in_vietnamese_and_change_nothing(client, world):
    client.force_login(world.users["vanthu"])
    response = client.post(URL, {"uploads": [SimpleUploadedFile("bang-tinh.xlsx", b"PK\x03\x04")]})
    accepted = ", ".join((*WALKABLE_SUFFIXES, ".zip"))
    assert response.status_code == 200 and f"Chỉ nhận tệp {accepted}: bang-tinh.xlsx" in response.content.decode()
    response = client.post(URL, {})
    assert "Hãy chọn ít nhất một tệp." in response.content.decode()
    assert not ImportBatch.objects.exists() and not DocumentPage.objects.exists()


def test_the_clerk_chooses_who_reads_the_imported_documents(client, world):
    """A batch is internal unless the clerk chooses otherwise; no choice is refused, with nothing imported."""
    client.force_login(world.users["vanthu"])
    text = (DEMO_DATA / "quy-che-01-QC-BCD-la-gi-2026.txt").read_bytes()
    response = client.post(URL, {"uploads": [SimpleUploadedFile("a.txt", text)], "issue": "on", "visibility": ""})
    assert response.status_code == 200 and "Trường này là bắt buộc." in response.content.decode()
    assert not ImportBatch.objects.exists() and not DocumentPage.objects.exists()
    client.post(URL, {"uploads": [SimpleUploadedFile("a.txt", text)], "issue": "on", "visibility": "internal"})
    document = DocumentPage.objects.get()
    assert document.visibility == "internal" and document.is_registered
    client.logout()
    assert client.get(document.url).status_code == 404  # not for anonymous readers


def test_only_clerks_see_and_use_the_batch_import(client, world):
    client.force_login(world.users["soanthao"])
    assert URL not in client.get("/admin/").content.decode()
    assert client.get(URL).status_code in (302, 403)
    client.force_login(world.users["vanthu"])
    client.post(URL, {"uploads": [SimpleUploadedFile("a.txt", (DEMO_DATA / "quy-che-01-QC-BCD-la-gi-2026.txt").read_bytes())],
                      "visibility": "internal"})
    batch = ImportBatch.objects.get()
    client.force_login(world.users["quantri"])  # someone else's batch, even a superuser's view: not found
    assert client.get(f"{URL}{batch.pk}/").status_code == 404
    assert client.get(f"{URL}{batch.pk}/bao-cao.csv").status_code == 404


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_vanthu_imports_a_zip_by_clicking(live_server, chromium, tmp_path, settings):  # noqa: F811
    settings.IMPORT_BATCH_WAIT = False  # the real thing: the page polls the running batch
    build_world()
    archive = tmp_path / "luu-tru.zip"
    archive.write_bytes(demo_zip())
    SHOTS.mkdir(parents=True, exist_ok=True)
    clerk = Person(chromium, live_server.url, "vanthu")
    clerk.admin_login()
    page = clerk.page
    page.get_by_role("link", name="Nhập lô văn bản").click()
    page.wait_for_url(f"{live_server.url}{URL}")
    page.screenshot(path=str(SHOTS / "batch-01-form-desktop.png"), full_page=True)
    page.set_input_files("input[name=uploads]", str(archive))
    assert page.get_by_label("Văn bản đã ban hành: đăng ký vào sổ theo số và ngày gốc").is_checked()
    page.get_by_role("button", name="Nhập các tệp").click()
    download_link = page.get_by_role("link", name="Tải báo cáo CSV")
    download_link.wait_for(timeout=120_000)  # the page polls, then shows the report
    assert "Đã xử lý 6/6 tệp (100 %)" in page.locator("[data-vanban-batch-line]").inner_text()
    assert page.locator("table.listing tbody tr").count() == 6
    page.screenshot(path=str(SHOTS / "batch-02-report-desktop.png"), full_page=True)
    with page.expect_download() as info:
        download_link.click()
    saved = tmp_path / "bao-cao.csv"
    info.value.save_as(saved)
    assert saved.read_bytes().decode("utf-8").startswith("\ufeffTệp,Kết quả,Loại văn bản,")
    assert DocumentPage.objects.count() == 4

    phone = Person(chromium, live_server.url, "vanthu", viewport=PHONE)
    phone.admin_login()
    phone.page.goto(f"{live_server.url}{URL}")
    phone.page.screenshot(path=str(SHOTS / "batch-03-form-phone.png"), full_page=True)
    phone.page.goto(page.url)
    phone.page.get_by_role("link", name="Tải báo cáo CSV").wait_for()
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    phone.page.screenshot(path=str(SHOTS / "batch-04-report-phone.png"), full_page=True)
    assert width <= PHONE["width"], f"the report page scrolls sideways on a phone ({width} px)"
    assert DESKTOP["width"] > PHONE["width"]


def _without_letterhead() -> bytes:
    """The seed as a copy from a portal often is: no issuer block, no number line."""
    lines = (DEMO_DATA / "quy-che-01-QC-BCD-la-gi-2026.txt").read_text(encoding="utf-8").split("\n")
    kept = [line for n, line in enumerate(lines) if not (2 <= n <= 6) and not line.lstrip("*").startswith("Số")]
    return "\n".join(kept).encode()


def test_the_clerk_names_the_issuer_of_documents_that_do_not_say(client, world):
    """Only where the document's own issuer is not recognised: the chosen issuer is a fallback, never a rename."""
    client.force_login(world.users["vanthu"])
    form = client.get(URL).content.decode()
    assert 'name="fallback_issuer"' in form and f'<option value="{world.bcd.pk}">' in form
    assert f'<option value="{world.issuers["ubnd"].pk}">' not in form  # only issuers whose register they keep
    client.post(URL, {"uploads": [SimpleUploadedFile("khong-tieu-de.txt", _without_letterhead())],
                      "visibility": "internal"})
    (row,) = ImportBatch.objects.get().rows
    assert row["result"] == "failed" and "Không thấy tên cơ quan ban hành ở đầu văn bản" in row["reason"]
    client.post(URL, {"uploads": [SimpleUploadedFile("khong-tieu-de.txt", _without_letterhead())],
                      "visibility": "internal", "fallback_issuer": world.bcd.pk})
    assert DocumentPage.objects.get().issuer == world.bcd
    other = DEMO_DATA / "nha-nuoc-ke-hoach-68-KH-UBND-chinh-quyen-so-2026.txt"
    client.post(URL, {"uploads": [SimpleUploadedFile("ubnd.txt", other.read_bytes())], "visibility": "internal",
                      "fallback_issuer": world.bcd.pk})
    row = ImportBatch.objects.order_by("-created").first().rows[0]
    assert row["result"] == "failed" and "Bạn không phải văn thư của" in row["reason"]  # its own issuer, kept
    response = client.post(URL, {"uploads": [SimpleUploadedFile("a.txt", b"x")], "visibility": "internal",
                                 "fallback_issuer": world.issuers["ubnd"].pk})
    assert response.status_code == 200 and ImportBatch.objects.count() == 3  # not theirs: refused by the form
