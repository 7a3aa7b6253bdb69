"""The optional TOTP second factor, driven with real codes computed from the device's key."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from karne.monitoring.models import ChangeRecord, MonitoringPeriod
from tests.web.conftest import PASSWORD


def code(device: TOTPDevice, ahead: int = 0) -> str:
    """The code the app shows now (`ahead` steps later: a fresh code within the tolerance)."""
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + ahead)
    return f"{value:0{device.digits}d}"


def device_of(username: str) -> TOTPDevice:
    return TOTPDevice.objects.get(user__username=username)


def sign_in(username: str) -> Client:
    client = Client()
    answer = client.post("/giris/", {"username": username, "password": PASSWORD})
    assert answer.status_code == 302
    return client


def app_secret(page: str) -> bytes:
    """The secret of the otpauth URI the enrolment page gives an authenticator app."""
    found = re.search(r'value="otpauth://totp/[^"]*[?&amp;]secret=([A-Z2-7]+)', page)
    assert found is not None
    return base64.b32decode(found.group(1) + "=" * (-len(found.group(1)) % 8))


def app_code(page: str) -> str:
    """The code an authenticator app shows for that secret now."""
    return f"{totp(app_secret(page), 30, 0, 6, 0):06d}"


def enrol(client: Client, username: str) -> TOTPDevice:
    page = client.get("/hesap/iki-adim/").content.decode()
    assert re.search(r'id="uri" readonly class="wide" value="otpauth://totp/', page)
    assert not TOTPDevice.objects.filter(user__username=username).exists()  # a look writes nothing
    again = client.get("/hesap/iki-adim/").content.decode()
    assert app_secret(again) == app_secret(page)  # the same secret until it is confirmed
    assert client.post("/hesap/iki-adim/", {"code": app_code(page)}).status_code == 302
    device = device_of(username)
    assert device.confirmed
    return device


@pytest.mark.usefixtures("site")
@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_enrol_then_sign_in_asks_for_the_code() -> None:
    client = sign_in("okur")
    assert "Kapalı." in client.get("/hesap/").content.decode()
    before = ChangeRecord.objects.count()
    refused = client.post("/hesap/iki-adim/", {"code": "000000"})
    assert refused.status_code == 400
    assert 'aria-invalid="true" aria-describedby="error-code"' in refused.content.decode()
    assert not TOTPDevice.objects.filter(user__username="okur").exists()
    device = enrol(client, "okur")
    assert ChangeRecord.objects.count() == before + 1
    change = ChangeRecord.objects.order_by("pk").last()
    assert change is not None
    assert (change.subject, change.key, change.field, change.new) == (
        "user",
        "okur",
        "totp",
        "enrolled",
    )
    assert client.get("/").status_code == 200  # the enrolling session counts as verified

    again = sign_in("okur")  # the password alone is not enough now
    home = again.get("/")
    assert home.status_code == 302
    assert home["Location"].startswith("/giris/kod/")
    assert again.get("/izleme/2023/1/")["Location"].startswith("/giris/kod/")
    assert again.get("/degisiklikler.csv").status_code == 302
    wrong = again.post("/giris/kod/", {"code": "123456", "next": "/izleme/2023/1/"})
    assert wrong.status_code == 400
    assert "Kod doğru değil" in wrong.content.decode()
    fresh = code(device, ahead=1)
    right = again.post("/giris/kod/", {"code": fresh, "next": "/izleme/2023/1/"})
    assert right.status_code == 302
    assert right["Location"] == "/izleme/2023/1/"
    assert again.get("/").status_code == 200
    replay = sign_in("okur")
    used = replay.post("/giris/kod/", {"code": fresh})
    assert used.status_code == 400  # a code works once


@pytest.mark.usefixtures("site")
def test_the_code_page_sends_elsewhere_to_home_and_needs_a_sign_in() -> None:
    client = sign_in("okur")
    answer = client.post("/giris/kod/", {"code": "1", "next": "https://example.org/"})
    assert answer["Location"] == "/"  # no device: nothing to verify; no open redirect
    assert Client().get("/giris/kod/")["Location"].startswith("/giris/")


def test_a_required_role_must_enrol_before_anything_else(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    admin = as_user("strateji")
    page = admin.get("/kullanicilar/").content.decode()
    assert 'name="roles" value="clerk"' in page
    assert admin.post("/kullanicilar/iki-adim/", {"roles": ["clerk", "head"]}).status_code == 302
    rows = ChangeRecord.objects.filter(subject="totp").order_by("pk")
    assert list(rows.values_list("key", "field", "old", "new")) == [
        ("head", "required", "False", "True"),
        ("clerk", "required", "False", "True"),
    ]
    clerk = sign_in("veri.ygm")
    for url in ("/", "/donem/2023/1/birim/YGM/", "/hesap/", "/degisiklikler.csv"):
        answer = clerk.get(url)
        assert answer.status_code == 302, url
        assert answer["Location"].startswith("/hesap/iki-adim/"), url
    blocked = clerk.post("/donem/2023/1/birim/YGM/", {"value-GYH-01": "1", "ver-GYH-01": "0"})
    assert blocked["Location"].startswith("/hesap/iki-adim/")
    enrol_page = clerk.get("/hesap/iki-adim/").content.decode()
    assert "zorunlu" in enrol_page
    enrol(clerk, "veri.ygm")
    assert clerk.get("/donem/2023/1/birim/YGM/").status_code == 200
    reader = sign_in("okur")  # not a required role
    assert reader.get("/").status_code == 200
    admin.post("/kullanicilar/iki-adim/", {"roles": ["head"]})
    assert ChangeRecord.objects.filter(subject="totp").count() == 3


@pytest.mark.usefixtures("site")
def test_only_the_administrator_sets_the_requirement() -> None:
    client = Client()
    client.force_login(get_user_model().objects.get(username="amir.ygm"))
    assert client.post("/kullanicilar/iki-adim/", {"roles": ["reader"]}).status_code == 403
    assert not ChangeRecord.objects.filter(subject="totp").exists()


@pytest.mark.usefixtures("site")
def test_the_pages_speak_english() -> None:
    client = sign_in("okur")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Two-step verification" in client.get("/hesap/").content.decode()
    assert "six-digit code" in client.get("/hesap/iki-adim/").content.decode()


@pytest.mark.usefixtures("site")
@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_the_administrator_removes_a_lost_phone_and_the_person_signs_in_again() -> None:
    enrol(sign_in("okur"), "okur")
    assert sign_in("okur").get("/")["Location"].startswith("/giris/kod/")
    admin = sign_in("strateji")
    answer = admin.post("/kullanicilar/kisi/okur/iki-adim-sifirla/", follow=True)
    assert "iki adımlı doğrulama cihazı kaldırıldı" in answer.content.decode()
    assert not TOTPDevice.objects.filter(user__username="okur").exists()
    change = ChangeRecord.objects.order_by("pk").last()
    assert change is not None
    assert (change.username, change.key, change.field, change.old, change.new) == (
        "strateji",
        "okur",
        "totp",
        "enrolled",
        "removed",
    )
    assert sign_in("okur").get("/").status_code == 200  # the password alone again
    before = ChangeRecord.objects.count()
    again = admin.post("/kullanicilar/kisi/okur/iki-adim-sifirla/", follow=True)
    assert "cihazı yoktu" in again.content.decode()
    assert ChangeRecord.objects.count() == before  # nothing removed, nothing trailed


@pytest.mark.usefixtures("site")
@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_a_person_turns_the_second_factor_off_unless_the_role_requires_it() -> None:
    client = sign_in("okur")
    enrol(client, "okur")
    account = client.get("/hesap/").content.decode()
    assert "İki adımlı doğrulamayı kapat" in account
    client.post("/hesap/iki-adim/kapat/")
    assert not TOTPDevice.objects.filter(user__username="okur").exists()
    change = ChangeRecord.objects.order_by("pk").last()
    assert change is not None
    assert (change.username, change.field, change.old, change.new) == (
        "okur",
        "totp",
        "enrolled",
        "removed",
    )
    assert sign_in("okur").get("/").status_code == 200  # the password alone again

    admin = sign_in("strateji")
    admin.post("/kullanicilar/iki-adim/", {"roles": "reader"})
    required = sign_in("okur")
    device = enrol(required, "okur")
    assert "İki adımlı doğrulamayı kapat" not in required.get("/hesap/").content.decode()
    before = ChangeRecord.objects.count()
    refused = required.post("/hesap/iki-adim/kapat/", follow=True).content.decode()
    assert "Rolünüz için iki adımlı doğrulama zorunlu" in refused
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()
    assert ChangeRecord.objects.count() == before
