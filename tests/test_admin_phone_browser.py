"""Issue 10: the admin as the drafter, the signer and the clerk use it, on a desktop (1366 px) and a phone (390 px):
dashboard, the issuer's section, the editor of a document, its workflow action dialog and its history. Each screen
is saved under var/test-reports/admin-phone/<role>-<page>-<width>.png; the test fails on English left on screen and,
on the phone, on content wider than the screen: the page (documentElement wider than the window) or anything shown
in the main content past the screen's right edge."""
from __future__ import annotations

import pytest

from tests.browser import DESKTOP, PHONE, SHOTS_ROOT
from tests.browser import Person as BrowserPerson
from tests.permission_setup import advance, build_world, draft_document
from tests.untranslated import untranslated

pytestmark = pytest.mark.browser

OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
# Wagtail's admin scrolls inside <main>, so the document itself never grows sideways: also list what is shown in
# the main content past the screen's right edge (a table squeezed wider than the phone, a clipped button). What an
# ancestor inside <main> clips is not shown; Wagtail's minimap waits off the right edge until it is opened.
PAST_THE_EDGE = """() => {
  const limit = window.innerWidth + 1;
  const main = document.querySelector('main');
  const shownRight = e => {
    const box = e.getBoundingClientRect();
    let left = box.left, right = box.right;
    for (let a = e.parentElement; a && a !== main; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') {
        const clip = a.getBoundingClientRect();
        left = Math.max(left, clip.left); right = Math.min(right, clip.right);
      }
    }
    return right > left ? right : 0;
  };
  const shown = e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden'
    && !e.closest('.w-minimap');
  return [...main.querySelectorAll('*')].filter(e => shown(e) && shownRight(e) > limit).slice(0, 5)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
      (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
}"""


# Words of the messages under Wagtail's ☰ (its sidebar toggle sits on the messages' left edge on a phone).
UNDER_THE_MENU_BUTTON = """() => {
  const toggle = document.querySelector('.sidebar-nav-toggle--mobile');
  const messages = document.querySelector('.messages');
  if (!toggle || !messages) return [];
  const b = toggle.getBoundingClientRect();
  const range = document.createRange();
  const hits = [];
  const walker = document.createTreeWalker(messages, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top) hits.push(n.textContent.trim());
    }
  }
  return hits;
}"""


class Person(BrowserPerson):
    shots = SHOTS_ROOT / "admin-phone"


def _documents(world) -> dict[str, int]:
    """Each role's document: the drafter's draft, the signer's trình ký, the clerk's đã ký (made before Chromium)."""
    return {
        "soanthao": draft_document(world, "về việc kiện toàn Tổ giúp việc Ban Chỉ đạo").pk,
        "lanhdao": advance(draft_document(world, "quy chế làm việc của Ban Chỉ đạo"), world, "submitted").pk,
        "vanthu": advance(draft_document(world, "kế hoạch hoạt động năm 2026"), world, "signed").pk,
        "issued": advance(draft_document(world, "quy chế đã gửi đi"), world, "issued").pk,
    }


def _open_dialog(person: Person, role: str, page_id: int) -> None:
    page, base = person.page, person.base
    if role == "soanthao":  # Trình ký: the editor's action menu, then its dialog
        page.goto(f"{base}/admin/pages/{page_id}/edit/")
        page.locator("footer .w-dropdown-button [aria-expanded]").click()
        page.locator("[data-vanban-submit-open]").click()
        page.locator("#vanban-submit-dialog textarea").wait_for(state="visible")
    else:
        action = "ky-duyet" if role == "lanhdao" else "ban-hanh"
        page.goto(f"{base}/admin/van-ban/{page_id}/{action}/")


def _check(person: Person, role: str, name: str, width: int, problems: list[str]) -> None:
    page = person.page
    page.wait_for_load_state("networkidle")
    person.shot(f"{role}-{name}-{width}")
    english = untranslated(page.content())
    if english:
        problems.append(f"{role} {name} {width}: English {english}")
    if width == PHONE["width"]:
        overflow, past = page.evaluate(OVERFLOW), page.evaluate(PAST_THE_EDGE)
        if overflow > 1 or past:
            problems.append(f"{role} {name} {width}: {overflow}px too wide; past the edge: {past}")
        if covered := page.evaluate(UNDER_THE_MENU_BUTTON):
            problems.append(f"{role} {name} {width}: the ☰ button covers {covered}")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_the_admin_fits_the_screen_and_speaks_vietnamese_for_each_role(live_server, chromium, viewport):
    world = build_world()
    documents = _documents(world)
    issued = documents.pop("issued")
    section = world.bcd_index.pk
    problems: list[str] = []
    width = viewport["width"]
    for role, page_id in documents.items():
        person = Person(chromium, live_server.url, role, viewport=viewport)
        person.admin_login()
        screens = [("dashboard", "/admin/"), ("explorer", f"/admin/pages/{section}/"),
                   ("editor", f"/admin/pages/{page_id}/edit/")]
        for name, url in screens:
            person.page.goto(f"{live_server.url}{url}")
            _check(person, role, name, width, problems)
            if name == "editor" and width == PHONE["width"] and person.page.locator(".w-minimap").is_visible():
                problems.append(f"{role} editor {width}px: the outline's strip of dashes beside the fields")
        _open_dialog(person, role, page_id)
        _check(person, role, "action", width, problems)
        if role == "vanthu":
            _check_the_issue_date_picker(person.page, width, problems)
        person.page.goto(f"{live_server.url}/admin/pages/{page_id}/history/")
        _check(person, role, "history", width, problems)
        if role == "vanthu":  # the sending and the register: wide tables, scrolled inside their box on a phone
            for name, url in (("tracking-list", "/admin/phat-hanh/"), ("tracking", f"/admin/phat-hanh/{issued}/"),
                              ("register", "/admin/phat-hanh/so-van-ban-di/"),
                              ("document", f"/admin/van-ban/{issued}/"),  # Xem văn bản: the sheet within the screen
                              ("issued-history", f"/admin/pages/{issued}/history/")):  # a SHA-256 line in it
                person.page.goto(f"{live_server.url}{url}")
                _check(person, role, name, width, problems)
                if name == "register" and width != PHONE["width"]:  # all ten columns beside each other, no scrolling
                    hidden = person.page.evaluate("(b => b ? b.scrollWidth - b.clientWidth : -1)"
                                                  "(document.querySelector('.vanban-table-scroll'))")
                    if hidden > 1 or hidden < 0:  # -1: no table, nothing in the register to look at
                        problems.append(f"{role} {name} {width}px: {hidden}px of the table scrolled out of sight")
                if name in ("tracking-list", "tracking", "register") and width == PHONE["width"]:  # cards: all in sight
                    right = person.page.evaluate("Math.max(...[...document.querySelectorAll('table.vanban-stack td')]"
                                                 ".map(td => td.getBoundingClientRect().right))")
                    if right > width:
                        problems.append(f"{role} {name} {width}px: a column ends at {right:.0f}px")
        if role == "vanthu" and width == PHONE["width"]:  # the measure sees a too wide element in this layout
            person.page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', "
                                 "'<div style=\"width: 800px; height: 1px\"></div>')")
            assert person.page.evaluate(PAST_THE_EDGE)
        person.page.context.close()
    assert not problems, "\n".join(problems)


def _check_the_issue_date_picker(page, width: int, problems: list[str]) -> None:
    """The calendar opens on a click, within the screen; typing a date closes it, so a click on the next field is
    not taken as a day: left open over "Số lượng bản", it changed the issue date without a word."""
    page.click("#id_issued_on")
    picker = page.locator(".xdsoft_datetimepicker:visible")
    picker.wait_for()
    box = picker.bounding_box()
    if box["x"] < 0 or box["x"] + box["width"] > width + 1:
        problems.append(f"vanthu issue date {width}px: the calendar spans {box['x']:.0f}–{box['x'] + box['width']:.0f}px")
    page.fill("#id_issued_on", "")
    page.type("#id_issued_on", "02/01/2026")
    if picker.count():
        problems.append(f"vanthu issue date {width}px: the calendar stays open over the form after typing")
    copies = page.locator("#id_copies").bounding_box()
    page.mouse.click(copies["x"] + 5, copies["y"] + copies["height"] / 2)
    if (typed := page.input_value("#id_issued_on")) != "02/01/2026":
        problems.append(f"vanthu issue date {width}px: a click on the next field made the date {typed}")
