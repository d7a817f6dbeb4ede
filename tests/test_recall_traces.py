"""What a thu hồi leaves behind: the document's address tells its former readers it was recalled (410, when and
why) and nobody else anything; the clerk's tracking follows the recall notice, not the withdrawn document; the
register's Ghi chú says when and why."""
from __future__ import annotations

import pytest
from django.utils import timezone

from documents.distribution.register_export import rows
from documents.workflow import transitions
from tests.permission_setup import advance, build_world, draft_document

pytestmark = pytest.mark.django_db

REASON = "Ban hành nhầm nơi nhận"


@pytest.fixture
def world():
    return build_world()


def _recalled(world, title: str, visibility: str = "public"):
    page = advance(draft_document(world, title, visibility), world, "issued")
    url = page.url
    return transitions.recall(page, world.users["vanthu"], REASON), url


def test_a_former_reader_is_told_the_document_was_recalled_when_and_why(client, world):
    page, url = _recalled(world, "quy chế đã thu hồi công khai")
    response = client.get(url)
    assert response.status_code == 410
    html = response.content.decode()
    assert "Văn bản đã bị thu hồi" in html and page.notation in html and REASON in html
    assert timezone.localdate().strftime("%d/%m/%Y") in html
    assert "private" in response["Cache-Control"]  # whether it says anything depends on who asks


def test_an_internal_recalled_document_tells_outsiders_nothing(client, world):
    page, url = _recalled(world, "quy chế đã thu hồi nội bộ", "internal")
    anonymous = client.get(url)
    assert anonymous.status_code == 404 and page.notation not in anonymous.content.decode()
    client.force_login(world.users["thanhvien_khac"])  # a member of another body never could read it
    assert client.get(url).status_code == 404
    client.force_login(world.users["thanhvien"])  # a member of the issuer could
    response = client.get(url)
    assert response.status_code == 410 and REASON in response.content.decode()


def test_an_unknown_address_is_still_a_plain_404(client, world):
    _recalled(world, "quy chế đã thu hồi khác")
    assert client.get(world.bcd_index.url + "khong-co-van-ban-nay/").status_code == 404


def test_tracking_after_a_recall_follows_the_recall_notice(client, world):
    page, _url = _recalled(world, "quy chế theo dõi thu hồi")
    client.force_login(world.users["vanthu"])
    html = client.get(f"/admin/phat-hanh/{page.pk}/").content.decode()
    assert "Nơi nhận đã xác nhận thông báo thu hồi: 0/" in html
    assert f"Lý do thu hồi: {REASON}" in html
    assert "Gửi lại thông báo thu hồi" in html and ">Gửi lại</button>" not in html
    assert "data-earlier" in html  # the withdrawn deliveries stay listed, apart


def test_the_register_notes_when_and_why_a_document_was_recalled(world):
    page, _url = _recalled(world, "quy chế sổ thu hồi")
    row = next(r for r in rows(world.bcd, None, None) if r[0] == page.notation)
    assert row[9] == f"Đã thu hồi ngày {timezone.localdate():%d/%m/%Y}: {REASON}"
    issued = advance(draft_document(world, "quy chế sổ còn hiệu lực"), world, "issued")
    assert next(r for r in rows(world.bcd, None, None) if r[0] == issued.notation)[9] == ""


def test_old_links_to_its_files_and_inbox_copy_lead_to_the_notice(client, world):
    """Links kept in mails and bookmarks: the PDF and DOCX, the inbox copy and the e-mail's confirm link."""
    from documents.distribution.receipt import ack_token
    from documents.models import Delivery, DeliveryNotice, DeliveryStatus

    page, url = _recalled(world, "quy chế thu hồi có liên kết cũ", "internal")
    for fmt in ("pdf", "docx"):
        assert client.get(f"/van-ban/{page.pk}/{fmt}/").status_code == 404  # anonymous never could read it
    client.force_login(world.users["thanhvien"])
    for fmt in ("pdf", "docx"):
        response = client.get(f"/van-ban/{page.pk}/{fmt}/")
        assert response.status_code == 410 and REASON in response.content.decode(), fmt
    copy = Delivery.objects.create(document=page, notice=DeliveryNotice.ISSUE, channel="inbox",
                                   user=world.users["thanhvien"], recipient_name="Thành viên",
                                   status=DeliveryStatus.REVOKED, target_key="user:thanhvien-test")
    opened = client.get(f"/hop-thu/{copy.pk}/", follow=True)
    assert opened.redirect_chain[0][0] == url and opened.status_code == 410 and REASON in opened.content.decode()
    client.force_login(world.users["thanhvien_khac"])
    assert client.get(f"/hop-thu/{copy.pk}/").status_code == 404  # not theirs: nothing said
    client.logout()
    mailed = Delivery.objects.create(document=page, notice=DeliveryNotice.ISSUE, channel="email",
                                     email="vp@example.org", recipient_name="Văn phòng",
                                     status=DeliveryStatus.REVOKED, target_key="email:vp@example.org")
    link = client.get(f"/hop-thu/xac-nhan/{ack_token(mailed)}/")
    html = link.content.decode()
    assert link.status_code == 410 and "đã bị thu hồi: không cần xác nhận" in html
    assert page.notation not in html and "<form" not in html.split("ack-link")[1]  # still names nothing
    assert client.post(f"/hop-thu/xac-nhan/{ack_token(mailed)}/").status_code == 410
    mailed.refresh_from_db()
    assert mailed.status == DeliveryStatus.REVOKED
