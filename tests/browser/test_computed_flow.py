"""Issue 11's "done means" in a real browser: `karne synth` and `karne indicators compute
--store` fill a quarter's proposals, and a clerk accepts one on the entry form.

The clerk of UKGM opens the first quarter's form, sees the figure computed for GYH-11 with its
provenance (the definition, the engine, the query), presses "Kabul et" (the page's script
writes the figure into the box), saves, and the stored value is the computed one, trailed as
accepted.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

if TYPE_CHECKING:
    from playwright.sync_api import Browser
    from pytest_django.live_server_helper import LiveServer

from karne.monitoring.models import ChangeRecord, ComputedFigure, Realization  # noqa: E402
from tests.browser.chromium import MARKS, login  # noqa: E402

pytestmark = MARKS

UKGM = "/donem/2023/1/birim/UKGM/"


def _stored() -> Realization | None:
    return Realization.objects.filter(indicator__code="GYH-11", year=2023, period="Q1").first()


def test_a_clerk_accepts_the_computed_figure(
    site: None, live_server: LiveServer, browser: Browser, tmp_path: Path
) -> None:
    from tests.browser.computed import GYH_11_Q1, compute_first_quarter

    # The quarter's entry not made yet: the form's box is empty, the proposal beside it.
    Realization.objects.filter(indicator__code="GYH-11", year=2023, period="Q1").delete()
    compute_first_quarter(tmp_path)
    computed = ComputedFigure.objects.get(indicator__code="GYH-11", year=2023, period="Q1")
    assert computed.value == Decimal(GYH_11_Q1)  # calibrated: the events hold exactly this

    base = live_server.url
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="tr-TR")
    page = context.new_page()
    login(page, base, "veri.ukgm")
    page.goto(f"{base}{UKGM}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator("#proposal-GYH-11")
    assert "Hesaplanan değer" in box.inner_text()
    assert page.inner_text("#computed-GYH-11") == "1.318"
    assert page.input_value("#value-GYH-11") == ""
    query = box.locator("pre.query")
    assert not query.is_visible()  # the provenance is folded away until asked for
    box.locator("summary").click()
    assert query.is_visible()
    details = box.locator("details").inner_text()
    for shown in ("uk-sonuclandirilan", "duckdb", "uluslararasi_koruma"):
        assert shown in details, shown
    assert "COUNT" in query.inner_text()
    query_box = query.bounding_box()
    assert query_box is not None
    assert query_box["x"] + query_box["width"] <= 390  # the query scrolls in its own box

    page.click("#accept-GYH-11")
    assert page.input_value("#value-GYH-11") == "1.318"
    assert "Kaydet" in page.inner_text("#accepted-GYH-11")
    page.fill("#exp-GYH-11", "Dönemsel etki.")
    with page.expect_navigation():
        page.click("#save")
    assert "Değerler kaydedildi." in page.inner_text("main"), page.inner_text("main")
    assert page.input_value("#value-GYH-11") == "1.318"

    saved = _stored()
    assert saved is not None
    assert saved.value == computed.value
    (change,) = ChangeRecord.objects.filter(key="GYH-11/2023/Q1", field="value")
    assert (change.username, change.old, change.new) == ("veri.ukgm", "", "1318")
    assert change.reason.startswith("hesaplanan değer kabul edildi (uk-sonuclandirilan, ")
    context.close()
