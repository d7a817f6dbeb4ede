"""Driving Debian Chromium with Playwright in the browser tests: the fixture and one person at one window."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
PASSWORD = "matkhau-thu"  # tests/factories.create_user
SHOTS_ROOT = Path(__file__).resolve().parent.parent / "var" / "test-reports"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is required for browser tests: {CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the ORM checks of the tests run beside Playwright's loop
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Person:
    """One person at one browser window; counts what they click."""

    shots = SHOTS_ROOT

    def __init__(self, browser, base: str, username: str, viewport=DESKTOP):
        self.page = browser.new_context(viewport=viewport, locale="vi-VN", accept_downloads=True).new_page()
        self.base, self.username, self.clicks = base, username, 0

    def click(self, locator) -> None:
        locator.click()
        self.clicks += 1

    def shot(self, name: str) -> Path:
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def admin_login(self) -> None:
        self.page.goto(f"{self.base}/admin/login/")
        self.page.fill("#id_username", self.username)
        self.page.fill("#id_password", PASSWORD)
        self.page.locator("form:has(#id_password) [type=submit]").click()  # logging in is not counted
        self.page.wait_for_url(f"{self.base}/admin/")

    def open_start_from_file(self, section_id: int) -> None:
        """From an issuer's section in the admin, its "…" menu, then "Tạo văn bản từ tệp" (two clicks)."""
        self.page.goto(f"{self.base}/admin/pages/{section_id}/")
        self.click(self.page.locator("header [data-w-dropdown-target='toggle']").first)
        self.click(self.page.get_by_role("link", name="Tạo văn bản từ tệp"))

    def todo_link(self, title: str):
        return self.page.locator("[data-vanban-todo]").get_by_role("link", name=title)
