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
