"""Opening a document marks the reader's delivered copies "đã xem" (documents/distribution/receipt.py::mark_read):
a sent copy becomes read, a mail still waiting keeps its status for the queue, the archive copy stays as it is,
and from the second view on nothing changes (one UPDATE that matches nothing)."""
from __future__ import annotations

import pytest
from django.utils import timezone

from documents.distribution.receipt import mark_read
from documents.models import Delivery, DeliveryChannel, DeliveryStatus
from tests.distribution_setup import create_document, create_la_gi, create_user

pytestmark = pytest.mark.django_db


def _copy(page, user, channel: str, status: str) -> Delivery:
    return Delivery.objects.create(document=page, user=user, recipient_name=user.username, target_key=f"{channel}:{user.pk}",
                                   channel=channel, status=status)


def test_reading_opens_sent_copies_keeps_waiting_mail_and_counts_once(django_assert_num_queries):
    world = create_la_gi()
    page = create_document(world.bcd)
    reader, other = create_user("docgia"), create_user("nguoikhac")
    inbox = _copy(page, reader, DeliveryChannel.INBOX, DeliveryStatus.SENT)
    waiting = _copy(page, reader, DeliveryChannel.EMAIL, DeliveryStatus.QUEUED)
    archive = _copy(page, reader, DeliveryChannel.ARCHIVE, DeliveryStatus.SENT)
    someone_else = _copy(page, other, DeliveryChannel.INBOX, DeliveryStatus.SENT)
    now = timezone.now()
    with django_assert_num_queries(1):
        assert mark_read(reader, page.pk, now=now) == 3
    for copy in (inbox, waiting, archive, someone_else):
        copy.refresh_from_db()
    assert (inbox.status, inbox.read_at) == (DeliveryStatus.READ, now)
    assert (waiting.status, waiting.read_at) == (DeliveryStatus.QUEUED, now)
    assert (archive.status, archive.read_at) == (DeliveryStatus.SENT, now)
    assert (someone_else.status, someone_else.read_at) == (DeliveryStatus.SENT, None)
    assert mark_read(reader, page.pk, now=timezone.now()) == 0  # the first time is kept
    inbox.refresh_from_db()
    assert inbox.read_at == now


def test_a_document_opened_from_the_inbox_offers_its_receipt_and_the_way_back(client):
    """The reader box of a document sent to the reader: "Xác nhận đã nhận" there (not only in the inbox list),
    "Về hộp thư"; once confirmed it says when, and the page's ETag changes with it."""
    from tests.distribution_setup import issue

    world = create_la_gi()
    page = issue(create_document(world.bcd, visibility="public"))
    reader, other = create_user("docgia"), create_user("nguoikhac")
    copy = _copy(page, reader, DeliveryChannel.INBOX, DeliveryStatus.SENT)
    client.force_login(other)
    assert "data-vanban-inbox" not in client.get(page.url).content.decode()  # nothing was sent to this reader
    client.force_login(reader)
    first = client.get(page.url)
    html = first.content.decode()
    assert "data-vanban-inbox" in html and f'action="/hop-thu/{copy.pk}/xac-nhan/"' in html
    assert "Xác nhận đã nhận" in html and 'href="/hop-thu/"' in html
    assert client.post(f"/hop-thu/{copy.pk}/xac-nhan/").status_code == 302
    copy.refresh_from_db()
    assert copy.acknowledged_at is not None
    assert "Đã xác nhận văn bản" in client.get("/hop-thu/").content.decode()  # its message read there
    again = client.get(page.url, HTTP_IF_NONE_MATCH=first["ETag"])  # not "304 Not Modified": the box changed
    assert again.status_code == 200 and "bạn đã xác nhận lúc" in again.content.decode()
    assert f'action="/hop-thu/{copy.pk}/xac-nhan/"' not in again.content.decode()


def test_the_inbox_marks_what_must_not_be_passed_on(client):
    """A restricted or internal document carries its scope in the inbox, as in search; a public one nothing."""
    from tests.distribution_setup import issue

    world = create_la_gi()
    reader = create_user("docgia")
    for title, visibility in (("quy chế công khai gửi đến", "public"), ("quy chế hạn chế gửi đến", "restricted")):
        _copy(issue(create_document(world.bcd, title=title, visibility=visibility)), reader, DeliveryChannel.INBOX,
              DeliveryStatus.SENT)
    client.force_login(reader)
    rows = {row.split("</tr>")[0] for row in client.get("/hop-thu/").content.decode().split('class="inbox__row')[1:]}
    marked = {("công khai" in row, '<span class="badge badge--scope">Hạn chế</span>' in row) for row in rows}
    assert marked == {(True, False), (False, True)}


def test_the_inbox_shows_when_each_copy_came_newest_first(client):
    """The inbox is newest first by the time a copy was sent, not by its date of issue: without that time on each
    row, an older document above a newer one read as a random order."""
    import datetime

    world = create_la_gi()
    older, newer = create_document(world.bcd, visibility="public"), create_document(world.bcd, visibility="public")
    reader = create_user("docgia")
    first = _copy(newer, reader, DeliveryChannel.INBOX, DeliveryStatus.SENT)
    second = _copy(older, reader, DeliveryChannel.INBOX, DeliveryStatus.SENT)
    sent = timezone.make_aware(datetime.datetime(2026, 3, 2, 8, 15))
    Delivery.objects.filter(pk=first.pk).update(sent_at=sent, queued_at=sent)
    Delivery.objects.filter(pk=second.pk).update(sent_at=sent + datetime.timedelta(days=1, hours=1),
                                                 queued_at=sent + datetime.timedelta(days=1))
    client.force_login(reader)
    html = client.get("/hop-thu/").content.decode()
    assert "Gửi đến" in html
    assert html.index("09:15 03/03/2026") < html.index("08:15 02/03/2026")  # the later copy first, each with its time
    assert html.index(f'data-delivery="{second.pk}"') < html.index(f'data-delivery="{first.pk}"')
