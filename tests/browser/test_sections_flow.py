"""A section of the Activity Report written in a real browser: the strategy unit names the unit
that writes it; the unit's clerk writes it with a live figure, sees the preview and sends it; the
strategy unit approves it; the generated PDF prints that text with the figure rendered.
Screenshots of the section page go to KARNE_SCREENSHOTS if set."""

from __future__ import annotations

import datetime
import io
import os
import re
from typing import TYPE_CHECKING

from pypdf import PdfReader

from karne.core.evaluation import evaluate
from karne.core.formatting import format_money
from karne.core.report_content.build import build_report
from karne.datasets.selectors import dataset_read
from karne.reporting.generate import render
from tests.browser.building import sign_out
from tests.browser.chromium import MARKS, login

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser
    from pytest_django.live_server_helper import LiveServer

pytestmark = MARKS

SECTION = "/metinler/FR2023/mali-bilgiler.butce-uygulama-sonuclari/"
TEXT = (
    "Yıl içinde bütçemizden [[butce:harcama]] TL harcanmış, ödeneğin [[butce:oran]] kadarı "
    "kullanılmıştır."
)


def test_a_unit_writes_its_section_and_the_document_prints_it(
    site: None, live_server: LiveServer, browser: Browser, tmp_path: Path
) -> None:
    base = live_server.url
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="tr-TR")
    page = context.new_page()
    shots = os.environ.get("KARNE_SCREENSHOTS")

    login(page, base, "strateji")
    page.goto(f"{base}{SECTION}")
    # On a phone the page fits its screen: the select of the units' long names shrinks with it.
    page.set_viewport_size({"width": 390, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1366, "height": 900})
    page.select_option("#assign-unit", "YGM")
    with page.expect_navigation():
        page.click("#assign")
    assert page.inner_text("#unit") == "Yabancılar Genel Müdürlüğü"
    sign_out(page)

    login(page, base, "veri.ygm")
    with page.expect_navigation():
        page.click("header a:has-text('Metinler')")
    with page.expect_navigation():
        page.click(f"a[href='{SECTION}']")
    page.fill("#body", TEXT)
    with page.expect_navigation():
        page.click("#save")
    assert "Taslak kaydedildi." in page.inner_text("main")
    line = evaluate(
        dataset_read(administration="goc-idaresi"), 2023
    ).budget.economic_total.execution
    assert line is not None
    spent = format_money(line.spent)
    assert spent in page.inner_text("#preview")
    if shots:
        page.screenshot(path=f"{shots}/section-1366.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 900})
        page.screenshot(path=f"{shots}/section-390.png", full_page=False)
    with page.expect_navigation():
        page.click("#submit")
    assert page.inner_text("#state") == "Onay bekliyor"
    sign_out(page)

    login(page, base, "strateji")
    page.goto(f"{base}{SECTION}")
    with page.expect_navigation():
        page.click("#approve")
    assert page.inner_text("#state") == "Onaylandı"
    assert "[[butce:harcama]]" in page.inner_text("#approved")  # the text keeps its reference
    context.close()

    report = build_report(
        dataset_read(administration="goc-idaresi"),
        2023,
        "faaliyet-raporu",
        datetime.date(2024, 3, 1),
    )
    pdf = PdfReader(io.BytesIO(render(report, "pdf", tmp_path)))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in pdf.pages))
    assert f"bütçemizden {spent} TL harcanmış" in text
    assert "[[" not in text
