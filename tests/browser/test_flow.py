"""The main monitoring flow in a real browser: Debian's Chromium, headless, driven by Playwright.

clerk enters and submits → unit head approves → strategy unit approves and locks → the overview
shows it; a clerk of another unit is refused. Keyboard only for the logins; a narrow screen.
The structure pages at the same width: an indicator card refused on its input, then saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

if TYPE_CHECKING:
    from playwright.sync_api import Browser
    from pytest_django.live_server_helper import LiveServer


from karne.monitoring.models import Realization  # noqa: E402
from karne.planning.models import PPIndicator  # noqa: E402
from tests.browser.chromium import MARKS, login  # noqa: E402

pytestmark = MARKS


def test_clerk_to_lock_and_a_stranger_refused(
    site: None, live_server: LiveServer, browser: Browser, tmp_path: Path
) -> None:
    base = live_server.url
    entry = f"{base}/donem/2023/1/birim/YGM/"
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="tr-TR")
    page = context.new_page()

    login(page, base, "veri.ygm")
    page.goto(entry)
    # At 390 px the form fits the screen: no sideways scrolling, every input within reach.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for code in ("GYH-01", "GYH-07", "GYH-10"):
        box = page.locator(f"#value-{code}").bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 390
    page.fill("#value-GYH-01", "1.240.000")
    with page.expect_navigation():
        page.click("#save")
    assert "Değerler kaydedildi." in page.inner_text("main")
    assert page.input_value("#value-GYH-01") == "1.240.000"
    with page.expect_navigation():
        page.click("button[value=submit]")
    assert page.inner_text("#state") == "Birim amirinin onayında"
    page.screenshot(path=str(tmp_path / "clerk.png"), full_page=True)
    with page.expect_navigation():
        page.click("header button:has-text('Çıkış')")

    login(page, base, "amir.ygm")
    page.goto(entry)
    with page.expect_navigation():
        page.click("button[value=head_approve]")
    assert page.inner_text("#state") == "Strateji biriminin onayında"
    with page.expect_navigation():
        page.click("header button:has-text('Çıkış')")

    login(page, base, "strateji")
    page.goto(entry)
    with page.expect_navigation():
        page.click("button[value=admin_approve]")
    assert page.inner_text("#state") == "Onaylandı ve kilitlendi"
    page.goto(f"{base}/izleme/2023/1/")
    assert page.inner_text("[data-unit=YGM]") == "Onaylandı ve kilitlendi"
    with page.expect_navigation():
        page.click("header button:has-text('Çıkış')")

    login(page, base, "veri.ukgm")
    response = page.goto(entry)
    assert response is not None
    assert response.status == 403
    assert "erişim yetkiniz yok" in page.inner_text("main")
    assert Realization.objects.get(indicator__code="GYH-01", period="Q1").value == 1240000
    context.close()


def test_an_indicator_card_is_edited_at_390_px(
    site: None, live_server: LiveServer, browser: Browser
) -> None:
    base = live_server.url
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="tr-TR")
    page = context.new_page()
    login(page, base, "strateji")
    with page.expect_navigation():
        page.click("header a:has-text('Yapı')")
    page.goto(f"{base}/yapi/pp-gosterge/GYH-01/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for name in ("name", "calculation_method", "responsible_unit", "sp_indicator"):
        box = page.locator(f"#f-{name}").bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 390, name
    page.fill("#f-name", "")
    with page.expect_navigation():
        page.click("button:has-text('Kaydet')")
    assert "Hiçbir şey kaydedilmedi." in page.inner_text("[role=alert]")
    assert page.get_attribute("#f-name", "aria-invalid") == "true"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.focus("#f-name")
    page.keyboard.type("Aktif ikamet izni sayısı (güncel)")
    with page.expect_navigation():
        page.click("button:has-text('Kaydet')")
    assert "Kaydedildi." in page.inner_text("main")
    assert PPIndicator.objects.get(code="GYH-01").name == "Aktif ikamet izni sayısı (güncel)"
