"""The browser tests' fixtures: a Chromium for the test, and the personas' site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from karne.dataformat import read_dataset
from karne.monitoring.models import Realization
from tests.browser.chromium import CHROMIUM, FLAGS, PASSWORD
from tests.personas import build_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture
def site(reference_path: Path) -> None:
    build_site(read_dataset(reference_path), PASSWORD)
    # Q1 values are already in the reference dataset; explain them so the unit can submit.
    Realization.objects.filter(indicator__responsible_unit__code="YGM", period="Q1").update(
        explanation="Dönemsel etki."
    )


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API keeps an event loop in this thread; the test's own database calls
    # are ordinary synchronous code. Set for this test only, never for the process.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()
