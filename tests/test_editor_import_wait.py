"""A long file started from the admin ("Tạo văn bản từ tệp"): a scan read by OCR past IMPORT_WAIT_SECONDS shows a
page that reloads itself, then opens the draft in the editor, or goes back to the form saying why not
(documents/importing/admin_views.py, background.py)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.importing.builder import ImportFailure
from documents.importing.service import import_bytes
from documents.models import DocumentPage
from documents.roles import Role, grant_role
from tests.browser import DESKTOP, PHONE, Person, chromium  # noqa: F401  (fixture)
from tests.permission_setup import build_world

PHOTO = Path(__file__).parent / "fixtures" / "import" / "kh-05-du-phone.jpg"
SEED = Path(__file__).parent / "fixtures" / "quy-che-01-QC-BCD-la-gi-2026.txt"
NAME = "tep-dang-doc.txt"  # the name the waiting page shows
# The import's thread has a connection of its own: it sees only committed data.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def drafting(settings):
    """(the Đảng ủy's section, a drafter of it), with imports in a thread that the request waits for briefly."""
    settings.IMPORT_IN_BACKGROUND = True
    settings.IMPORT_WAIT_SECONDS = 0.01
    world = build_world()
    drafter = world.users["soanthao"]
    grant_role(drafter, world.issuers["dang_uy"], Role.SOAN_THAO)  # the photo is the Đảng ủy's
    return world.issuers["index_pages"][world.issuers["dang_uy"].slug], drafter


@pytest.fixture
def slow_reading(monkeypatch):
    """The real import, a second slower: long enough to be seen waiting (OCR of the photo is shown in the browser
    test, once: it takes seconds)."""
    def slowly(*args, **kwargs):
        time.sleep(1)
        return import_bytes(*args, **kwargs)

    monkeypatch.setattr("documents.importing.admin_views.import_bytes", slowly)


def _follow_until_done(client, url: str) -> str:
    """GET the waiting page until it sends the reader on; the place it sends them to."""
    deadline = time.monotonic() + 180
    while True:
        response = client.get(url)
        if response.status_code == 302:
            return response["Location"]
        assert response.status_code == 200
        page = response.content.decode()
        assert f"Đang đọc tệp {NAME}" in page and 'http-equiv="refresh"' in page
        assert time.monotonic() < deadline, "the import never ended"
        time.sleep(0.3)


def test_a_long_read_shows_a_waiting_page_then_opens_the_draft(client, drafting, slow_reading):
    section, drafter = drafting
    client.force_login(drafter)
    url = f"/admin/van-ban/nhap-tep/{section.pk}/"
    response = client.post(url, {"file": SimpleUploadedFile(NAME, SEED.read_bytes())})
    assert response.status_code == 302 and response["Location"].startswith(url)
    waiting = response["Location"]
    client.force_login(get_user_model().objects.get(username="lanhdao"))  # the issuer's signer
    assert client.get(waiting).status_code == 404  # someone else's import
    client.force_login(drafter)
    editor = _follow_until_done(client, waiting)
    page = DocumentPage.objects.get()
    assert editor == f"/admin/pages/{page.pk}/edit/"
    assert page.issuer.code == "ĐU" and page.owner == drafter and page.signer_name == "Nguyễn Quốc Nam"
    assert "Đã tạo dự thảo" in client.get(editor).content.decode()


def test_a_file_that_cannot_be_read_goes_back_to_the_form_with_the_reason(client, drafting, monkeypatch):
    section, drafter = drafting

    def unreadable(*args, **kwargs):
        time.sleep(0.5)  # past IMPORT_WAIT_SECONDS
        raise ImportFailure("Ảnh quá mờ, không nhận dạng được chữ.")

    monkeypatch.setattr("documents.importing.admin_views.import_bytes", unreadable)
    client.force_login(drafter)
    url = f"/admin/van-ban/nhap-tep/{section.pk}/"
    waiting = client.post(url, {"file": SimpleUploadedFile(NAME, PHOTO.read_bytes())})["Location"]
    assert _follow_until_done(client, waiting) == url
    page = client.get(url).content.decode()
    assert f"Không tạo được dự thảo từ tệp {NAME}: Ảnh quá mờ, không nhận dạng được chữ." in page
    assert not DocumentPage.objects.exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_drafter_starts_from_a_phone_photo_by_clicking(live_server, chromium, drafting):  # noqa: F811
    section, drafter = drafting
    person = Person(chromium, live_server.url, drafter.username)
    person.admin_login()
    page = person.page
    person.open_start_from_file(section.pk)
    page.set_input_files("input[name=file]", str(PHOTO))
    person.click(page.get_by_role("button", name="Tạo dự thảo từ tệp"))
    status = page.locator("[data-vanban-import-wait]")
    status.wait_for()
    assert "Đang đọc tệp kh-05-du-phone.jpg" in status.inner_text()
    person.shot("import-wait-desktop")
    phone = Person(chromium, live_server.url, drafter.username, viewport=PHONE)  # the same wait, on a phone
    phone.admin_login()
    phone.page.goto(page.url)
    if "/edit/" not in phone.page.url:  # still reading
        phone.shot("import-wait-phone")
        width = phone.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the waiting page scrolls sideways on a phone ({width} px)"
    page.wait_for_url("**/edit/", timeout=180_000)  # the page reloads itself until the draft is made
    assert "Đã tạo dự thảo" in page.content() and "chuyển đổi số" in page.locator("#id_title").input_value()
    person.shot("import-wait-done-desktop")
    assert DESKTOP["width"] > PHONE["width"]
