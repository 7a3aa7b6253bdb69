"""The workbook round trip in a real browser: the clerk downloads the form with the page's link,
fills it in (openpyxl, as a spreadsheet would save it), uploads it, reads the preview, confirms;
a stale workbook shows its conflict, another unit's is refused by name, and one saved again by
LibreOffice is read as it was typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tests.browser.chromium import MARKS, login

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer

from karne.monitoring.models import ChangeRecord, Realization
from karne.organisation.models import Unit
from tests.web.libreoffice import SOFFICE, saved_by_calc
from tests.web.workbooks import export, fill

pytestmark = MARKS


def test_download_fill_upload_preview_confirm(
    site: None,
    live_server: LiveServer,
    browser: Browser,
    tmp_path: Path,
) -> None:
    base = live_server.url
    entry = f"{base}/donem/2023/1/birim/YGM/"
    context = browser.new_context(accept_downloads=True, locale="tr-TR")
    page = context.new_page()
    login(page, base, "veri.ygm")
    page.goto(entry)
    with page.expect_download() as download:
        page.click("#download")
    assert download.value.suggested_filename == "karne-goc-idaresi-2023-1-YGM.xlsx"
    filled = tmp_path / "ygm.xlsx"
    filled.write_bytes(
        fill(Path(download.value.path()).read_bytes(), {("GYH-01", "value"): "1.300.000"})
    )
    page.set_input_files("input[name=file]", str(filled))
    with page.expect_navigation():
        page.click("#upload")
    rows = page.inner_text("#rows")
    assert "değişti" in rows
    assert "1.300.000" in rows
    assert Realization.objects.get(indicator__code="GYH-01", period="Q1").value == 1237803
    with page.expect_navigation():
        page.click("#confirm")
    assert page.url == entry
    assert "ygm.xlsx: 1 satır kaydedildi." in page.inner_text("main")
    assert page.input_value("#value-GYH-01") == "1.300.000"
    assert ChangeRecord.objects.filter(reason="çalışma kitabı: ygm.xlsx").count() == 1

    # The first download again, now stale: GYH-01 was saved since it was made.
    stale = tmp_path / "eski.xlsx"
    stale.write_bytes(
        fill(Path(download.value.path()).read_bytes(), {("GYH-01", "value"): "1.250.000"})
    )
    upload(page, stale)
    assert "çakışma" in page.inner_text("#rows")
    assert page.locator("#confirm").count() == 0
    assert Realization.objects.get(indicator__code="GYH-01", period="Q1").value == 1300000

    # Another unit's workbook is refused by name.
    other = tmp_path / "ukgm.xlsx"
    other.write_bytes(export(username="veri.ukgm", unit="UKGM"))
    page.goto(entry)
    upload(page, other)
    assert Unit.objects.get(code="UKGM").name in page.inner_text("#errors")
    assert "hiçbir değer kaydedilmedi" in page.inner_text("#errors")

    # Filled in, then saved again by LibreOffice (as a unit without Excel would send it back).
    if SOFFICE:
        page.goto(entry)
        with page.expect_download() as fresh:
            page.click("#download")
        typed = tmp_path / "in" / "libre.xlsx"
        typed.parent.mkdir()
        typed.write_bytes(
            fill(Path(fresh.value.path()).read_bytes(), {("GYH-07", "exp"): "Kış etkisi."})
        )
        saved_by_calc(typed, tmp_path)
        page.goto(entry)
        upload(page, tmp_path / "libre.xlsx")
        with page.expect_navigation():
            page.click("#confirm")
        assert "libre.xlsx: 1 satır kaydedildi." in page.inner_text("main")
        saved = Realization.objects.get(indicator__code="GYH-07", period="Q1")
        assert saved.explanation == "Kış etkisi."
    context.close()


def upload(page: Page, path: Path) -> None:
    page.set_input_files("input[name=file]", str(path))
    with page.expect_navigation():
        page.click("#upload")
