"""The building steps of an administration set up in the browser, shared by the browser tests
that start from an empty database (`test_from_empty`, `test_whole_year`).

`karne createadmin` makes the first administrator; the administrator builds a small
administration through the structure pages (two units, a programme with a sub-programme and an
activity, a flow, a stock and a ratio indicator with their targets, a strategic plan with one
objective), invites a clerk and a unit head who set their passwords from their links, and they
run the year's fourth quarter to its lock. Nothing here writes to the database but the pages.
"""

from __future__ import annotations

import datetime
import io
import sys
from typing import TYPE_CHECKING

import pytest
from django.utils import timezone

from tests.browser.chromium import login

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ADMIN_PASSWORD = "ilk-yonetici-parolasi-7"
YEAR = timezone.localdate().year


def sign_out(page: Page) -> None:
    with page.expect_navigation():
        page.click("header button:has-text('Çıkış')")


def add(page: Page, base: str, kind: str, fields: dict[str, str | bool], under: str = "") -> None:
    """Fill a structure page's form for a new record the way a person would, and save it."""
    page.goto(f"{base}/yapi/{kind}/yeni/")
    if under:
        fill(page, "#f-under", under)
    for name, value in fields.items():
        fill(page, f"#f-{name}", value)
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    assert page.locator("#errors").count() == 0, (kind, fields, page.inner_text("#errors"))


def fill(page: Page, selector: str, value: str | bool) -> None:
    tag = page.eval_on_selector(selector, "e => e.tagName + ':' + (e.type || '')")
    if tag == "SELECT:select-one":
        page.select_option(selector, str(value))
    elif tag == "INPUT:checkbox":
        page.set_checked(selector, bool(value))
    else:
        page.fill(selector, str(value))


def build(page: Page, base: str) -> None:
    """Two units, one programme, three indicators, one activity, one SP objective."""
    add(
        page,
        base,
        "birim",
        {
            "code": "PB",
            "name": "Planlama Birimi",
            "location": "central",
            "is_spending_unit": True,
            "sort": "1",
        },
    )
    add(
        page,
        base,
        "birim",
        {
            "code": "HB",
            "name": "Hizmet Birimi",
            "location": "central",
            "is_spending_unit": True,
            "sort": "2",
            "valid_from": str(YEAR),
        },
    )
    add(
        page,
        base,
        "plan",
        {
            "code": f"SP{YEAR}",
            "title": "Stratejik Plan",
            "start_year": str(YEAR),
            "end_year": str(YEAR + 4),
        },
    )
    add(page, base, "amac", {"code": "A1", "title": "Hizmette kalite"}, under=f"SP{YEAR}")
    add(
        page,
        base,
        "hedef",
        {"code": "H1.1", "short_title": "Başvurular hızla sonuçlanır", "responsible_units": "HB"},
        under="A1",
    )
    add(page, base, "program", {"code": "HP", "name": "Hizmet Programı"}, under=str(YEAR))
    add(
        page,
        base,
        "alt-program",
        {"code": "HP.1", "name": "Başvuru Hizmetleri"},
        under=f"{YEAR}/HP",
    )
    add(
        page,
        base,
        "faaliyet",
        {"code": "HP.1.1", "name": "Başvuruların karşılanması", "responsible_unit": "HB"},
        under=f"{YEAR}/HP.1",
    )
    indicators = [
        ("HG-1", "Sonuçlanan başvuru sayısı", "Sayı", "flow"),
        ("HG-2", "Hizmet noktası sayısı", "Adet", "stock"),
        ("HG-3", "Süresinde sonuçlanan başvuru oranı", "%", "ratio"),
    ]
    for order, (code, name, unit, kind) in enumerate(indicators, 1):
        add(
            page,
            base,
            "pp-gosterge",
            {
                "code": code,
                "year": str(YEAR),
                "sub_program": "HP.1",
                "sort": str(order),
                "name": name,
                "unit": unit,
                "kind": kind,
                "direction": "increase",
                "responsible_unit": "HB",
            },
        )


def set_target(page: Page, base: str, code: str, target: str) -> None:
    page.goto(f"{base}/gosterge/{code}/")
    page.fill("input[name=target]", target)
    page.fill("form[action$='/hedef/'] input[name=reason]", f"{YEAR} hedefi")
    with page.expect_navigation():
        page.click("form[action$='/hedef/'] button[type=submit]")
    assert page.inner_text("#target") == target, page.inner_text("main")


def open_quarter(page: Page, base: str, quarter: int) -> None:
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    page.goto(f"{base}/")
    page.fill(
        "#open ~ form input[name=year], form[action$='/donem/ac/'] input[name=year]", str(YEAR)
    )
    page.select_option("form[action$='/donem/ac/'] select[name=quarter]", str(quarter))
    page.fill("form[action$='/donem/ac/'] input[name=deadline]", deadline.isoformat())
    with page.expect_navigation():
        page.click("form[action$='/donem/ac/'] button[type=submit]")
    assert page.locator(".messages .error").count() == 0, page.inner_text("main")


def act(page: Page, action: str, expected_state: str) -> None:
    with page.expect_navigation():
        page.click(f"button[value={action}]")
    assert page.inner_text("#state") == expected_state, page.inner_text("main")


def create_first_administrator(monkeypatch: pytest.MonkeyPatch) -> None:
    """`karne createadmin` on the empty database, the password piped as a script would."""
    from karne.cli.main import main

    monkeypatch.setattr(sys, "stdin", io.StringIO(ADMIN_PASSWORD + "\n"))
    args = ["--administration", "hizmet-idaresi", "--name", "Hizmet İdaresi"]
    assert main(["createadmin", *args, "--username", "yonetici"]) == 0


def invite(page: Page, base: str, browser: Browser, username: str, role: str, unit: str) -> str:
    """The administrator invites; the person sets a password from the link. Their password."""
    page.goto(f"{base}/kullanicilar/")
    page.fill("#id_username", username)
    page.fill("#id_first_name", username.split(".")[0].title())
    page.select_option("#id_role", role)
    if unit:  # a reader reads the whole administration
        page.check(f"input[name=units][value={unit}]")
    with page.expect_navigation():
        page.click("button:has-text('Davet et')")
    link = page.input_value("#link-url")
    password = f"{username}-kendi-parolasi-42"
    person = browser.new_context(viewport={"width": 390, "height": 800}, locale="tr-TR")
    visitor = person.new_page()
    visitor.goto(link)
    visitor.fill("#id_password", password)
    visitor.fill("#id_repeat", password)
    with visitor.expect_navigation():
        visitor.click("button:has-text('Parolayı kaydet')")
    assert visitor.url == f"{base}/giris/", visitor.inner_text("main")
    person.close()
    return password


def run_quarter(page: Page, base: str, clerk: tuple[str, str], head: tuple[str, str]) -> None:
    """The clerk of HB enters the fourth quarter and submits, the head approves, the strategy
    unit (signed in as the administrator) approves and locks; the page is left signed in as the
    administrator on the quarter's overview."""
    entry = f"{base}/donem/{YEAR}/4/birim/HB/"
    login(page, base, *clerk)
    page.goto(entry)
    page.fill("#value-HG-1", "1.150")
    page.fill("#value-HG-2", "41")
    page.fill("#num-HG-3", "870")
    page.fill("#den-HG-3", "1.000")
    for code in ("HG-1", "HG-2", "HG-3"):
        page.fill(f"#exp-{code}", "Yıl sonu değeri; başvurular kayıtlardan sayıldı.")
    with page.expect_navigation():
        page.click("#save")
    assert "Değerler kaydedildi." in page.inner_text("main"), page.inner_text("main")
    act(page, "submit", "Birim amirinin onayında")
    sign_out(page)

    login(page, base, *head)
    page.goto(entry)
    act(page, "head_approve", "Strateji biriminin onayında")
    sign_out(page)

    login(page, base, "yonetici", ADMIN_PASSWORD)
    page.goto(entry)
    act(page, "admin_approve", "Onaylandı ve kilitlendi")
    page.goto(f"{base}/izleme/{YEAR}/4/")
    assert page.inner_text("[data-unit=HB]") == "Onaylandı ve kilitlendi"
