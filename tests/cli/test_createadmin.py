"""`karne createadmin`: the first administrator, on an empty database too; refusals change
nothing and never print the password or a traceback."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from karne.accounts.models import Membership
from karne.cli.main import main
from karne.monitoring.models import ChangeRecord
from karne.organisation.models import Administration

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
GOOD = "uzun-ve-iyi-bir-parola-42"


class Terminal(io.StringIO):
    """Standard input as a terminal: `input()` reads its lines."""

    def isatty(self) -> bool:
        return True


def typed(monkeypatch: pytest.MonkeyPatch, lines: str, passwords: list[str]) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal(lines))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": passwords.pop(0))


def piped(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def nothing() -> tuple[int, int, int, int]:
    return (
        Administration.objects.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
        ChangeRecord.objects.count(),
    )


def test_on_an_empty_database_it_creates_the_administration_and_its_administrator(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, "yeni-idare\nYeni İdare Başkanlığı\nstrateji\n", [GOOD, GOOD])
    assert main(["createadmin"]) == 0
    out, err = capsys.readouterr()
    assert "yeni-idare" in out
    assert GOOD not in out + err
    admin = Administration.objects.get(code="yeni-idare")
    assert admin.name == "Yeni İdare Başkanlığı"
    membership = Membership.objects.get(user__username="strateji")
    assert (membership.administration, membership.role) == (admin, "admin")
    assert membership.user.check_password(GOOD)
    change = ChangeRecord.objects.get()
    assert (change.subject, change.key, change.field, change.new, change.reason) == (
        "user",
        "strateji",
        "invite",
        "admin",
        "karne createadmin",
    )


def test_options_and_a_piped_password_for_scripts(monkeypatch: pytest.MonkeyPatch) -> None:
    piped(monkeypatch, GOOD + "\n")
    options = ["--administration", "idare", "--name", "İdare", "--username", "yonetici"]
    assert main(["createadmin", *options]) == 0
    assert Membership.objects.get(user__username="yonetici").administration.code == "idare"
    piped(monkeypatch, "ikinci-uzun-parola-77\n")
    assert main(["createadmin", "--username", "ikinci"]) == 0  # the one administration
    assert Membership.objects.filter(administration__code="idare", role="admin").count() == 2


@pytest.mark.parametrize(
    ("argv", "stdin", "passwords", "message"),
    [
        (["--username", "a"], "yeni-idare\nAd\n", ["kisa", "kisa"], "too short"),
        (["--username", "a"], "yeni-idare\nAd\n", [GOOD, GOOD + "x"], "differ"),
        (["--username", "a"], "yeni-idare\nAd\n", ["12345678901234", "12345678901234"], "numeric"),
        (["--username", "a"], "Büyük Harf\nAd\n", [GOOD, GOOD], "lower-case"),
        (["--username", "a"], "\n\n", [GOOD, GOOD], "give its code and name"),
    ],
)
def test_refusals_at_a_terminal_change_nothing(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stdin: str,
    passwords: list[str],
    message: str,
) -> None:
    from django.utils import translation

    typed(monkeypatch, stdin, passwords)
    with translation.override("en"):
        assert main(["createadmin", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "nothing was changed" in err
    assert all(p not in err for p in passwords if len(p) > 5)
    assert nothing() == (0, 0, 0, 0)


def test_without_a_terminal_what_is_missing_is_an_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    piped(monkeypatch, "")
    assert main(["createadmin", "--username", "a"]) == 2
    assert "--administration" in capsys.readouterr().err
    piped(monkeypatch, "")
    assert main(["createadmin", "--administration", "i", "--name", "İ", "--username", "a"]) == 2
    assert "no password" in capsys.readouterr().err
    assert nothing() == (0, 0, 0, 0)


def test_an_existing_user_name_or_administration_choice_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    piped(monkeypatch, GOOD + "\n")
    assert main(["createadmin", "--administration", "bir", "--name", "Bir", "--username", "x"]) == 0
    Administration.objects.create(code="iki", name="İki")
    before = nothing()
    piped(monkeypatch, GOOD + "\n")
    assert main(["createadmin", "--administration", "bir", "--username", "X"]) == 2
    assert "zaten var" in capsys.readouterr().err  # the same name in another case
    piped(monkeypatch, GOOD + "\n")
    assert main(["createadmin", "--username", "y"]) == 2
    assert "bir, iki" in capsys.readouterr().err  # several: pick one
    piped(monkeypatch, GOOD + "\n")
    assert main(["createadmin", "--administration", "uc", "--username", "y"]) == 2
    assert "no administration 'uc'" in capsys.readouterr().err
    assert nothing() == before
    piped(monkeypatch, GOOD + "\n")
    assert main(["createadmin", "--administration", "iki", "--username", "y"]) == 0


def test_as_a_real_command_on_a_fresh_database_file(tmp_path: Path) -> None:
    """A new machine: no database yet; it is migrated, and a missing password is an error."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "KARNE_DATA_DIR": str(tmp_path),
    }
    for name in ("DJANGO_SETTINGS_MODULE", "KARNE_DATABASE_URL", "KARNE_DATABASE_URL_FILE"):
        env.pop(name, None)
    command = [sys.executable, "-m", "karne.cli.main", "createadmin"]
    options = ["--administration", "idare", "--name", "İdare", "--username", "strateji"]
    missing = subprocess.run(
        [*command, *options], env=env, cwd=tmp_path, input="", capture_output=True, text=True
    )
    assert missing.returncode == 2
    assert "no password" in missing.stderr
    assert "Traceback" not in missing.stderr
    done = subprocess.run(
        [*command, *options],
        env=env,
        cwd=tmp_path,
        input=GOOD + "\n",
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert GOOD not in done.stdout + done.stderr
    assert (tmp_path / "karne.sqlite3").is_file()
