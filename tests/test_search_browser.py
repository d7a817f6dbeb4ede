"""The reader search page in headless Chromium (issue 4, item 6): type without diacritics, find, open."""
from __future__ import annotations

import datetime
import os
from urllib.parse import unquote, urlparse

import pytest

from tests.test_search_support import REGULATION_BODY, create_issuers, make_document

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


@pytest.fixture
def regulation(transactional_db):
    """The quy chế 01-QC/BCĐ, issued and indexed (made before the browser starts: no ORM inside its loop)."""
    from search.queue import process_queue

    _committee, bcd = create_issuers()
    page = make_document(
        bcd, title="hoạt động của Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
                   "phường La Gi", body=REGULATION_BODY, day=datetime.date(2026, 1, 5))
    process_queue()
    return {"notation": page.notation, "path": unquote(page.get_url())}


@pytest.fixture
def browser_page(regulation):
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        raise RuntimeError(f"{CHROMIUM} is missing: run deploy/install-system-deps.sh (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser.new_page()
        finally:
            browser.close()


@pytest.mark.browser
def test_reader_types_without_diacritics_finds_the_regulation_and_opens_it(live_server, regulation, browser_page):
    assert regulation["notation"] == "01-QC/BCĐ"
    page = browser_page
    page.goto(f"{live_server.url}/tim-kiem/")
    page.fill("input[name=q]", "chuyen doi so")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector(".search-result")
    result = page.locator(".search-result").first
    assert "01-QC/BCĐ" in result.inner_text()
    assert result.locator("mark").count() >= 3  # "chuyển đổi số" highlighted with its marks
    assert page.locator(".facet-kind").inner_text().startswith("Quy chế")
    result.locator("h3 a").click()
    page.wait_for_load_state()
    assert unquote(urlparse(page.url).path) == regulation["path"]
    body = page.locator("body").inner_text()
    assert "QUY CHẾ" in body and "01-QC/BCĐ" in body  # the official rendering


@pytest.mark.browser
def test_suggestions_as_the_reader_types_picked_with_the_keyboard(live_server, regulation, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/tim-kiem/")
    box = page.locator("#search-q")
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "false"
    box.press_sequentially("quy ch", delay=40)
    page.wait_for_selector("#search-q-suggestions [role=option]")
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == "search-q-suggestions"
    option = page.locator("#search-q-suggestions [role=option]").first
    assert "Quy chế hoạt động của Ban Chỉ đạo" in option.inner_text() and "01-QC/BCĐ" in option.inner_text()
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and page.locator("#search-q-suggestions").is_hidden()
    box.press("ArrowDown")
    box.press("Tab")  # Tab leaves the box for the next control, never for the list of suggestions
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    box.focus()
    box.press("ArrowDown")  # opens the list again on the first option
    box.press("Enter")
    page.wait_for_url(f"**{regulation['path']}")
    assert unquote(urlparse(page.url).path) == regulation["path"]


@pytest.mark.browser
def test_without_a_picked_suggestion_enter_submits_the_search(live_server, regulation, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/")
    page.locator("#site-search-q").press_sequentially("chuyen d", delay=40)
    page.wait_for_selector("#site-search-q-suggestions [role=option]")
    page.press("#site-search-q", "Enter")
    page.wait_for_selector(".search-result")
    assert "01-QC/BCĐ" in page.locator(".search-result").first.inner_text()
