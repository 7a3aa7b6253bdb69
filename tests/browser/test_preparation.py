"""Preparing next year's programme in a real browser (Debian's Chromium, headless, Playwright).

The strategy unit opens the preparation of 2024 on its home page (the 2023 programme copied
forward); the clerk of YGM proposes its indicators' 2026 targets and a cost, and submits; the
unit head approves; the strategy unit returns it once with a reason; the clerk changes the
cost and submits again, the head approves, the strategy unit approves; the strategy unit
enters a ceiling below the proposed total (the lock is refused), then one above, and locks.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer

from django.utils import timezone  # noqa: E402

from karne.accounts.models import Membership  # noqa: E402
from karne.budget.models import ActivityCost  # noqa: E402
from karne.core.formatting import format_number  # noqa: E402
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Submission  # noqa: E402
from karne.monitoring.prep_selectors import prep_overview  # noqa: E402
from tests.browser.chromium import MARKS, login  # noqa: E402

pytestmark = MARKS

OVERVIEW = "/hazirlik/2024/"
ENTRY = f"{OVERVIEW}birim/YGM/"
COST = "GY.GYH.DUZENLI/03/butce_ici/2026"


def by_id(element_id: str) -> str:
    """A selector of an id with dots and slashes, which `#…` would misread."""
    return f"[id='{element_id}']"


def sign_out(page: Page) -> None:
    with page.expect_navigation():
        page.click("header button:has-text('Çıkış')")


def act(page: Page, action: str, reason: str = "") -> None:
    form = page.locator(f"form:has(button[value={action}])")
    if reason:
        form.locator("input[name=reason]").fill(reason)
    with page.expect_navigation():
        form.locator(f"button[value={action}]").click()


def test_next_years_programme_proposed_returned_approved_and_locked(
    site: None, live_server: LiveServer, browser: Browser
) -> None:
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="tr-TR")
    page = context.new_page()

    login(page, base, "strateji")
    form = page.locator("#prep-open-form")
    form.locator("input[name=year]").fill("2024")
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    form.locator("input[name=deadline]").fill(deadline.isoformat())
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.url == f"{base}{OVERVIEW}"
    assert "2023 programı kopyalandı" in page.inner_text("main")
    assert page.inner_text("[data-unit=YGM]") == "Taslak"
    sign_out(page)

    login(page, base, "veri.ygm")
    with page.expect_navigation():
        page.click(f"a[href='{ENTRY}']")  # the home page lists the preparation and the unit
    # the copied 2024 target beside the 2023 programme's figures
    assert page.input_value(by_id("value-GYH-01/2024")) == "1.250.000"
    assert "2023 hedef: 1.280.000" in page.inner_text("#targets tr[data-code='GYH-01']")
    for code in ("GYH-01", "GYH-07", "GYH-10"):
        page.fill(by_id(f"value-{code}/2026"), page.input_value(by_id(f"value-{code}/2025")))
    page.fill(by_id(f"value-{COST}"), "19.000.000")
    with page.expect_navigation():
        page.click("#save")
    assert "Öneriler kaydedildi." in page.inner_text("main")
    assert page.input_value(by_id(f"value-{COST}")) == "19.000.000"
    act(page, "submit")
    assert page.inner_text("#state") == "Birim amirinin onayında"
    sign_out(page)

    login(page, base, "amir.ygm")
    page.goto(f"{base}{ENTRY}")
    act(page, "head_approve")
    assert page.inner_text("#state") == "Strateji biriminin onayında"
    sign_out(page)

    login(page, base, "strateji")
    page.goto(f"{base}{ENTRY}")
    act(page, "admin_return", "2026 maliyeti tavanı zorluyor; düşürün.")
    assert page.inner_text("#state") == "Taslak"
    sign_out(page)

    login(page, base, "veri.ygm")
    page.goto(f"{base}{ENTRY}")
    assert "tavanı zorluyor" in page.inner_text("#comment")
    page.fill(by_id(f"value-{COST}"), "18.500.000")
    with page.expect_navigation():
        page.click("#save")
    act(page, "submit")
    sign_out(page)

    login(page, base, "amir.ygm")
    page.goto(f"{base}{ENTRY}")
    act(page, "head_approve")
    sign_out(page)

    # The other units' proposals are not this test's: they are approved as their units would.
    period = MonitoringPeriod.objects.get(kind="preparation", year=2024)
    Submission.objects.filter(period=period).exclude(unit__code="YGM").update(state="locked")

    login(page, base, "strateji")
    page.goto(f"{base}{ENTRY}")
    act(page, "admin_approve")
    assert page.inner_text("#state") == "Onaylandı ve kilitlendi"
    page.goto(f"{base}{OVERVIEW}")
    total = prep_overview(period, Membership.objects.get(user__username="strateji")).lines[0]
    below = format_number(total.internal - 1)
    page.fill("input[name=ceiling-2024]", below)
    with page.expect_navigation():
        page.click("#ceiling-form button[type=submit]")
    assert "tavan aşıldı" in page.inner_text("#ceiling-table tr[data-year='2024']")
    with page.expect_navigation():
        page.click("#lock-button")
    assert "tavanı aşıyor" in page.inner_text("main")
    page.fill("input[name=ceiling-2024]", format_number(total.internal))
    with page.expect_navigation():
        page.click("#ceiling-form button[type=submit]")
    with page.expect_navigation():
        page.click("#lock-button")
    assert "Program kilitlendi." in page.inner_text("main")
    assert page.is_visible("#locked")
    page.goto(f"{base}{ENTRY}")
    assert page.locator("#save").count() == 0  # nothing of a locked programme is editable
    assert page.locator("button[value=reopen]").count() == 0
    context.close()

    cost = ActivityCost.objects.get(
        document__code="PP2024", activity__code="GY.GYH.DUZENLI", economic_code="03", year=2026
    )
    assert cost.amount == Decimal(18_500_000)
    keys = set(ChangeRecord.objects.filter(subject="proposal").values_list("key", flat=True))
    assert f"2024-PP/{COST}" in keys
    assert ChangeRecord.objects.filter(subject="period", key="2024-PP", field="locked").exists()
