"""A new administration from an empty database to a locked quarter, as its people would do it.

`karne createadmin` makes the first administrator; in headless Chromium the administrator builds
a small administration (two units, a programme with a sub-programme and an activity, a flow, a
stock and a ratio indicator with their targets, a strategic plan with one objective), invites a
clerk and a unit head, who set their passwords from their links; they run a quarter to its lock.
`karne export` of the result loads into a fresh database and exports unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

if TYPE_CHECKING:
    from playwright.sync_api import Browser
    from pytest_django.live_server_helper import LiveServer

from karne.monitoring.models import ChangeRecord, Realization, Submission  # noqa: E402
from tests.browser.building import (  # noqa: E402
    ADMIN_PASSWORD,
    build,
    create_first_administrator,
    fill,
    invite,
    open_quarter,
    run_quarter,
    set_target,
    sign_out,
)
from tests.browser.chromium import MARKS, login  # noqa: E402

pytestmark = MARKS


def refused_on_a_phone_in_english(browser: Browser, base: str, tmp_path: Path) -> None:
    """A structure form at 390 px in English: a bad code is refused on its input, nothing added."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="en-GB")
    page = context.new_page()
    login(page, base, "yonetici", ADMIN_PASSWORD)
    page.select_option("#language", "en")
    with page.expect_navigation():
        page.click("header form.lang button")
    page.goto(f"{base}/yapi/birim/yeni/")
    fill(page, "#f-code", "küçük harf")
    fill(page, "#f-name", "Yanlış Birim")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    assert "Nothing was saved." in page.inner_text("#errors")
    assert page.get_attribute("#f-code", "aria-invalid") == "true"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "refused-390-en.png"), full_page=True)
    context.close()


def test_from_an_empty_database_to_a_locked_quarter(
    live_server: LiveServer, browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from karne.cli.main import main
    from tests.datasets.test_structure_export import _fresh_load_and_export, _same

    base = live_server.url
    create_first_administrator(monkeypatch)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="tr-TR")
    page = context.new_page()
    login(page, base, "yonetici", ADMIN_PASSWORD)
    build(page, base)
    page.goto(f"{base}/yapi/")
    page.screenshot(path=str(tmp_path / "structure.png"), full_page=True)
    for code, target in (("HG-1", "1.200"), ("HG-2", "40"), ("HG-3", "90")):
        set_target(page, base, code, target)
    clerk = ("veri.hb", invite(page, base, browser, "veri.hb", "clerk", "HB"))
    head = ("amir.hb", invite(page, base, browser, "amir.hb", "head", "HB"))
    open_quarter(page, base, 4)
    sign_out(page)

    run_quarter(page, base, clerk, head)
    context.close()
    refused_on_a_phone_in_english(browser, base, tmp_path)

    stored = {r.indicator.code: r for r in Realization.objects.select_related("indicator")}
    assert (stored["HG-3"].numerator, stored["HG-3"].denominator) == (870, 1000)
    assert (stored["HG-1"].value, stored["HG-2"].value) == (1150, 41)
    assert Submission.objects.get(unit__code="HB").state == "locked"
    assert ChangeRecord.objects.filter(username="veri.hb", field="value").count() >= 2

    assert main(["export", str(tmp_path / "first")]) == 0
    _fresh_load_and_export(tmp_path / "first", tmp_path / "second", tmp_path)
    _same(tmp_path / "first", tmp_path / "second")
