"""What every browser test shares: Debian's Chromium, its flags, the personas' password and a
keyboard-only sign-in. The fixtures that use them are in `conftest.py`."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PASSWORD = "tarayici-testi-parola-1"

# CI sets KARNE_REQUIRE_BROWSER=1: there a missing browser is a failure, not a skip.
if os.environ.get("KARNE_REQUIRE_BROWSER") == "1" and not shutil.which(CHROMIUM):
    raise RuntimeError(f"{CHROMIUM} is required (KARNE_REQUIRE_BROWSER=1)")

# Every browser test module's marks: skipped without Chromium, a real transaction per test (the
# live server's threads see what the test wrote).
MARKS = [
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is not installed"),
    pytest.mark.django_db(transaction=True),
]


def login(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/giris/")
    # The user-name field has autofocus; type only once the browser has put the focus there.
    # (Asserted by Playwright's own expectation: a `wait_for_function` predicate is evaluated
    # in the page, whose policy refuses that whenever the first check is too early.)
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{base}/", (username, page.inner_text("main"))


@contextmanager
def signed_in(browser: Browser, base: str, username: str, width: int = 390) -> Iterator[Page]:
    """A page of a fresh Turkish context at the width, the persona signed in; the context
    closed afterwards."""
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="tr-TR")
    try:
        page = context.new_page()
        login(page, base, username)
        yield page
    finally:
        context.close()
