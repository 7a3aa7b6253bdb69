"""The strategic plan's half-year form as a workbook in a real browser: the clerk downloads it
from the plan's page, fills it in (openpyxl), uploads it, reads the preview and confirms; a
deviation without its reason is listed by cell and saves nothing; the quarter's workbook is
refused on the plan's page by name. Screenshots of the page go to KARNE_SCREENSHOTS if set.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.utils import timezone

from karne.core.periods import SPPeriodCode
from karne.monitoring.models import ChangeRecord, SPRealization
from karne.monitoring.services import sp_period_open
from karne.monitoring.workbook.kinds import STRATEGIC
from tests.browser.chromium import MARKS, login
from tests.web.workbooks import export, fill

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = MARKS

ENTRY = "/sp-izleme/2023/H1/birim/YGM/"


def upload(page: Page, path: Path) -> None:
    page.set_input_files("input[name=file]", str(path))
    with page.expect_navigation():
        page.click("#upload")


def test_the_plan_s_workbook_round_trip(
    site: None, live_server: LiveServer, browser: Browser, tmp_path: Path
) -> None:
    sp_period_open(
        user=get_user_model().objects.get(username="strateji"),
        year=2023,
        code=SPPeriodCode.H1,
        deadline=timezone.localdate() + datetime.timedelta(days=14),
    )
    base = live_server.url
    entry = f"{base}{ENTRY}"
    context = browser.new_context(accept_downloads=True, locale="tr-TR")
    page = context.new_page()
    login(page, base, "veri.ygm")
    page.goto(entry)
    shots = os.environ.get("KARNE_SCREENSHOTS")
    if shots:
        for width in (390, 1366):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{shots}/sp-entry-{width}.png", full_page=False)
    with page.expect_download() as download:
        page.click("#download")
    assert download.value.suggested_filename == "karne-goc-idaresi-2023-H1-YGM.xlsx"
    exported = Path(download.value.path()).read_bytes()

    # A deviation without its reason: listed by cell, nothing saved.
    off = tmp_path / "sapma.xlsx"
    off.write_bytes(fill(exported, {("PG1.1.3", "value"): 12}, "H1", STRATEGIC))
    upload(page, off)
    errors = page.inner_text("#errors")
    assert "Hiçbir değer kaydedilmedi." in errors
    assert "PG1.1.3" in errors
    assert page.locator("#confirm").count() == 0
    assert not SPRealization.objects.exists()

    # With its reason it is saved, as if typed in the form.
    explained = tmp_path / "yari.xlsx"
    explained.write_bytes(
        fill(
            exported,
            {
                ("PG1.1.3", "value"): 12,
                ("PG1.1.3", "exp"): "Eğitimlerin çoğu ikinci yarıya planlandı.",
                ("PG1.1.4", "value"): "84,5",
            },
            "H1",
            STRATEGIC,
        )
    )
    page.goto(entry)
    upload(page, explained)
    rows = page.inner_text("#rows")
    assert rows.count("yeni") == 2
    with page.expect_navigation():
        page.click("#confirm")
    assert page.url == entry
    assert "yari.xlsx: 2 satır kaydedildi." in page.inner_text("main")
    assert page.input_value("[id='value-PG1.1.3']") == "12"
    assert page.input_value("[id='value-PG1.1.4']") == "84,5"
    assert "ikinci yarıya" in page.input_value("[id='exp-PG1.1.3']")
    assert ChangeRecord.objects.filter(reason="çalışma kitabı: yari.xlsx").count() == 3

    # The quarter's workbook on the plan's page is refused by name.
    quarter = tmp_path / "ceyrek.xlsx"
    quarter.write_bytes(export())
    page.goto(entry)
    upload(page, quarter)
    assert "çeyrek giriş formu; bu sayfa bir stratejik plan" in page.inner_text("#errors")
    if shots:
        page.screenshot(path=f"{shots}/sp-refused-1366.png", full_page=False)
    context.close()
