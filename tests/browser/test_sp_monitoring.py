"""Strategic-plan monitoring in a real browser (Debian's Chromium, headless, Playwright).

The strategy unit opens the 2023 half-year on its home page; the clerk of the responsible unit
enters C for every indicator of the unit's objectives, is refused until a deviation has its
reason, and submits; the unit head approves; the strategy unit approves and locks; the period's
overview shows the entered values in the SP evaluation, the same figures `evaluate()` gives.
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

from karne.core.evaluation import evaluate  # noqa: E402
from karne.core.formatting import format_auto  # noqa: E402
from karne.datasets.selectors import dataset_read  # noqa: E402
from karne.planning.models import SPIndicatorValue  # noqa: E402
from tests.browser.chromium import MARKS, login  # noqa: E402

pytestmark = MARKS

ENTRY = "/sp-izleme/2023/H1/birim/YGM/"
OVERVIEW = "/sp-izleme/2023/H1/"


def by_id(element_id: str) -> str:
    """A selector of an id with dots (the plan's codes), which `#…` would read as classes."""
    return f"[id='{element_id}']"


def sign_out(page: Page) -> None:
    with page.expect_navigation():
        page.click("header button:has-text('Çıkış')")


def test_the_half_year_entered_approved_and_evaluated(
    site: None, live_server: LiveServer, browser: Browser
) -> None:
    base = live_server.url
    targets = {
        v.indicator.code: v.target
        for v in SPIndicatorValue.objects.filter(year=2023, indicator__code__startswith="PG1.")
        .select_related("indicator")
        .order_by("indicator__code")
    }
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="tr-TR")
    page = context.new_page()

    login(page, base, "strateji")
    form = page.locator("#sp-open-form")
    form.locator("input[name=year]").fill("2023")
    form.locator("select[name=half]").select_option("H1")
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    form.locator("input[name=deadline]").fill(deadline.isoformat())
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.url == f"{base}{OVERVIEW}"
    assert "girişe açıldı" in page.inner_text("main")
    assert page.inner_text("[data-unit=YGM]") == "Taslak"
    sign_out(page)

    login(page, base, "veri.ygm")
    with page.expect_navigation():
        page.click(f"a[href='{ENTRY}']")  # the home page lists the half-year and the unit
    for code, target in targets.items():
        assert target is not None
        page.fill(by_id(f"value-{code}"), format_auto(target))
    page.fill(by_id("value-PG1.1.3"), "12")  # (12−3)/(18−3) = 60 %: a deviation
    with page.expect_navigation():
        page.click("#save")
    assert "Hiçbir değer kaydedilmedi." in page.inner_text("#errors")
    assert page.get_attribute(by_id("exp-PG1.1.3"), "aria-invalid") == "true"
    page.fill(by_id("exp-PG1.1.3"), "Eğitim takvimi yılın ikinci yarısında yoğunlaşıyor.")
    with page.expect_navigation():
        page.click("#save")
    assert "Değerler kaydedildi." in page.inner_text("main")
    assert page.inner_text(by_id("perf-PG1.1.3")) == "%60,00"
    with page.expect_navigation():
        page.click("button[value=submit]")
    assert page.inner_text("#state") == "Birim amirinin onayında"
    sign_out(page)

    login(page, base, "amir.ygm")
    page.goto(f"{base}{ENTRY}")
    with page.expect_navigation():
        page.click("button[value=head_approve]")
    assert page.inner_text("#state") == "Strateji biriminin onayında"
    sign_out(page)

    login(page, base, "strateji")
    page.goto(f"{base}{ENTRY}")
    with page.expect_navigation():
        page.click("button[value=admin_approve]")
    assert page.inner_text("#state") == "Onaylandı ve kilitlendi"
    page.goto(f"{base}{OVERVIEW}")
    assert page.inner_text("[data-unit=YGM]") == "Onaylandı ve kilitlendi"
    row = page.locator("#sp-evaluation tr[data-code='PG1.1.3']")
    assert row.locator("td.actual").inner_text() == "12"
    assert row.locator("td").nth(4).inner_text() == "%60,00"
    context.close()

    evaluation = {r.code: r for r in evaluate(dataset_read(), 2023).sp_indicators}
    assert evaluation["PG1.1.3"].actual == Decimal(12)
    assert evaluation["PG1.1.3"].performance.value == Decimal(60)
    assert SPIndicatorValue.objects.get(indicator__code="PG1.1.3", year=2023).actual == 12
