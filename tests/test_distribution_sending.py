"""Sending on issue through a real SMTP server on loopback: deliveries, mail, retries, idempotency, recall."""
from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from guardian.shortcuts import get_perms
from wagtail.documents.models import Document

from cms.demo.distribution import ensure_directory
from documents.distribution.deadlines import ack_deadline
from documents.distribution.sending import (
    _claim,
    mark_manual_sent,
    process_delivery_queue,
    requeue,
    resend_document,
    send_document,
)
from documents.models import Delivery, DeliveryChannel, DeliveryStatus, DocumentAttachment, DocumentPage
from documents.signals import document_issued, document_recalled
from tests.distribution_setup import create_document, create_la_gi, create_user, issue

pytestmark = pytest.mark.smtp


@pytest.fixture
def world(db):
    la_gi = create_la_gi()
    users = {name: create_user(name, first_name=label) for name, label in
             [("lanhdao", "Lãnh đạo"), ("thanhvien", "Thành viên"), ("vanthu", "Văn thư")]}
    ensure_directory()
    return la_gi, users


def email_deliveries(page):
    return Delivery.objects.filter(document_id=page.pk, channel=DeliveryChannel.EMAIL)


def subject(message) -> str:
    return str(message["Subject"]).strip()  # Django folds a long encoded subject onto the next line


def later(minutes: float):
    return timezone.now() + datetime.timedelta(minutes=minutes)


def test_issue_creates_deliveries_grants_access_and_registers_archive(world):
    la_gi, users = world
    page = issue(create_document(la_gi.bcd))
    deliveries = Delivery.objects.filter(document_id=page.pk)
    by_channel = {c: deliveries.filter(channel=c).count() for c in DeliveryChannel.values}
    assert by_channel["inbox"] == 2  # lanhdao and thanhvien, merged across four lines
    assert by_channel["archive"] == 1
    assert by_channel["email"] >= 10 and by_channel["manual"] >= 3
    archive = deliveries.get(channel="archive")
    assert archive.status == DeliveryStatus.SENT and archive.recipient_name == "Văn phòng Đảng ủy"
    assert not email_deliveries(page).exclude(status=DeliveryStatus.QUEUED).exists()
    inbox = deliveries.get(channel="inbox", user=users["thanhvien"])
    assert inbox.status == DeliveryStatus.SENT and inbox.deadline is not None
    base = DocumentPage.objects.get(pk=page.pk)
    assert "view_documentpage" in get_perms(users["thanhvien"], base)
    assert users["thanhvien"].has_perm("documents.view_documentpage", base)
    assert "view_documentpage" not in get_perms(users["vanthu"], base)
    assert page.register_entry.sent_on == timezone.localdate()


def test_mail_reaches_the_smtp_server_with_link_and_attachment(world, smtp_server, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://vanban.lagi.example"
    la_gi, users = world
    draft = create_document(la_gi.bcd)
    file = Document.objects.create(title="Quy chế (bản ký)", file=ContentFile(b"%PDF-1.4 ban ky", name="quy-che-01.pdf"))
    DocumentAttachment.objects.create(page=draft, document=file, sort_order=0)
    page = issue(draft)
    stats = process_delivery_queue()
    expected = email_deliveries(page).count()
    assert stats == {"sent": expected, "failed": 0, "deferred": 0}
    assert len(smtp_server.messages) == expected
    assert not email_deliveries(page).exclude(status=DeliveryStatus.SENT).exists()
    mine = next(m for m in smtp_server.messages if m["To"] == "thanhvien@lagi.example")
    assert subject(mine).startswith("Văn bản 01-QC/BCĐ: hoạt động của Ban Chỉ đạo")
    body = mine.get_body(preferencelist=("plain",)).get_content()
    assert "Kính gửi" in body and "https://vanban.lagi.example/" in body
    greeting = body.splitlines()[0]
    member = users["thanhvien"]
    assert greeting.startswith(f"Kính gửi: {member.get_full_name()}") and "(thanhvien)" not in greeting  # no login
    assert "https://vanban.lagi.example/hop-thu/" in body
    official, *attachments = list(mine.iter_attachments())  # issue 11: the issued PDF first, then the files
    assert official.get_filename() == "01-QC-BCD.pdf" and official.get_content() == bytes(page.issued_original.content)
    assert f"https://vanban.lagi.example/van-ban/{page.pk}/pdf/" in body
    assert len(attachments) == 1
    assert attachments[0].get_filename().startswith("quy-che-01") and attachments[0].get_filename().endswith(".pdf")
    assert attachments[0].get_content() == b"%PDF-1.4 ban ky"


def test_issuing_sends_right_after_commit(world, smtp_server, django_capture_on_commit_callbacks):
    la_gi, _users = world
    with django_capture_on_commit_callbacks(execute=True):
        page = issue(create_document(la_gi.bcd, urgency="hoa_toc"))
    assert len(smtp_server.messages) == email_deliveries(page).count() > 0
    assert all(subject(m).startswith("[Hỏa tốc] ") for m in smtp_server.messages)


def test_sending_again_is_idempotent(world, smtp_server):
    la_gi, _users = world
    page = issue(create_document(la_gi.bcd))
    total = Delivery.objects.count()
    process_delivery_queue()
    sent = len(smtp_server.messages)
    document_issued.send(sender=type(page), page=page, user=None)  # a second signal
    assert send_document(page) == []
    assert resend_document(page) == 0
    process_delivery_queue(now=later(600))
    assert Delivery.objects.count() == total
    assert len(smtp_server.messages) == sent
    assert requeue(email_deliveries(page)) == 0  # "Gửi lại" leaves sent mail alone


def test_mail_server_down_keeps_deliveries_queued_with_the_reason_then_retries(world, smtp_down):
    la_gi, _users = world
    page = issue(create_document(la_gi.bcd))
    stats = process_delivery_queue()
    pending = email_deliveries(page)
    assert stats["sent"] == 0 and stats["deferred"] == pending.count()
    assert not pending.exclude(status=DeliveryStatus.QUEUED).exists()
    for delivery in pending:
        assert "Không kết nối được máy chủ thư" in delivery.last_error
        assert delivery.next_attempt_at > timezone.now()
    assert process_delivery_queue() == {"sent": 0, "failed": 0, "deferred": 0}  # backing off: nothing due yet
    first_wait = pending.first().next_attempt_at
    process_delivery_queue(now=later(2))  # still down: the wait doubles
    assert pending.order_by("pk").first().next_attempt_at - later(2) > first_wait - timezone.now()

    smtp_down.start()
    stats = process_delivery_queue(now=later(30))
    assert stats["sent"] == pending.count() == len(smtp_down.messages)
    assert not email_deliveries(page).exclude(status=DeliveryStatus.SENT).exists()
    assert len({m["To"] for m in smtp_down.messages}) == len(smtp_down.messages)  # nobody twice


def test_refused_mail_is_failed_with_the_reason_and_retried_until_the_clerk_takes_over(world, refusing_smtp_server, settings):
    settings.DISTRIBUTION_RETRY = {"max_permanent_attempts": 2}
    la_gi, _users = world
    page = issue(create_document(la_gi.bcd, lines=["Văn phòng Tỉnh ủy"]))
    delivery = email_deliveries(page).get()
    assert process_delivery_queue() == {"sent": 0, "failed": 1, "deferred": 0}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and "550" in delivery.last_error
    assert delivery.attempts == 1 and delivery.next_attempt_at is not None
    process_delivery_queue(now=later(5))
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.next_attempt_at is None  # gave up: the clerk sees it
    assert process_delivery_queue(now=later(600))["failed"] == 0
    assert refusing_smtp_server.handler.refused == 2
    assert requeue([delivery]) == 1  # "Gửi lại"
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.QUEUED and delivery.next_attempt_at is not None


def test_a_crash_between_two_deliveries_loses_none_and_duplicates_none(world, smtp_server):
    la_gi, _users = world
    page = issue(create_document(la_gi.bcd))
    pending = list(email_deliveries(page).order_by("priority", "queued_at", "pk"))
    # One pass sends one delivery and stops, as if the worker died right after: it is committed as sent.
    assert process_delivery_queue(limit=1)["sent"] == 1
    assert Delivery.objects.get(pk=pending[0].pk).status == DeliveryStatus.SENT
    # A worker claimed the next one and died before the SMTP server accepted it.
    now = timezone.now()
    assert _claim(pending[1].pk, now)
    assert not _claim(pending[1].pk, now)  # a second worker cannot take it
    process_delivery_queue()
    assert Delivery.objects.get(pk=pending[1].pk).status == DeliveryStatus.QUEUED
    # Once the dead worker's claim expires the delivery is sent, once.
    process_delivery_queue(now=later(10))
    assert not email_deliveries(page).exclude(status=DeliveryStatus.SENT).exists()
    recipients = sorted(m["To"] for m in smtp_server.messages)
    assert recipients == sorted(d.email for d in pending)


def test_urgent_documents_go_first(world, smtp_server):
    la_gi, _users = world
    ordinary = issue(create_document(la_gi.bcd, lines=["Văn phòng Tỉnh ủy"], title="kế hoạch thường"))
    urgent = issue(create_document(la_gi.bcd, lines=["Văn phòng Tỉnh ủy"], title="việc hỏa tốc", urgency="hoa_toc"),
                   day=datetime.date(2026, 1, 6))
    urgent_mail = email_deliveries(urgent).get()
    assert urgent_mail.priority < email_deliveries(ordinary).get().priority
    process_delivery_queue(limit=1)
    assert [subject(m) for m in smtp_server.messages] == [f"[Hỏa tốc] Văn bản {urgent.notation}: việc hỏa tốc"]


def test_a_paper_copys_deadline_starts_when_the_clerk_marks_it_sent(world):
    """Counted from issue, a copy carried three days later would be overdue before it arrived."""
    la_gi, _users = world
    page = issue(create_document(la_gi.bcd))
    manual = Delivery.objects.filter(document_id=page.pk, channel=DeliveryChannel.MANUAL).first()
    assert manual.status == DeliveryStatus.QUEUED and manual.deadline is None
    assert not manual.is_overdue(later(60 * 24 * 5))
    carried = later(60 * 24 * 3)
    assert mark_manual_sent(manual, now=carried)
    manual.refresh_from_db()
    assert manual.sent_at == carried and manual.deadline == ack_deadline(page.urgency, carried)
    assert not manual.is_overdue(carried) and manual.is_overdue(manual.deadline + datetime.timedelta(seconds=1))
    assert not mark_manual_sent(manual, now=later(60 * 24 * 9))  # once: the deadline stays
    manual.refresh_from_db()
    assert manual.deadline == ack_deadline(page.urgency, carried)
    assert Delivery.objects.filter(document_id=page.pk, channel=DeliveryChannel.EMAIL).exclude(deadline=None).exists()


def test_acknowledgement_deadlines_follow_urgency(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    tz = timezone.get_current_timezone()
    friday = datetime.datetime(2026, 1, 9, 15, 0, tzinfo=tz)
    saturday = datetime.datetime(2026, 1, 10, 9, 0, tzinfo=tz)
    assert ack_deadline("hoa_toc", friday) == friday + datetime.timedelta(hours=2)
    assert ack_deadline("thuong_khan", friday) == friday + datetime.timedelta(hours=4)
    assert ack_deadline("khan", saturday) == datetime.datetime(2026, 1, 10, 23, 59, 59, tzinfo=tz)
    assert ack_deadline("", friday) == datetime.datetime(2026, 1, 9, 23, 59, 59, tzinfo=tz)
    assert ack_deadline("", saturday) == datetime.datetime(2026, 1, 12, 23, 59, 59, tzinfo=tz)  # next working day
    thursday_night = datetime.datetime(2026, 1, 8, 22, 1, tzinfo=tz)  # after hours: not due two hours later
    assert ack_deadline("", thursday_night) == datetime.datetime(2026, 1, 9, 23, 59, 59, tzinfo=tz)
    assert ack_deadline("", friday.replace(hour=17)) == datetime.datetime(2026, 1, 12, 23, 59, 59, tzinfo=tz)
    assert ack_deadline("khan", thursday_night) == datetime.datetime(2026, 1, 8, 23, 59, 59, tzinfo=tz)
    settings.DISTRIBUTION_OFFICE_CLOSES = "23:00"
    assert ack_deadline("", thursday_night) == datetime.datetime(2026, 1, 8, 23, 59, 59, tzinfo=tz)
    settings.DISTRIBUTION_ACK_DEADLINES = {"": {"hours": 8}}
    assert ack_deadline("", saturday) == saturday + datetime.timedelta(hours=8)


def test_recall_revokes_deliveries_and_access_and_notifies(world, smtp_server):
    la_gi, users = world
    page = issue(create_document(la_gi.bcd))
    process_delivery_queue()
    before = len(smtp_server.messages)
    DocumentPage.objects.filter(pk=page.pk).update(state="recalled")
    document_recalled.send(sender=type(page), page=page, user=users["vanthu"])
    issued = Delivery.objects.filter(document_id=page.pk, notice="issue")
    assert not issued.exclude(status=DeliveryStatus.REVOKED).exists()
    base = DocumentPage.objects.get(pk=page.pk)
    assert "view_documentpage" not in get_perms(users["thanhvien"], base)
    notices = Delivery.objects.filter(document_id=page.pk, notice="recall")
    assert notices.filter(channel="inbox", user=users["thanhvien"], status="sent").exists()
    process_delivery_queue()
    recall_mail = smtp_server.messages[before:]
    assert len(recall_mail) == notices.filter(channel="email").count() == before
    assert all(subject(m).startswith("[Thu hồi] Văn bản 01-QC/BCĐ") for m in recall_mail)


# serialized_rollback: earlier transactional tests flush the database, Wagtail's root page included.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_each_delivery_once(smtp_server):
    import threading

    from django.db import connection

    town = create_la_gi()
    for name in ("lanhdao", "thanhvien"):
        create_user(name)
    ensure_directory()
    page = issue(create_document(town.bcd))
    expected = sorted(email_deliveries(page).values_list("email", flat=True))
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            process_delivery_queue()
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    process_delivery_queue()  # whatever a worker left for later
    assert sorted(m["To"] for m in smtp_server.messages) == expected
    assert not email_deliveries(page).exclude(status=DeliveryStatus.SENT).exists()


def test_recall_through_the_workflow_revokes_the_deliveries(world, django_capture_on_commit_callbacks):
    from documents.workflow.transitions import recall
    from tests.distribution_setup import make_clerk

    la_gi, users = world
    make_clerk(users["vanthu"], la_gi.bcd)
    page = issue(create_document(la_gi.bcd))
    with django_capture_on_commit_callbacks(execute=True):
        recall(page, users["vanthu"], "Ban hành nhầm nơi nhận")
    issued = Delivery.objects.filter(document_id=page.pk, notice="issue")
    assert issued.exists() and not issued.exclude(status=DeliveryStatus.REVOKED).exists()
    assert Delivery.objects.filter(document_id=page.pk, notice="recall", user=users["thanhvien"]).exists()


def test_the_recall_notice_says_why_in_the_inbox_the_mail_and_the_dashboard(world, smtp_server, client,
                                                                            django_capture_on_commit_callbacks):
    """Receivers learn why a document was recalled and that they must destroy their copy; confirming says it was
    the recall notice; "Việc cần làm" tells a recall apart from a document to carry out."""
    from documents.distribution.sending import process_delivery_queue
    from documents.workflow.todo import todo
    from documents.workflow.transitions import recall
    from tests.distribution_setup import make_clerk

    la_gi, users = world
    make_clerk(users["vanthu"], la_gi.bcd)
    page = issue(create_document(la_gi.bcd))
    process_delivery_queue()
    before = len(smtp_server.messages)
    with django_capture_on_commit_callbacks(execute=True):
        recall(page, users["vanthu"], "Ban hành nhầm nơi nhận")
    process_delivery_queue()
    assert any("Lý do thu hồi: Ban hành nhầm nơi nhận" in m.get_payload(decode=True).decode()
               for m in smtp_server.messages[before:] if not m.is_multipart())
    member = users["thanhvien"]
    assert [t.label for t in todo(member) if t.page.pk == page.pk] == ["Chờ xác nhận thu hồi"]
    client.force_login(member)
    inbox = client.get("/hop-thu/").content.decode()
    assert "Lý do: Ban hành nhầm nơi nhận" in inbox and "Đề nghị hủy bỏ văn bản đã nhận" in inbox
    notice = Delivery.objects.get(document_id=page.pk, notice="recall", channel="inbox", user=member)
    done = client.post(f"/hop-thu/{notice.pk}/xac-nhan/", follow=True).content.decode()
    assert f"Đã xác nhận nhận thông báo thu hồi văn bản {page.notation}" in done
