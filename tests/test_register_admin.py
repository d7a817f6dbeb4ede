"""Issue 10 B: the outgoing register in the admin (per issuer and period, CSV/XLSX buttons), real dates in the
XLSX, số lượng bản filled, and one way of counting acknowledgements on the tracking page and in the register."""
from __future__ import annotations

import datetime
import io

import pytest
from openpyxl import load_workbook

from documents.distribution.register_export import rows
from documents.distribution.tracking import document_deliveries, summary
from documents.models import Delivery, DeliveryStatus
from tests.permission_setup import advance, build_world, draft_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_the_clerk_reads_and_downloads_the_register_of_a_period(client, world):
    from documents.workflow import transitions

    page = advance(draft_document(world, "quy chế vào sổ"), world, "signed")
    page = transitions.approve(page, world.users["vanthu"], issued_on=datetime.date(2026, 3, 2), copies=12)
    client.force_login(world.users["vanthu"])
    assert "/admin/phat-hanh/so-van-ban-di/" in client.get("/admin/").content.decode()  # the menu
    html = client.get("/admin/phat-hanh/so-van-ban-di/", {"issuer": world.bcd.pk, "start": "2026-01-01",
                                                           "end": "2026-12-31"}).content.decode()
    assert "01-QC/BCĐ" in html and "02/03/2026" in html and "Tải sổ (Excel .xlsx)" in html
    assert "wagtailadmin/js/date-time-chooser.js" in html  # the date fields' picker (initDateChooser)
    link = f"/api/registers/{world.bcd.pk}/outgoing.xlsx?from=2026-01-01&amp;to=2026-12-31"
    assert link in html
    sheet = load_workbook(io.BytesIO(client.get(link.replace("&amp;", "&")).content)).active
    assert sheet.cell(row=5, column=1).value == "01-QC/BCĐ"
    day = sheet.cell(row=5, column=2)
    assert day.value.date() == datetime.date(2026, 3, 2) and day.number_format == "DD/MM/YYYY"
    assert sheet.cell(row=5, column=7).value == 12

    client.force_login(world.users["soanthao"])
    assert client.get("/admin/phat-hanh/so-van-ban-di/").status_code == 404
    assert "/admin/phat-hanh/so-van-ban-di/" not in client.get("/admin/").content.decode()


def test_tracking_and_register_count_receivers_the_same_way(world):
    page = advance(draft_document(world, "quy chế đếm xác nhận"), world, "issued")
    deliveries = document_deliveries(page)
    receiver = next(d for d in deliveries if d.user_id and d.channel == "inbox")
    Delivery.objects.filter(pk=receiver.pk).update(status=DeliveryStatus.ACKNOWLEDGED)
    deliveries = document_deliveries(page)
    counts = summary(deliveries)
    register_row = next(r for r in rows(world.bcd, None, None) if r[0] == page.notation)
    assert register_row[8] == f"Đã xác nhận {counts['receivers_acknowledged']}/{counts['receivers']}"
    assert counts["receivers_acknowledged"] == 1
    assert register_row[6] != ""  # số lượng bản: one per Nơi nhận line when none was given


def test_the_register_opens_on_the_issuer_that_issued_last(client, world):
    """Issuers come by name (the BCĐ before the Đảng ủy); the register opens on the one that issued last."""
    from documents.models import Register, RegisterEntry
    from documents.roles import Role, grant_role

    other = world.issuers["dang_uy"]
    grant_role(world.users["vanthu"], other, Role.VAN_THU)
    client.force_login(world.users["vanthu"])
    selected = '<option value="{}" selected>'
    assert selected.format(world.bcd.pk) in client.get("/admin/phat-hanh/so-van-ban-di/").content.decode()
    register = Register.objects.create(issuer=other, series_key="thu-nghiem")
    RegisterEntry.objects.create(register=register, number=1, notation="1-TB/ĐU", issued_on=datetime.date(2026, 3, 1))
    assert selected.format(other.pk) in client.get("/admin/phat-hanh/so-van-ban-di/").content.decode()
    advance(draft_document(world, "quy chế vào sổ sau cùng"), world, "issued")
    assert selected.format(world.bcd.pk) in client.get("/admin/phat-hanh/so-van-ban-di/").content.decode()
