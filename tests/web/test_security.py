from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from tests.web.conftest import PASSWORD


@pytest.mark.usefixtures("site")
@override_settings(KARNE_LOGIN_MAX_FAILURES=3)
def test_login_is_throttled() -> None:
    client = Client()
    for _ in range(3):
        assert client.post("/giris/", {"username": "okur", "password": "yanlis"}).status_code == 200
    locked = client.post("/giris/", {"username": "okur", "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    page = locked.content.decode()
    assert "15 dakika kapalı" in page  # says for how long (KARNE_LOGIN_LOCK_SECONDS = 900)
    assert 'value="okur"' in page  # the user name is kept
    other = Client().post("/giris/", {"username": "strateji", "password": PASSWORD})
    assert other.status_code == 302


@pytest.mark.django_db
def test_passwords_are_hashed_with_scrypt() -> None:
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("ScryptPasswordHasher")
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        user = get_user_model().objects.create_user(username="h", password="uzun-bir-parola-1")
        assert user.password.startswith("scrypt$")
        assert user.check_password("uzun-bir-parola-1")


@pytest.mark.usefixtures("site")
def test_forms_need_the_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="veri.ygm"))
    response = client.post("/donem/2023/1/birim/YGM/", {"value-GYH-01": "1"})
    assert response.status_code == 403


def test_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "KARNE_SECRET_KEY": "k" * 20 + "x9-Q" * 10,
        "KARNE_ALLOWED_HOSTS": "karne.example.org",
        "KARNE_DATA_DIR": str(tmp_path),
    }
    admin = Path(sys.executable).with_name("django-admin")
    done = subprocess.run(
        [str(admin), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_production_refuses_a_missing_secret(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KARNE_SECRET")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "KARNE_ALLOWED_HOSTS": "karne.example.org",
        "KARNE_DATA_DIR": str(tmp_path),
    }
    admin = Path(sys.executable).with_name("django-admin")
    done = subprocess.run(
        [str(admin), "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0
    assert "KARNE_SECRET_KEY" in done.stderr


@pytest.mark.usefixtures("site")
def test_pages_do_not_write_the_session_but_it_still_slides(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A signed-in page is not a database write; the session is renewed once a minute."""
    from django.contrib.sessions.models import Session
    from django.test import Client

    import karne.web.sessions as sliding

    client = Client()
    client.force_login(get_user_model().objects.get(username="veri.ygm"))
    key = client.session.session_key
    first = Session.objects.get(session_key=key).expire_date
    now = [time.time()]
    monkeypatch.setattr(sliding, "_now", lambda: now[0])
    assert client.get("/").status_code == 200  # the first page marks the refresh time
    marked = Session.objects.get(session_key=key).expire_date
    assert marked >= first
    now[0] += 30
    assert client.get("/").status_code == 200
    assert Session.objects.get(session_key=key).expire_date == marked  # no write within a minute
    now[0] += 61
    assert client.get("/").status_code == 200
    assert Session.objects.get(session_key=key).expire_date > marked  # renewed after it


@pytest.mark.usefixtures("site")
def test_pages_carry_a_content_security_policy_and_private_pages_are_not_stored() -> None:
    from karne.web.headers import POLICY

    anonymous = Client().get("/saglik/")
    assert anonymous["Content-Security-Policy"] == POLICY
    assert "script-src 'self'" in POLICY
    assert "no-store" not in anonymous.get("Cache-Control", "")  # public: may be cached
    client = Client()
    client.force_login(get_user_model().objects.get(username="veri.ygm"))
    for url in (
        "/",
        "/donem/2023/1/birim/YGM/",
        "/gosterge/GYH-01/",
        "/gosterge/GYH-01/gecmis.csv",
    ):
        response = client.get(url)
        assert response["Cache-Control"] == "no-store", url
        assert response["Content-Security-Policy"] == POLICY, url
