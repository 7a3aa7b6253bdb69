"""The preparation proposal's workbooks in a real browser: the clerk downloads the targets and
the costs from the proposal page, fills them in (openpyxl), uploads them, reads the preview and
confirms; a bad number is listed by cell and saves nothing; another unit's is refused by name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from karne.monitoring.models import ChangeRecord
from tests.browser.chromium import MARKS, login
from tests.web.prep_workbooks import COSTS, TARGETS, export, fill, open_2024

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = MARKS

ENTRY = "/hazirlik/2024/birim/YGM/"


def upload(page: Page, path: Path) -> None:
    page.set_input_files("input[name=file]", str(path))
    with page.expect_navigation():
        page.click("#upload")


def test_the_preparation_workbooks_round_trip(
    site: None, live_server: LiveServer, browser: Browser, tmp_path: Path
) -> None:
    open_2024()
    base = live_server.url
    entry = f"{base}{ENTRY}"
    context = browser.new_context(accept_downloads=True, locale="tr-TR")
    page = context.new_page()
    login(page, base, "veri.ygm")
    page.goto(entry)
    with page.expect_download() as targets_download:
        page.click("#download-targets")
    assert (
        targets_download.value.suggested_filename
        == "karne-goc-idaresi-2024-hazirlik-hedefleri-YGM.xlsx"
    )
    targets = Path(targets_download.value.path()).read_bytes()
    with page.expect_download() as costs_download:
        page.click("#download-costs")
    costs = Path(costs_download.value.path()).read_bytes()

    # A bad number: listed by cell, nothing saved.
    bad = tmp_path / "hatali.xlsx"
    bad.write_bytes(fill(targets, TARGETS, {("GYH-01", "2026"): "çok"}))
    before = ChangeRecord.objects.count()
    upload(page, bad)
    assert "Hedefler!I6" in page.inner_text("#errors")
    assert page.locator("#confirm").count() == 0
    assert ChangeRecord.objects.count() == before

    # The targets, then the costs: previewed and saved.
    good = tmp_path / "hedefler.xlsx"
    good.write_bytes(fill(targets, TARGETS, {("GYH-01", "2026"): "1.100.000"}))
    page.goto(entry)
    upload(page, good)
    assert page.inner_text("#rows").count("yeni") == 1
    with page.expect_navigation():
        page.click("#confirm")
    assert page.url == entry
    assert "hedefler.xlsx: 1 satır kaydedildi." in page.inner_text("main")
    assert page.input_value("[id='value-GYH-01/2026']") == "1.100.000"
    money = tmp_path / "maliyetler.xlsx"
    money.write_bytes(fill(costs, COSTS, {("GY.GYH.DUZENLI/03/butce_ici", "2026"): 19_000_000}))
    upload(page, money)
    with page.expect_navigation():
        page.click("#confirm")
    assert "maliyetler.xlsx: 1 satır kaydedildi." in page.inner_text("main")
    assert ChangeRecord.objects.filter(reason="çalışma kitabı: maliyetler.xlsx").count() == 1

    # Another unit's workbook is refused by name.
    theirs = tmp_path / "ukgm.xlsx"
    theirs.write_bytes(export(TARGETS, "strateji", "UKGM"))
    page.goto(entry)
    upload(page, theirs)
    assert "Uluslararası Koruma Genel Müdürlüğü biriminin" in page.inner_text("#errors")
    context.close()
