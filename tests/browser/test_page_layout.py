"""Pages as a person reads them in a real browser: an indicator's periods on a phone are cards
(the explanation on the screen, not in a table scrolled sideways), the budget's programme table
shows its levels, and its names keep a readable width when the table scrolls on a phone; the
home page's year at a glance fits a phone, and so do an indicator's chart and the monitoring
overview's cards; a period's removal is folded until asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer

from tests.browser.chromium import MARKS, signed_in  # noqa: E402

pytestmark = MARKS


def left(page: Page, selector: str) -> float:
    """Where a cell's text starts: its box and its left padding."""
    start: float = page.eval_on_selector(
        selector,
        "e => e.getBoundingClientRect().left + parseFloat(getComputedStyle(e).paddingLeft)",
    )
    return start


def test_an_indicator_s_periods_are_cards_on_a_phone(
    site: None, live_server: LiveServer, browser: Browser
) -> None:
    base = live_server.url
    with signed_in(browser, base, "veri.ygm") as page:
        page.goto(f"{base}/gosterge/GYH-01/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # The fourth quarter's long explanation: whole on the screen, its label above it.
        cell = page.locator("#periods tbody tr").nth(3).locator("td.text").first
        box = cell.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 390
        assert "Kümülatif gösterge" in cell.inner_text()
        label = cell.evaluate("e => getComputedStyle(e, '::before').content")
        assert label == '"Açıklama"'
        # An empty cell (no correction note) is left out of the card.
        note = page.locator("#correction-text-Q2")
        assert not note.is_visible()


def test_the_budget_shows_its_levels_and_readable_names(
    site: None, live_server: LiveServer, browser: Browser
) -> None:
    base = live_server.url
    with signed_in(browser, base, "strateji", width=1366) as page:
        page.goto(f"{base}/butce/2023/")
        program = left(page, "tr.level-program > th")
        sub_program = left(page, "tr.level-sub_program > th")
        activity = left(page, "tr.level-activity > th")
        assert program < sub_program < activity
        weight = page.eval_on_selector(
            "tr.level-activity > th", "e => getComputedStyle(e).fontWeight"
        )
        assert weight == "400"
        page.set_viewport_size({"width": 390, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for selector in ("tr.level-activity > th", "table.budget td.name"):
            box = page.locator(selector).first.bounding_box()
            assert box is not None
            assert box["width"] >= 150, selector


def test_the_year_at_a_glance_fits_a_phone(
    site: None, live_server: LiveServer, browser: Browser
) -> None:
    """Opened, a status's list of indicators wraps within the screen; the page never scrolls
    sideways."""
    base = live_server.url
    with signed_in(browser, base, "okur") as page:
        page.goto(f"{base}/")
        page.locator("#glance-statuses summary").first.click()
        link = page.locator("#glance-statuses details[open] li a").first
        assert link.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for selector in ("#glance-statuses", "#glance-budget"):
            box = page.locator(selector).bounding_box()
            assert box is not None
            assert box["x"] >= 0, selector
            assert box["x"] + box["width"] <= 390, selector


def test_an_indicator_s_chart_fits_a_phone(
    site: None, live_server: LiveServer, browser: Browser
) -> None:
    """The whole chart on the screen, every quarter in sight, its box not scrolled sideways;
    on a wide screen it is shown larger than it is drawn."""
    base = live_server.url
    with signed_in(browser, base, "veri.ygm") as page:
        page.goto(f"{base}/gosterge/GYH-01/")
        chart = page.locator("figure.chart svg")
        box = chart.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 390
        assert box["width"] >= 300  # the screen's width, not the figure's default margins
        scroller = page.locator("figure.chart .scroll")
        assert scroller.evaluate("e => e.scrollWidth <= e.clientWidth")
        page.set_viewport_size({"width": 1366, "height": 800})
        wide = chart.bounding_box()
        assert wide is not None
        assert wide["width"] >= 500


def test_removing_a_period_is_folded_until_asked_for(
    site: None, live_server: LiveServer, browser: Browser
) -> None:
    base = live_server.url
    with signed_in(browser, base, "strateji") as page:
        page.goto(f"{base}/")
        reason = page.locator("#periods + ul details.remove input[name=reason]").first
        assert not reason.is_visible()
        page.locator("#periods + ul details.remove > summary").first.click()
        assert reason.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_monitoring_overview_is_cards_on_a_phone(
    site: None, live_server: LiveServer, browser: Browser
) -> None:
    """Each indicator a card: its three figures side by side under its name, nothing scrolled
    sideways; on a wide screen a table row."""
    base = live_server.url
    with signed_in(browser, base, "strateji") as page:
        page.goto(f"{base}/izleme/2023/1/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        card = page.locator("table.progress tbody tr").first
        name = card.locator("th").bounding_box()
        cells = [card.locator("td").nth(i).bounding_box() for i in range(4)]
        assert name is not None
        assert all(c is not None for c in cells)
        to_date, expected, rate, status = (c for c in cells if c is not None)
        assert to_date["y"] == expected["y"] == rate["y"] > name["y"]
        assert to_date["x"] < expected["x"] < rate["x"]
        assert rate["x"] + rate["width"] <= 390
        assert status["y"] > rate["y"]
        label = card.locator("td").nth(2).evaluate("e => getComputedStyle(e, '::before').content")
        assert label == '"Oran"'
        assert all(
            page.locator("table.progress").nth(i).evaluate("e => e.scrollWidth <= e.clientWidth")
            for i in range(page.locator("table.progress").count())
        )
        page.set_viewport_size({"width": 1366, "height": 800})
        row = [card.locator(s).bounding_box() for s in ("th", "td >> nth=0", "td >> nth=3")]
        assert all(b is not None for b in row)
        assert len({round(b["y"]) for b in row if b is not None}) == 1
