"""Inbox and tracking through the API and the site; outgoing register export; admin tracking; commands."""
from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from openpyxl import load_workbook

from cms.demo.distribution import ensure_directory
from cms.security.tokens import issue_token
from documents.distribution.mail import ack_url
from documents.distribution.register_export import COLUMNS
from documents.distribution.sending import process_delivery_queue
from documents.models import Delivery, DeliveryStatus, DocumentPage
from tests.distribution_setup import create_document, create_la_gi, create_user, issue, make_clerk

DELIVERY_KEYS = {"id", "status", "channel", "sent_at", "read_at", "acknowledged_at", "deadline"}


@pytest.fixture
def world(db):
    town = create_la_gi()
    users = {name: create_user(name, first_name=label) for name, label in
             [("lanhdao", "Lãnh đạo"), ("thanhvien", "Thành viên"), ("vanthu", "Văn thư"), ("nguoingoai", "Người ngoài")]}
    make_clerk(users["vanthu"], town.bcd)
    ensure_directory()
    page = issue(create_document(town.bcd, visibility="restricted"))
    return town, users, page


def inbox_delivery(user, page) -> Delivery:
    return Delivery.objects.get(user=user, document_id=page.pk, channel="inbox")


def token_header(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {issue_token(user, 'tests')[1]}"}


def test_inbox_lists_the_callers_deliveries_with_document_json(world, client):
    _town, users, page = world
    client.force_login(users["thanhvien"])
    data = client.get("/api/inbox/").json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["id"] == page.pk and item["notation"] == "01-QC/BCĐ" and item["kind"] == "quy_che"
    assert len(item["recipients"]) == 11
    assert DELIVERY_KEYS <= set(item["delivery"])
    assert item["delivery"]["status"] == "sent" and item["delivery"]["channel"] == "inbox"
    assert item["delivery"]["deadline"]


def test_opening_marks_read_and_acknowledging_confirms_with_token_auth(world, client):
    _town, users, page = world
    headers = token_header(users["thanhvien"])
    delivery = inbox_delivery(users["thanhvien"], page)
    opened = client.get(f"/api/inbox/{delivery.pk}/", **headers).json()
    assert opened["delivery"]["status"] == "read" and opened["delivery"]["read_at"]
    done = client.post(f"/api/inbox/{delivery.pk}/acknowledge/", **headers)
    assert done.status_code == 200
    assert done.json()["delivery"]["status"] == "acknowledged" and done.json()["delivery"]["acknowledged_at"]
    again = client.post(f"/api/inbox/{delivery.pk}/acknowledge/", **headers).json()
    assert again["delivery"]["acknowledged_at"] == done.json()["delivery"]["acknowledged_at"]
    # the e-mail copy of the same person is confirmed with it
    assert not Delivery.objects.filter(user=users["thanhvien"], document_id=page.pk).exclude(
        status=DeliveryStatus.ACKNOWLEDGED).exists()


def test_others_cannot_see_or_acknowledge_a_delivery(world, client):
    _town, users, page = world
    delivery = inbox_delivery(users["thanhvien"], page)
    assert client.get("/api/inbox/").status_code in (401, 403)
    client.force_login(users["lanhdao"])
    assert client.get(f"/api/inbox/{delivery.pk}/").status_code == 404
    assert client.post(f"/api/inbox/{delivery.pk}/acknowledge/").status_code == 404
    assert client.get("/api/inbox/").json()["count"] == 1  # only lanhdao's own
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT


def test_opening_the_document_page_marks_it_read(world, client):
    _town, users, page = world
    client.force_login(users["thanhvien"])
    response = client.get(page.url)
    assert response.status_code == 200
    assert inbox_delivery(users["thanhvien"], page).status == DeliveryStatus.READ
    outsider = create_user("ai-do")
    client.force_login(outsider)
    assert client.get(page.url).status_code == 404


def test_site_inbox_page_lists_and_acknowledges_with_csrf(world):
    from django.test import Client

    _town, users, page = world
    browser = Client(enforce_csrf_checks=True)
    assert browser.get("/hop-thu/").status_code == 302  # log in first
    browser.force_login(users["thanhvien"])
    html = browser.get("/hop-thu/").content.decode()
    assert "Hộp thư văn bản" in html and "01-QC/BCĐ" in html and "Xác nhận đã nhận" in html
    delivery = inbox_delivery(users["thanhvien"], page)
    assert browser.post(f"/hop-thu/{delivery.pk}/xac-nhan/").status_code == 403  # no CSRF token
    token = browser.cookies["csrftoken"].value
    response = browser.post(f"/hop-thu/{delivery.pk}/xac-nhan/", {"csrfmiddlewaretoken": token}, follow=True)
    assert "Đã xác nhận" in response.content.decode()
    assert inbox_delivery(users["thanhvien"], page).status == DeliveryStatus.ACKNOWLEDGED


def test_acknowledgement_link_from_the_email_for_a_body_without_account(world, client):
    _town, _users, page = world
    body = Delivery.objects.get(document_id=page.pk, channel="email", recipient_name="Văn phòng Tỉnh ủy")
    link = ack_url(body).split("://", 1)[1].split("/", 1)[1]
    assert "Xác nhận đã nhận" in client.get("/" + link).content.decode()
    body.refresh_from_db()
    assert body.status == DeliveryStatus.QUEUED  # a GET (link preview) changes nothing
    client.post("/" + link)
    body.refresh_from_db()
    assert body.status == DeliveryStatus.ACKNOWLEDGED
    assert client.get("/" + link[:-3] + "xyz/").status_code == 404


def test_acknowledgement_links_cannot_be_forged_with_the_site_key(world, client):
    """The key of `make run` is public: a link signed with SECRET_KEY (the old scheme) must not work."""
    from django.core import signing

    _town, _users, page = world
    body = Delivery.objects.get(document_id=page.pk, channel="email", recipient_name="Văn phòng Tỉnh ủy")
    for salt in ("documents.distribution.ack", "documents.distribution.receipt.v2"):
        forged = signing.dumps({"d": body.pk}, salt=salt, compress=True)  # SECRET_KEY, as anyone can
        assert client.get(f"/hop-thu/xac-nhan/{forged}/").status_code == 404
        client.post(f"/hop-thu/xac-nhan/{forged}/")
    body.refresh_from_db()
    assert body.status == DeliveryStatus.QUEUED


def test_acknowledgement_link_expires_and_reveals_nothing_of_the_document(world, client, settings):
    _town, _users, page = world
    body = Delivery.objects.get(document_id=page.pk, channel="email", recipient_name="Văn phòng Tỉnh ủy")
    link = "/" + ack_url(body).split("://", 1)[1].split("/", 1)[1]
    html = client.get(link).content.decode()
    assert "Xác nhận đã nhận" in html
    assert page.title not in html and (page.notation or "@@") not in html and body.recipient_name not in html
    settings.RECEIPT_LINK_MAX_AGE = -1  # every link has expired
    assert client.get(link).status_code == 404
    client.post(link)
    body.refresh_from_db()
    assert body.status == DeliveryStatus.QUEUED


def test_tracking_is_for_the_clerk_of_the_issuer(world, client):
    _town, users, page = world
    url = f"/api/documents/{page.pk}/deliveries/"
    for name in ("thanhvien", "nguoingoai"):
        client.force_login(users[name])
        assert client.get(url).status_code == 404
    client.force_login(users["thanhvien"])
    client.post(f"/api/inbox/{inbox_delivery(users['thanhvien'], page).pk}/acknowledge/")
    client.force_login(users["vanthu"])
    data = client.get(url).json()
    assert data["summary"]["total"] == len(data["deliveries"]) == Delivery.objects.filter(document_id=page.pk).count()
    rows = {(d["recipient"], d["channel"]): d for d in data["deliveries"]}
    assert rows[("Thành viên (thanhvien)", "inbox")]["status"] == "acknowledged"
    assert rows[("Lãnh đạo (lanhdao)", "inbox")]["status"] == "sent"
    assert rows[("Văn phòng Đảng ủy", "archive")]["status"] == "sent"
    assert {"recipient", "channel", "status", "queued_at", "sent_at", "read_at", "acknowledged_at", "deadline",
            "last_error"} <= set(data["deliveries"][0])
    assert data["summary"]["acknowledged"] == 2 and data["overdue"] == []
    # past the deadline, the unconfirmed ones are overdue
    Delivery.objects.filter(document_id=page.pk).update(deadline=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC))
    overdue = client.get(url).json()["overdue"]
    assert "Lãnh đạo (lanhdao)" in {o["recipient"] for o in overdue}
    assert "Thành viên (thanhvien)" not in {o["recipient"] for o in overdue}
    superuser = create_user("quantri", superuser=True)
    client.force_login(superuser)
    assert client.get(url).status_code == 200
    assert client.get("/api/documents/999999/deliveries/").status_code == 404


def test_admin_tracking_view_shows_statuses_and_resends(world, client, refusing_smtp_server):
    _town, users, page = world
    process_delivery_queue()
    failed = Delivery.objects.filter(document_id=page.pk, status=DeliveryStatus.FAILED)
    assert failed.exists()
    client.force_login(users["vanthu"])
    url = f"/admin/phat-hanh/{page.pk}/"
    html = client.get(url).content.decode()
    assert "Theo dõi gửi văn bản" in html and "Gửi lỗi" in html and "550" in html and "Gửi lại" in html
    assert "Đánh dấu đã gửi" in html  # a paper copy's button says what it does, not a status
    assert f'href="/admin/van-ban/{page.pk}/" data-document-link' in html  # back to the document
    rows = html.split('<td class="delivery__status" data-label="Trạng thái">')[1:]  # the action under its status
    assert any('value="mark_sent"' in row.split("</td>", 1)[0] for row in rows)
    # Marking a paper copy sent cannot be undone: the button asks first, and the deadline waits for it.
    assert 'value="mark_sent" data-confirm="Ghi nhận bản giấy đã được chuyển đến ' in html
    assert "documents/confirm.js" in html and "tính từ khi gửi" in html
    assert any('value="resend"' in row.split("</td>", 1)[0] for row in rows)
    response = client.post(url, {"action": "resend_all"}, follow=True)
    assert "lượt gửi vào hàng đợi để gửi lại" in response.content.decode()
    assert failed.filter(status=DeliveryStatus.QUEUED).count() == 0  # the queryset re-evaluates: none left failed
    assert Delivery.objects.filter(document_id=page.pk, channel="email", status=DeliveryStatus.QUEUED).exists()
    manual = Delivery.objects.filter(document_id=page.pk, channel="manual").first()
    client.post(url, {"action": "mark_sent", "delivery": manual.pk})
    manual.refresh_from_db()
    assert manual.status == DeliveryStatus.SENT
    process_delivery_queue()  # the refusing server fails the e-mails again; mark them sent by hand for the test
    Delivery.objects.filter(document_id=page.pk).update(status=DeliveryStatus.SENT)
    nothing = client.post(url, {"action": "resend_all"}, follow=True).content.decode()
    assert "Không có lượt gửi thư điện tử nào đang chờ hoặc bị lỗi" in nothing and "0 lượt gửi vào" not in nothing
    listed = client.get("/admin/phat-hanh/").content.decode()
    assert "Theo dõi gửi văn bản" in listed and "<th>Ngày ban hành</th>" in listed
    assert f'>{page.issued_on:%d/%m/%Y}</td>' in listed  # the list says when each document was issued
    client.force_login(users["thanhvien"])
    assert client.get(url).status_code in (302, 403, 404)


def test_outgoing_register_csv_and_xlsx(world, client):
    town, users, page = world
    later = issue(create_document(town.bcd, title="tổ chức hội nghị", lines=["Văn phòng Tỉnh ủy"]),
                  day=datetime.date(2026, 2, 10))
    client.force_login(users["vanthu"])
    base = f"/api/registers/{town.bcd.pk}/outgoing"
    response = client.get(base + ".csv?from=2026-01-01&to=2026-01-31")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == COLUMNS and len(rows) == 2
    row = dict(zip(COLUMNS, rows[1], strict=True))
    assert row["Số, ký hiệu văn bản"] == "01-QC/BCĐ"
    assert row["Ngày tháng văn bản"] == "05/01/2026"
    assert row["Tên loại và trích yếu nội dung văn bản"].startswith("Quy chế hoạt động của Ban Chỉ đạo")
    assert row["Người ký"] == "BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO Nguyễn Quốc Nam"
    assert row["Nơi nhận văn bản"].startswith("Văn phòng Tỉnh ủy; Thường trực Đảng ủy")
    assert row["Đơn vị, người nhận bản lưu"] == "Văn phòng Đảng ủy"
    assert row["Ngày chuyển"]
    assert row["Ký nhận"].startswith("Đã xác nhận 0/")

    whole = client.get(base + ".xlsx?from=2026-01-01&to=2026-12-31")
    assert whole.status_code == 200
    sheet = load_workbook(io.BytesIO(whole.content)).active
    assert [c.value for c in sheet[4]] == COLUMNS
    assert [sheet.cell(row=r, column=1).value for r in (5, 6)] == ["01-QC/BCĐ", later.notation]

    assert client.get(base + ".csv?from=2026-13-01").status_code == 400
    client.force_login(users["thanhvien"])
    assert client.get(base + ".csv").status_code == 404


def test_commands_process_deliveries_and_export_register(world, tmp_path, settings):
    town, _users, page = world
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    call_command("process_queues", stdout=out)
    assert "Đã gửi" in out.getvalue()
    assert len(mail.outbox) == Delivery.objects.filter(document_id=page.pk, channel="email").count()
    target = tmp_path / "so-di.xlsx"
    call_command("export_register", "--issuer", town.bcd.slug, "--from", "2026-01-01", "--to", "2026-12-31",
                 "--format", "xlsx", "--output", str(target), stdout=io.StringIO())
    assert load_workbook(target).active.cell(row=5, column=1).value == "01-QC/BCĐ"
    assert DocumentPage.objects.filter(pk=page.pk).exists()
