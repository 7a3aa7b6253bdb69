"""The people pages in a real browser at 390 px: the administrator invites a clerk, the clerk
sets a password with the link and signs in; every page fits the screen, in Turkish and English.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.chromium import MARKS, login

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer


pytestmark = MARKS
NEW_PASSWORD = "tarayicida-yeni-parola-7"


def fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


@pytest.mark.usefixtures("site")
def test_invite_set_password_and_sign_in_on_a_phone(
    live_server: LiveServer, browser: Browser, tmp_path: Path
) -> None:
    base = live_server.url
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="tr-TR")
    page = context.new_page()
    login(page, base, "strateji")
    page.click("header summary:has-text('Diğer')")  # the bar's menu of less-used links
    with page.expect_navigation():
        page.click("nav a:has-text('Kullanıcılar')")
    fits(page)
    with page.expect_navigation():
        page.click("button:has-text('Davet et')")  # empty: refused, field by field
    assert page.get_attribute("#id_username", "aria-invalid") == "true"
    assert page.get_attribute("#id_units", "aria-invalid") == "true"
    fits(page)
    page.fill("#id_username", "yeni.veri")
    page.fill("#id_first_name", "Yeni")
    page.select_option("#id_role", "clerk")
    page.check("input[name=units][value=YGM]")
    with page.expect_navigation():
        page.click("button:has-text('Davet et')")
    fits(page)
    link = page.input_value("#link-url")
    page.screenshot(path=str(tmp_path / "user.png"), full_page=True)

    person = browser.new_context(viewport={"width": 390, "height": 800}, locale="tr-TR")
    visitor = person.new_page()
    visitor.goto(link)
    fits(visitor)
    visitor.fill("#id_password", NEW_PASSWORD)
    visitor.fill("#id_repeat", NEW_PASSWORD)
    with visitor.expect_navigation():
        visitor.click("button:has-text('Parolayı kaydet')")
    assert visitor.url == f"{base}/giris/"
    visitor.fill("#id_username", "yeni.veri")
    visitor.fill("#id_password", NEW_PASSWORD)
    with visitor.expect_navigation():
        visitor.click("button:has-text('Giriş yap')")
    assert visitor.url == f"{base}/"
    visitor.goto(f"{base}/hesap/iki-adim/")
    fits(visitor)
    visitor.goto(link)
    assert "Bu bağlantı artık geçerli değil" in visitor.inner_text("main")

    page.goto(f"{base}/kullanicilar/")
    page.select_option("#language", "en")
    with page.expect_navigation():
        page.click("header form.lang button")
    assert "Invite a user" in page.inner_text("main")
    fits(page)
