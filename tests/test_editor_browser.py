"""Issue 10: the editor and the admin search in a real browser (Debian Chromium): a Nơi nhận chosen in the
directory shows its printed name at once; the clerk finds a document by its number or by words without marks."""
from __future__ import annotations

import pytest

from documents.models import Recipient, RecipientKind
from tests.browser import SHOTS_ROOT
from tests.browser import Person as BrowserPerson
from tests.permission_setup import build_world

pytestmark = pytest.mark.browser


class Person(BrowserPerson):
    shots = SHOTS_ROOT / "editor"


def _choose(page, line: int, query: str, name: str) -> None:
    page.locator(f"#id_recipients-{line}-recipient-chooser [data-chooser-action-choose]").first.click()
    modal = page.locator(".modal-dialog")
    modal.locator("input[name=q]").fill(query)
    modal.get_by_role("link", name=name).click()
    modal.wait_for(state="hidden")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_choosing_a_recipient_fills_its_printed_name_before_saving(live_server, chromium):
    world = build_world()
    Recipient.objects.create(name="Văn phòng Tỉnh ủy", kind=RecipientKind.BODY)
    Recipient.objects.create(name="Các chi bộ trực thuộc", kind=RecipientKind.CLASS)
    drafter = Person(chromium, live_server.url, "soanthao")
    drafter.admin_login()
    page = drafter.page
    page.goto(f"{live_server.url}/admin/pages/add/documents/quyetdinhpage/{world.bcd_index.pk}/")
    page.locator("#id_recipients-ADD").click()
    _choose(page, 0, "van phong tinh uy", "Văn phòng Tỉnh ủy")
    page.locator("#id_recipients-0-name").wait_for()
    assert page.locator("#id_recipients-0-name").input_value() == "Văn phòng Tỉnh ủy"

    page.locator("#id_recipients-ADD").click()  # a name typed first is the drafter's: it stays
    page.fill("#id_recipients-1-name", "Các chi bộ (để thực hiện)")
    _choose(page, 1, "cac chi bo", "Các chi bộ trực thuộc")
    page.wait_for_timeout(100)
    assert page.locator("#id_recipients-1-name").input_value() == "Các chi bộ (để thực hiện)"
    drafter.shot("recipients-filled-before-save")


def _archived_quyet_dinh(world):
    """113-QĐ/BCĐ, an archived original registered under its printed number, issued and indexed."""
    import datetime

    from documents.kinds.quyet_dinh import QuyetDinhPage
    from documents.numbering import register_existing
    from search.queue import process_queue

    page = QuyetDinhPage(title="về việc kiện toàn Tổ giúp việc Ban Chỉ đạo", issuer=world.bcd, live=False,
                         visibility="internal", signer_position="TRƯỞNG BAN", signer_name="Nguyễn Văn Ký")
    world.bcd_index.add_child(instance=page)
    register_existing(page, 113, datetime.date(2026, 3, 2))
    page.refresh_from_db()
    page.state, page.legal_status = "issued", "con_hieu_luc"
    page.save_revision().publish()
    process_queue()
    return QuyetDinhPage.objects.get(pk=page.pk)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_clerk_finds_a_document_by_its_number_or_words_without_marks_in_the_admin_search(live_server, chromium):
    world = build_world()
    document = _archived_quyet_dinh(world)
    assert document.notation == "113-QĐ/BCĐ"
    clerk = Person(chromium, live_server.url, "vanthu")
    clerk.admin_login()
    page = clerk.page
    for query in ("113", "kien toan"):
        page.goto(f"{live_server.url}/admin/")
        page.get_by_role("button", name="Tìm kiếm").first.click()  # the sidebar's search box
        box = page.locator("#menu-search-q")
        box.fill(query)
        box.press("Enter")
        page.wait_for_url("**/admin/pages/search/**")
        row = page.locator("tbody tr", has_text=document.title)
        row.wait_for()
        text = row.inner_text()
        for shown in ("113-QĐ/BCĐ", "Quyết định", "02/03/2026", "Đã ban hành"):
            assert shown in text, (query, shown, text)
        clerk.shot(f"admin-search-{query.replace(' ', '-')}")
