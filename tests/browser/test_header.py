"""The top bar in a real browser: one line for the administrator on a 1366 px screen (the
most common office laptop) in both languages, and within a 390 px phone screen with its "Diğer"
menu opening in the flow."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer

from tests.browser.chromium import MARKS, login  # noqa: E402

pytestmark = MARKS

# Every box of the bar: the brand, the menu's links, the person, the sign-out and the language.
BOXES = """[...document.querySelectorAll(
  'header.top > *, header.top nav > a, header.top nav > details > summary'
)].map(e => e.getBoundingClientRect()).filter(r => r.width > 0)
 .map(r => ({top: r.top, bottom: r.bottom, right: r.right}))"""


def bar_boxes(page: Page) -> list[dict[str, float]]:
    boxes: list[dict[str, float]] = page.evaluate(BOXES)
    assert len(boxes) > 8
    return boxes


@pytest.mark.parametrize("language", ["tr", "en"])
def test_the_administrator_s_bar_is_one_line_at_1366_px(
    site: None, live_server: LiveServer, browser: Browser, language: str
) -> None:
    base = live_server.url
    context = browser.new_context(
        viewport={"width": 1366, "height": 800},
        locale=language,
        extra_http_headers={"Accept-Language": language},
    )
    page = context.new_page()
    login(page, base, "strateji")
    boxes = bar_boxes(page)
    # One line: every box shares a horizontal band (no box starts below another one's end).
    assert max(b["top"] for b in boxes) < min(b["bottom"] for b in boxes), boxes
    assert max(b["right"] for b in boxes) <= 1366
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    # The grouped links are a click away, below the bar and on the screen.
    more = "Diğer" if language == "tr" else "More"
    page.click(f"header summary:has-text('{more}')")
    users = page.locator("header .menu a[href='/kullanicilar/']")
    box = users.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= 1366
    with page.expect_navigation():
        users.click()
    assert page.url == f"{base}/kullanicilar/"
    context.close()


def test_the_bar_fits_a_phone(site: None, live_server: LiveServer, browser: Browser) -> None:
    base = live_server.url
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="tr-TR")
    page = context.new_page()
    login(page, base, "strateji")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert all(b["right"] <= 390 for b in bar_boxes(page))
    page.keyboard.press("Tab")  # the skip link, then the brand, then the menu's first link
    page.focus("header summary")
    page.keyboard.press("Enter")
    for href in ("/yeniden-duzenlemeler/", "/kullanicilar/", "/degisiklikler.csv"):
        box = page.locator(f"header .menu a[href='{href}']").bounding_box()
        assert box is not None, href
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 390, href
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_the_more_menu_closes_outside_and_on_escape(
    site: None, live_server: LiveServer, browser: Browser
) -> None:
    base = live_server.url
    context = browser.new_context(viewport={"width": 1366, "height": 800}, locale="tr-TR")
    page = context.new_page()
    login(page, base, "strateji")
    menu = page.locator("header details.more")
    page.click("header summary")
    assert menu.evaluate("d => d.open")
    page.click("main", position={"x": 5, "y": 5})
    assert not menu.evaluate("d => d.open")
    page.click("header summary")
    assert menu.evaluate("d => d.open")
    page.click("header .menu", position={"x": 2, "y": 2})  # inside the menu: stays open
    assert menu.evaluate("d => d.open")
    page.keyboard.press("Escape")
    assert not menu.evaluate("d => d.open")
    context.close()


def test_the_administrator_s_header_is_compact_on_a_phone(
    site: None, live_server: LiveServer, browser: Browser
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="tr-TR")
    page = context.new_page()
    login(page, live_server.url, "strateji")
    height = page.evaluate("document.querySelector('header.top').getBoundingClientRect().height")
    assert height <= 165, height  # was about 204 px
    context.close()
