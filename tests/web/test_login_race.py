"""Defect 14: the failure count was read and then set, so parallel wrong passwords overran it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from tests.web import login_race
from tests.web.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def test_parallel_wrong_passwords_check_exactly_the_limit(tmp_path: Path) -> None:
    """Thirty threads, each with its own database connection, post a wrong password at once:
    exactly the limit's number of passwords is checked; every other request is told it is
    locked (429)."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "KARNE_DATA_DIR": str(tmp_path),
    }
    env.pop("KARNE_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "tests.web.login_race", str(tmp_path / "race.sqlite3")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    limit, parallel = login_race.LIMIT, login_race.PARALLEL
    assert (result["checks"], result["statuses"]) == (
        limit,
        [200] * limit + [429] * (parallel - limit),
    ), done.stderr
    assert result["statuses"] == [200] * limit + [429] * (parallel - limit)


@pytest.mark.usefixtures("site")
@override_settings(KARNE_LOGIN_MAX_FAILURES=2, KARNE_LOGIN_LOCK_SECONDS=300)
def test_a_failure_keeps_the_name_and_the_lock_says_how_long() -> None:
    client = Client()
    first = client.post("/giris/", {"username": "Okur", "password": "yanlis"})
    assert first.status_code == 200
    assert 'value="Okur"' in first.content.decode()  # the user name stays filled
    assert client.post("/giris/", {"username": "OKUR", "password": "yanlis"}).status_code == 200
    locked = client.post("/giris/", {"username": "okur", "password": PASSWORD})
    assert locked.status_code == 429  # the same name in another case is the same name
    assert "5 dakika kapalı" in locked.content.decode()


@pytest.mark.usefixtures("site")
@override_settings(KARNE_LOGIN_MAX_FAILURES=2)
def test_a_success_clears_the_count() -> None:
    client = Client()
    assert client.post("/giris/", {"username": "okur", "password": "yanlis"}).status_code == 200
    assert client.post("/giris/", {"username": "okur", "password": PASSWORD}).status_code == 302
    client.post("/cikis/")
    assert client.post("/giris/", {"username": "okur", "password": "yanlis"}).status_code == 200
    assert client.post("/giris/", {"username": "okur", "password": PASSWORD}).status_code == 302


@pytest.mark.usefixtures("site")
@override_settings(KARNE_LOGIN_MAX_FAILURES=1, KARNE_LOGIN_LOCK_SECONDS=1)
def test_the_lock_ends_with_its_window() -> None:
    import time

    client = Client()
    assert client.post("/giris/", {"username": "okur", "password": "yanlis"}).status_code == 200
    assert client.post("/giris/", {"username": "okur", "password": PASSWORD}).status_code == 429
    time.sleep(1.1)
    assert client.post("/giris/", {"username": "okur", "password": PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_windows_that_ended_long_ago_are_forgotten() -> None:
    import datetime

    from django.utils import timezone

    from karne.accounts.models import LoginAttempts
    from karne.accounts.throttle import attempt_reserve

    long_ago = timezone.now() - datetime.timedelta(hours=2)
    LoginAttempts.objects.create(client="10.0.0.9", username="eski", count=5, until=long_ago)
    recent = timezone.now() - datetime.timedelta(minutes=5)
    LoginAttempts.objects.create(client="10.0.0.9", username="yakin", count=5, until=recent)
    assert attempt_reserve("10.0.0.8", "okur", limit=5, seconds=60) == 0
    assert set(LoginAttempts.objects.values_list("username", flat=True)) == {"yakin", "okur"}
