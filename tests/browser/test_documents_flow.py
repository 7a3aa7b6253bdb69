"""Documents in a real browser: the strategy unit builds the Activity Report (the job page's
bar moves while the charts are drawn), a second request lands on the same job, the audit is
read, the build is published, and a reader downloads the very bytes that were published.

The jobs run in a thread of the live server (`KARNE_JOB_RUNNER=thread`): its in-memory
database is not open to another process; tests/jobs/test_worker.py runs the worker process.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django import DjangoDbBlocker, Settings
    from pytest_django.live_server_helper import LiveServer

from karne.jobs.models import Job  # noqa: E402
from karne.releases.models import PublishedVersion  # noqa: E402
from tests.browser.chromium import MARKS, login  # noqa: E402

pytestmark = MARKS
WAIT = 180_000  # ms: a cold chart cache on a busy two-core machine


def test_build_follow_read_the_audit_publish_and_a_reader_downloads(
    site: None,
    live_server: LiveServer,
    browser: Browser,
    settings: Settings,
    django_db_blocker: DjangoDbBlocker,
    tmp_path: Path,
) -> None:
    # The job's thread opens its own connection, which pytest-django blocks outside the test's
    # thread unless told otherwise.
    with django_db_blocker.unblock():
        flow(live_server.url, browser, settings, tmp_path)


def moving(page: Page) -> tuple[int, str]:
    """The bar's value and the step line once the bar has moved past the data step (polled
    from here: the page's policy refuses the evaluated predicates of `wait_for_function`)."""
    for _ in range(WAIT // 100):
        value = int(page.eval_on_selector("#job-progress", "e => e.value"))
        if value > 15:
            return value, page.inner_text("#job-step")
        page.wait_for_timeout(100)
    raise AssertionError("the progress bar never moved")


def flow(base: str, browser: Browser, settings: Settings, tmp_path: Path) -> None:
    settings.KARNE_JOB_RUNNER = "thread"
    settings.DATA_DIR = tmp_path  # a cold chart cache: the charts are drawn one by one
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, locale="tr-TR", accept_downloads=True
    )
    page = context.new_page()
    login(page, base, "strateji")
    with page.expect_navigation():
        page.click("header nav a:has-text('Belgeler')")
    assert page.url == f"{base}/belgeler/"
    assert "2023" in page.inner_text("h1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    with page.expect_navigation():
        page.click("#build-faaliyet-raporu-docx")
    job_url = page.url
    assert re.fullmatch(rf"{base}/belgeler/is/\d+/", job_url)
    # The page polls its status: the bar and the step move before the job is done.
    seen = moving(page)
    assert 15 < seen[0] < 100, seen
    assert "Grafikler çiziliyor" in seen[1], seen
    page.screenshot(path=str(tmp_path / "job.png"), full_page=True)
    # A second request for the same build opens the same job.
    second = context.new_page()
    second.goto(f"{base}/belgeler/")
    with second.expect_navigation():
        second.click("#build-faaliyet-raporu-docx")
    assert second.url == job_url
    assert "zaten hazırlanıyor ya da hazır" in second.inner_text("main")
    second.close()
    # Done: the page reloads itself and offers the file and publishing.
    page.wait_for_selector("#publish", timeout=WAIT)
    assert page.eval_on_selector("#job-progress", "e => e.value") == 100
    assert Job.objects.count() == 1
    with page.expect_download() as built:
        page.click("#job-download")
    built_bytes = Path(built.value.path()).read_bytes()
    assert built.value.suggested_filename == "faaliyet-raporu-2023.docx"

    # The audit: built the same way, then read in the browser.
    page.goto(f"{base}/belgeler/")
    with page.expect_navigation():
        page.click("#build-denetim-html")
    page.wait_for_selector("#job-download", timeout=WAIT)
    with page.expect_navigation():
        page.click("#job-download")
    assert "Denetim raporu — goc-idaresi 2023" in page.inner_text("h1")
    assert "Hata:" in page.inner_text("body")

    # Publish the Activity Report.
    page.goto(job_url)
    with page.expect_navigation():
        page.click("#publish")
    assert page.url == f"{base}/belgeler/?yil=2023"
    assert "sürüm 1 olarak yayımlandı" in page.inner_text("main")
    version = PublishedVersion.objects.get()
    assert version.sha256 in page.inner_text("#versions")
    page.screenshot(path=str(tmp_path / "versions.png"), full_page=True)
    with page.expect_navigation():
        page.click("header button:has-text('Çıkış')")

    # A reader downloads the published version: the same bytes, the same hash.
    login(page, base, "okur")
    page.goto(f"{base}/belgeler/")
    assert page.locator("#builds").count() == 0
    with page.expect_download() as download:
        page.click(f"#version-{version.pk}")
    got = Path(download.value.path()).read_bytes()
    assert hashlib.sha256(got).hexdigest() == version.sha256
    assert got == built_bytes
    assert download.value.suggested_filename == "faaliyet-raporu-2023.docx"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
