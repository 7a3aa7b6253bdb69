"""Django setup and the demo database (`karne.cli.database`)."""

from __future__ import annotations

from pytest_django.fixtures import Settings


def test_demo_mode_is_refused_where_settings_forbid_it(settings: Settings) -> None:
    from karne.cli.database import reset_demo_database

    settings.KARNE_DEMO_ALLOWED = False
    assert reset_demo_database() is False


# --- faults of the database are messages, as the `karne` command shows them -----------------

import os  # noqa: E402
import sqlite3  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

KARNE = Path(sys.executable).with_name("karne")


def karne(*args: str, db: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KARNE_DB_PATH": str(db)}
    for name in ("DJANGO_SETTINGS_MODULE", "KARNE_DATABASE_URL", "KARNE_DATABASE_URL_FILE"):
        env.pop(name, None)
    return subprocess.run(
        [str(KARNE), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=180
    )


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.write_text("not a database"), "is not a SQLite database"),
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: None, "does not exist"),
    ],
)
def test_an_unusable_database_file_is_a_message(
    tmp_path: Path, make: object, says: str, reference_path: Path
) -> None:
    db = tmp_path / "x.sqlite3" if says != "does not exist" else tmp_path / "missing" / "x.db"
    make(db)  # type: ignore[operator]
    done = karne("load", str(reference_path), db=db, cwd=tmp_path)
    assert done.returncode == 5
    assert says in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "missing").exists()  # a mistyped folder is not created


def test_two_first_loads_racing_both_end_cleanly(tmp_path: Path, reference_path: Path) -> None:
    db = tmp_path / "race.sqlite3"
    env = {**os.environ, "KARNE_DB_PATH": str(db)}
    for name in ("DJANGO_SETTINGS_MODULE", "KARNE_DATABASE_URL", "KARNE_DATABASE_URL_FILE"):
        env.pop(name, None)
    runs = [
        subprocess.Popen(
            [str(KARNE), "load", str(reference_path)],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [(p.wait(timeout=180), p.communicate()[1]) for p in runs]
    assert sorted(code for code, _ in results) == [0, 3]  # one loads, one says it is loaded
    assert all("Traceback" not in err for _, err in results)


def test_a_locked_database_is_waited_for_with_a_message(
    tmp_path: Path, reference_path: Path
) -> None:
    db = tmp_path / "busy.sqlite3"
    assert karne("evaluate", "--year", "2023", db=db, cwd=tmp_path).returncode == 3  # migrated
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another process's write transaction
    release = threading.Timer(8.0, lambda: holder.execute("COMMIT"))
    release.start()
    started = time.monotonic()
    try:
        done = karne("load", str(reference_path), db=db, cwd=tmp_path)
    finally:
        release.join()
        holder.close()
    assert done.returncode == 0, done.stderr
    assert "the database is busy with another process; waiting" in done.stderr
    assert time.monotonic() - started >= 8.0  # it waited for the lock, it did not fail
