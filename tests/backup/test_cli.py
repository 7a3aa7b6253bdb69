"""`karne backup` and `karne restore` as a user runs them: a second database, real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from karne.cli.main import main
from tests.backup.conftest import content, manifest
from tests.backup.test_services import broken, carried_rows

pytestmark = pytest.mark.django_db


def karne(*args: str, database: Path, url: str | None = None) -> subprocess.CompletedProcess[str]:
    """`karne` on a SQLite file, or on the database a URL names."""
    env = {**os.environ, "KARNE_DB_PATH": str(database), "KARNE_DATA_DIR": str(database.parent)}
    for name in ("DJANGO_SETTINGS_MODULE", "KARNE_DATABASE_URL", "KARNE_DATABASE_URL_FILE"):
        env.pop(name, None)
    if url:
        env["KARNE_DATABASE_URL"] = url
    command = [str(Path(sys.executable).with_name("karne")), *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


SERVER = os.environ.get("KARNE_DATABASE_URL", "")


@pytest.mark.skipif(
    not SERVER.startswith("postgres"), reason="needs PostgreSQL (make test's second pass)"
)
def test_an_administration_moves_from_sqlite_to_postgresql_and_back(
    backup_file: Path, tmp_path: Path
) -> None:
    import psycopg

    embedded = tmp_path / "gomulu.sqlite3"
    assert karne("restore", str(backup_file), database=embedded).returncode == 0
    from_sqlite = tmp_path / "from-sqlite.zip"
    assert karne("backup", str(from_sqlite), database=embedded).returncode == 0
    name = f"karne_move_{os.getpid()}"
    with psycopg.connect(SERVER, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")
    target = SERVER.rsplit("/", 1)[0] + "/" + name
    restored = karne("restore", str(from_sqlite), database=embedded, url=target)
    assert restored.returncode == 0, restored.stderr
    from_postgres = tmp_path / "from-postgres.zip"
    assert karne("backup", str(from_postgres), database=embedded, url=target).returncode == 0
    assert content(from_postgres) == content(from_sqlite) == content(backup_file)
    assert manifest(from_postgres).database_vendor == "postgresql"


def test_restore_into_a_new_database_and_back_up_again(backup_file: Path, tmp_path: Path) -> None:
    second = tmp_path / "ikinci.sqlite3"
    restored = karne("restore", str(backup_file), database=second)
    assert restored.returncode == 0, restored.stderr
    assert "restored" in restored.stdout
    again = tmp_path / "again.zip"
    written = karne("backup", str(again), database=second)
    assert written.returncode == 0, written.stderr
    assert content(again) == content(backup_file)
    assert manifest(again).content_sha256 in written.stdout
    for output in (restored, written):
        assert "md5$" not in output.stdout + output.stderr  # no hash is ever printed
    refused = karne("restore", str(again), database=second)
    assert refused.returncode == 3
    assert "not empty" in refused.stderr
    assert "nothing was changed" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert karne("backup", str(tmp_path / "third.zip"), database=second).returncode == 0
    assert content(tmp_path / "third.zip") == content(backup_file)


def test_a_refused_file_leaves_no_database_behind(backup_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "yeni.sqlite3"
    refused = karne("restore", str(broken(backup_file, tmp_path, "checksum")), database=target)
    assert refused.returncode == 2
    assert "SHA-256" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not target.exists()


@pytest.mark.parametrize("change", ["checksum", "newer", "damaged", "not-a-zip", "row"])
def test_restore_refuses_a_bad_file_with_a_message(
    backup_file: Path, tmp_path: Path, change: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["restore", str(broken(backup_file, tmp_path, change))]) == 2
    captured = capsys.readouterr()
    assert "restore refused, nothing was changed" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""
    assert carried_rows() == dict.fromkeys(carried_rows(), 0)


def test_restore_of_a_missing_file_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["restore", str(tmp_path / "yok.zip")]) == 2
    assert "cannot be read" in capsys.readouterr().err


def test_backup_into_a_missing_folder_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", str(tmp_path / "yok" / "yedek.zip")]) == 2
    assert "cannot be written" in capsys.readouterr().err
