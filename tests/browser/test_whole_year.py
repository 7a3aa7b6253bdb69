"""A whole year of a strategy unit, in headless Chromium, on an administration set up in the
browser (issue 13's test).

From an empty database the administrator builds the small administration of `building` (two
units, a programme, three indicators, a plan with one objective), adds the objective's
strategic-plan indicator with its target and the year's Activity Report on the structure pages,
invites a clerk, a unit head and a reader, and the quarter is run to its lock. Then, through
the pages only: the strategy unit opens next year's preparation; the clerk proposes targets and
a cost and submits; the head approves; the strategy unit returns it once with a reason; the
clerk lowers the cost and submits again; approvals; the strategy unit enters the ceiling and
locks the programme. The strategy unit opens the plan's half-year; the clerk enters the
indicator (refused until the deviation has its reason); approvals to the lock; the overview
shows the value. The strategy unit builds the Activity Report (DOCX: its few charts, drawn one by
one, move the bar within a second or two), follows its bar, builds and reads the audit, and
publishes; the reader downloads the published version, with the published SHA-256.
The database is only read, to assert.

The jobs run in a thread of the live server (`KARNE_JOB_RUNNER=thread`), as in
`test_documents_flow`.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.utils import timezone

playwright_api = pytest.importorskip("playwright.sync_api")

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django import DjangoDbBlocker, Settings
    from pytest_django.live_server_helper import LiveServer

from karne.budget.models import ActivityCost  # noqa: E402
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Submission  # noqa: E402
from karne.releases.models import PublishedVersion  # noqa: E402
from tests.browser.building import (  # noqa: E402
    ADMIN_PASSWORD,
    YEAR,
    add,
    build,
    create_first_administrator,
    invite,
    open_quarter,
    run_quarter,
    set_target,
    sign_out,
)
from tests.browser.chromium import MARKS, login  # noqa: E402

pytestmark = MARKS

NEXT = YEAR + 1
PREP = f"/hazirlik/{NEXT}/"
PREP_ENTRY = f"{PREP}birim/HB/"
SP = f"/sp-izleme/{YEAR}/H1/"
SP_ENTRY = f"{SP}birim/HB/"
COST = f"HP.1.1/03/butce_ici/{NEXT}"
WAIT = 60_000  # ms: a build on a busy two-core machine
ADMIN = ("yonetici", ADMIN_PASSWORD)


def by_id(element_id: str) -> str:
    """A selector of an id with dots and slashes, which `#…` would misread."""
    return f"[id='{element_id}']"


def act(page: Page, action: str, state: str, reason: str = "") -> None:
    """Press a workflow button of the page (with its reason), and see the state it leaves."""
    form = page.locator(f"form:has(button[value={action}])")
    if reason:
        form.locator("input[name=reason]").fill(reason)
    with page.expect_navigation():
        form.locator(f"button[value={action}]").click()
    assert page.inner_text("#state") == state, page.inner_text("main")


def as_person(page: Page, base: str, person: tuple[str, str], url: str) -> None:
    login(page, base, *person)
    page.goto(f"{base}{url}")


def save(page: Page, said: str) -> None:
    with page.expect_navigation():
        page.click("#save")
    assert said in page.inner_text("main"), page.inner_text("main")


def open_form(page: Page, base: str, form_id: str, fields: dict[str, str]) -> None:
    """Fill and send an opening form of the strategy unit's home page."""
    page.goto(f"{base}/")
    form = page.locator(form_id)
    for name, value in fields.items():
        field = form.locator(f"[name={name}]")
        if name == "half":
            field.select_option(value)
        else:
            field.fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def set_up(page: Page, base: str, browser: Browser) -> dict[str, tuple[str, str]]:
    """The administration of `building`, with what the year's plan monitoring and Activity
    Report need added on the structure pages, its people, and its fourth quarter locked."""
    build(page, base)
    for code, target in (("HG-1", "1.200"), ("HG-2", "40"), ("HG-3", "90")):
        set_target(page, base, code, target)
    add(
        page,
        base,
        "sp-gosterge",
        {
            "code": "PG1.1.1",
            "objective": "H1.1",
            "name": "Bir günde sonuçlanan başvuru sayısı",
            "unit": "Adet",
            "weight": "100",
            "baseline": "10",
            "direction": "increase",
            "sort": "1",
        },
    )
    add(page, base, "sp-hedef", {"indicator": "PG1.1.1", "year": str(YEAR), "target": "20"})
    add(
        page,
        base,
        "belge",
        {"code": f"FR{YEAR}", "kind": "faaliyet-raporu", "year": str(YEAR), "title": ""},
    )
    people = {
        "clerk": ("veri.hb", invite(page, base, browser, "veri.hb", "clerk", "HB")),
        "head": ("amir.hb", invite(page, base, browser, "amir.hb", "head", "HB")),
        "reader": ("okur.ust", invite(page, base, browser, "okur.ust", "reader", "")),
    }
    open_quarter(page, base, 4)
    sign_out(page)
    run_quarter(page, base, people["clerk"], people["head"])
    sign_out(page)
    return people


def preparation(page: Page, base: str, clerk: tuple[str, str], head: tuple[str, str]) -> None:
    login(page, base, *ADMIN)
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    open_form(page, base, "#prep-open-form", {"year": str(NEXT), "deadline": deadline.isoformat()})
    assert page.url == f"{base}{PREP}", page.inner_text("main")
    assert f"{YEAR} programı kopyalandı" in page.inner_text("main")
    assert page.inner_text("[data-unit=HB]") == "Taslak"
    sign_out(page)

    login(page, base, *clerk)
    with page.expect_navigation():
        page.click(f"a[href='{PREP_ENTRY}']")  # the clerk's home page lists the proposal
    assert f"{YEAR} hedef: 1.200" in page.inner_text("#targets tr[data-code='HG-1']")
    proposals = {"HG-1": ("1.250", "1.300", "1.350"), "HG-2": ("42", "44", "46")}
    proposals["HG-3"] = ("91", "92", "93")
    for code, values in proposals.items():
        for offset, value in enumerate(values):
            page.fill(by_id(f"value-{code}/{NEXT + offset}"), value)
    page.fill(by_id(f"value-{COST}"), "2.500.000")
    save(page, "Öneriler kaydedildi.")
    assert page.input_value(by_id(f"value-{COST}")) == "2.500.000"
    act(page, "submit", "Birim amirinin onayında")
    sign_out(page)

    as_person(page, base, head, PREP_ENTRY)
    act(page, "head_approve", "Strateji biriminin onayında")
    sign_out(page)

    as_person(page, base, ADMIN, PREP_ENTRY)
    act(page, "admin_return", "Taslak", "Malzeme maliyeti yüksek; 2 milyonu aşmasın.")
    sign_out(page)

    as_person(page, base, clerk, PREP_ENTRY)
    assert "2 milyonu aşmasın" in page.inner_text("#comment")
    page.fill(by_id(f"value-{COST}"), "2.000.000")
    save(page, "Öneriler kaydedildi.")
    act(page, "submit", "Birim amirinin onayında")
    sign_out(page)

    as_person(page, base, head, PREP_ENTRY)
    act(page, "head_approve", "Strateji biriminin onayında")
    sign_out(page)

    as_person(page, base, ADMIN, PREP_ENTRY)
    act(page, "admin_approve", "Onaylandı ve kilitlendi")
    page.goto(f"{base}{PREP}")
    page.fill(f"input[name=ceiling-{NEXT}]", "2.000.000")
    with page.expect_navigation():
        page.click("#ceiling-form button[type=submit]")
    assert "tavan aşıldı" not in page.inner_text(f"#ceiling-table tr[data-year='{NEXT}']")
    with page.expect_navigation():
        page.click("#lock-button")
    assert "Program kilitlendi." in page.inner_text("main"), page.inner_text("main")
    sign_out(page)


def plan_half_year(page: Page, base: str, clerk: tuple[str, str], head: tuple[str, str]) -> None:
    login(page, base, *ADMIN)
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    fields = {"year": str(YEAR), "half": "H1", "deadline": deadline.isoformat()}
    open_form(page, base, "#sp-open-form", fields)
    assert page.url == f"{base}{SP}", page.inner_text("main")
    assert page.inner_text("[data-unit=HB]") == "Taslak"
    sign_out(page)

    login(page, base, *clerk)
    with page.expect_navigation():
        page.click(f"a[href='{SP_ENTRY}']")  # the clerk's home page lists the half-year
    page.fill(by_id("value-PG1.1.1"), "15")  # (15 − 10) / (20 − 10) = 50 %: a deviation
    save(page, "Hiçbir değer kaydedilmedi.")
    assert page.get_attribute(by_id("exp-PG1.1.1"), "aria-invalid") == "true"
    page.fill(by_id("exp-PG1.1.1"), "Yeni hizmet noktaları yılın ikinci yarısında açılacak.")
    save(page, "Değerler kaydedildi.")
    assert page.inner_text(by_id("perf-PG1.1.1")) == "%50,00"
    act(page, "submit", "Birim amirinin onayında")
    sign_out(page)

    as_person(page, base, head, SP_ENTRY)
    act(page, "head_approve", "Strateji biriminin onayında")
    sign_out(page)

    as_person(page, base, ADMIN, SP_ENTRY)
    act(page, "admin_approve", "Onaylandı ve kilitlendi")
    page.goto(f"{base}{SP}")
    assert page.inner_text("[data-unit=HB]") == "Onaylandı ve kilitlendi"
    row = page.locator("#sp-evaluation tr[data-code='PG1.1.1']")
    assert row.locator("td.actual").inner_text() == "15"


def follow(page: Page) -> list[int]:
    """The bar's values, read from the job page as it polls, until the build is done."""
    seen: list[int] = []
    for _ in range(WAIT // 100):
        try:
            value = int(page.eval_on_selector("#job-progress", "e => e.value"))
            done = page.locator("#publish").count() > 0
        except playwright_api.Error:  # the page reloading itself once the build is done
            page.wait_for_load_state()
            continue
        if not seen or seen[-1] != value:
            seen.append(value)
        if done:
            return seen
        page.wait_for_timeout(100)
    raise AssertionError(f"the build never finished: {seen}")


def documents(page: Page, base: str, reader: tuple[str, str]) -> None:
    """Signed in as the strategy unit: the Activity Report built and published, the audit
    read; then the reader downloads the published version."""
    page.goto(f"{base}/belgeler/?yil={YEAR}")
    with page.expect_navigation():
        page.click("#build-faaliyet-raporu-docx")
    job_url = page.url
    assert re.fullmatch(rf"{base}/belgeler/is/\d+/", job_url)
    assert page.is_visible("#job-progress")
    seen = follow(page)
    assert seen[-1] == 100, seen
    assert any(0 < value < 100 for value in seen), seen  # the bar moved while it built
    assert page.inner_text("#job-percent") == "%100"
    with page.expect_download() as built:
        page.click("#job-download")
    built_bytes = Path(built.value.path()).read_bytes()
    assert built.value.suggested_filename == f"faaliyet-raporu-{YEAR}.docx"

    page.goto(f"{base}/belgeler/?yil={YEAR}")
    with page.expect_navigation():
        page.click("#build-denetim-html")
    page.wait_for_selector("#job-download", timeout=WAIT)
    with page.expect_navigation():
        page.click("#job-download")
    assert f"Denetim raporu — hizmet-idaresi {YEAR}" in page.inner_text("h1")

    page.goto(job_url)
    with page.expect_navigation():
        page.click("#publish")
    assert "sürüm 1 olarak yayımlandı" in page.inner_text("main"), page.inner_text("main")
    version = PublishedVersion.objects.get()
    assert version.sha256 in page.inner_text("#versions")
    sign_out(page)

    login(page, base, *reader)
    page.goto(f"{base}/belgeler/?yil={YEAR}")
    assert page.locator("#builds").count() == 0
    with page.expect_download() as download:
        page.click(f"#version-{version.pk}")
    got = Path(download.value.path()).read_bytes()
    assert hashlib.sha256(got).hexdigest() == version.sha256
    assert got == built_bytes


def test_a_whole_year_on_an_administration_set_up_in_the_browser(
    live_server: LiveServer,
    browser: Browser,
    settings: Settings,
    django_db_blocker: DjangoDbBlocker,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.KARNE_JOB_RUNNER = "thread"
    settings.DATA_DIR = tmp_path
    base = live_server.url
    create_first_administrator(monkeypatch)
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="tr-TR", accept_downloads=True
    )
    page = context.new_page()
    login(page, base, *ADMIN)
    people = set_up(page, base, browser)
    preparation(page, base, people["clerk"], people["head"])
    plan_half_year(page, base, people["clerk"], people["head"])
    # The job's thread opens its own connection, which pytest-django blocks outside the
    # test's thread unless told otherwise.
    with django_db_blocker.unblock():
        documents(page, base, people["reader"])
    context.close()

    cost = ActivityCost.objects.get(
        activity__code="HP.1.1", document__year=NEXT, economic_code="03", year=NEXT
    )
    assert cost.amount == Decimal(2_000_000)
    period = MonitoringPeriod.objects.get(kind="preparation", year=NEXT)
    assert period.locked_at is not None
    assert Submission.objects.get(period=period, unit__code="HB").state == "locked"
    returned = ChangeRecord.objects.filter(username="yonetici", subject="submission")
    assert any("2 milyonu aşmasın" in r.reason for r in returned), list(returned.values())
