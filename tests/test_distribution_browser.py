"""The recipient's inbox in headless Chromium: log in, see the document, open it, confirm receipt."""
from __future__ import annotations

from pathlib import Path

import pytest

from cms.demo.distribution import ensure_directory
from documents.models import Delivery, DeliveryStatus
from tests.browser import PASSWORD
from tests.distribution_setup import create_document, create_la_gi, create_user, issue, make_clerk

pytestmark = pytest.mark.browser


# serialized_rollback: earlier transactional tests flush the database, Wagtail's root page included.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_recipient_acknowledges_from_the_inbox_page(live_server, chromium):
    town = create_la_gi()
    thanhvien = create_user("thanhvien", first_name="Thành viên", password=PASSWORD)
    create_user("lanhdao", first_name="Lãnh đạo")
    vanthu = create_user("vanthu", first_name="Văn thư")
    make_clerk(vanthu, town.bcd)
    ensure_directory()
    document = issue(create_document(town.bcd, visibility="restricted"))
    delivery = Delivery.objects.get(document_id=document.pk, user=thanhvien, channel="inbox")

    page = chromium.new_page(locale="vi-VN")
    page.goto(f"{live_server.url}/hop-thu/")
    assert "/dang-nhap/" in page.url  # the inbox asks who you are
    page.fill("#id_username", "thanhvien")
    page.fill("#id_password", PASSWORD)
    page.locator("form:has(#id_password) [type=submit]").click()
    page.wait_for_url(f"{live_server.url}/hop-thu/")

    row = page.locator(f"tr[data-delivery='{delivery.pk}']")
    assert "01-QC/BCĐ" in row.inner_text()
    assert row.locator(".inbox__status").inner_text().startswith("Mới, chưa xem")  # as the reader sees it

    row.locator("a").first.click()  # open the document itself
    page.wait_for_load_state()
    assert "hoạt động của Ban Chỉ đạo" in page.content()
    page.goto(f"{live_server.url}/hop-thu/")
    assert row.locator(".inbox__status").inner_text().startswith("Đã xem")

    row.get_by_role("button", name="Xác nhận đã nhận").click()
    page.wait_for_url(f"{live_server.url}/hop-thu/")
    assert row.locator(".inbox__status").inner_text().startswith("Đã xác nhận")
    assert row.get_by_role("button", name="Xác nhận đã nhận").count() == 0
    assert "Đã xác nhận văn bản 01-QC/BCĐ" in page.content()
    screenshots = Path(__file__).resolve().parent.parent / "var" / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshots / "distribution-inbox.png"), full_page=True)
    page.close()

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.ACKNOWLEDGED and delivery.read_at and delivery.acknowledged_at
