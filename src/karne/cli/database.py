"""The command line's database: Django set up, the schema migrated, the demo database.

A leaf of `karne.cli`: every command that needs the database comes here, so that no command
module imports another (or the entry point) for it. Django is imported inside the functions:
`main` must read the arguments, and `demo` point the settings at its own database, first.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from karne.core.records import Dataset

REFERENCE_DATASET = "goc-idaresi-2023"
DEMO_DATABASE = "demo.sqlite3"


def reference_dataset_path() -> Path:
    """The reference dataset shipped inside the package."""
    return Path(__file__).resolve().parent.parent / "data" / REFERENCE_DATASET


def use_demo_database() -> None:
    """Point the settings at the demo database; it is emptied later, once demo is allowed."""
    from config.env import env_path

    data_dir = env_path("KARNE_DATA_DIR", Path.cwd() / "var")
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["KARNE_DB_PATH"] = str(data_dir / DEMO_DATABASE)
    # The demo is always the embedded file: it never empties a configured database server.
    os.environ.pop("KARNE_DATABASE_URL", None)
    os.environ.pop("KARNE_DATABASE_URL_FILE", None)


T = TypeVar("T")
SQLITE_HEADER = b"SQLite format 3\x00"
LOCK_WAIT_SECONDS = 60


class DatabaseUnusable(Exception):
    """The configured database cannot be used; the message says why and what to do."""


def check_database_file() -> None:
    """Refuse an embedded database file that cannot work, before Django touches it: a folder
    that does not exist (a typo in KARNE_DB_PATH is not silently created), a file that is not a
    SQLite database, a file or folder this user may not write."""
    if os.environ.get("KARNE_DATABASE_URL") or os.environ.get("KARNE_DATABASE_URL_FILE"):
        return
    explicit = os.environ.get("KARNE_DB_PATH")
    from config.env import env_path

    path = env_path(
        "KARNE_DB_PATH", env_path("KARNE_DATA_DIR", Path.cwd() / "var") / "karne.sqlite3"
    )
    folder = path.parent
    if explicit and not folder.is_dir():
        raise DatabaseUnusable(
            f"{folder} yok / does not exist (KARNE_DB_PATH={explicit}); create it or fix the path"
        )
    if path.is_dir():
        raise DatabaseUnusable(f"{path} bir klasör / is a folder, not a database file")
    if path.is_file():
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
        if head and head != SQLITE_HEADER:
            raise DatabaseUnusable(f"{path} bir SQLite veritabanı değil / is not a SQLite database")
        if not os.access(path, os.W_OK):
            raise DatabaseUnusable(f"{path}: yazma izni yok / this user may not write it")
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseUnusable(f"{folder}: yazma izni yok / this user may not write in it")


def when_unlocked(action: Callable[[], T]) -> T:
    """Run a database write; while another process holds SQLite's write lock, say so once and
    keep trying for a while, then give up with a clear error (never a traceback)."""
    from django.db import OperationalError

    started = time.monotonic()
    told = False
    while True:
        try:
            return action()
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            if time.monotonic() - started > LOCK_WAIT_SECONDS:
                raise DatabaseUnusable(
                    f"veritabanı {LOCK_WAIT_SECONDS} saniyedir başka bir işlemin kilidinde / "
                    f"another process has held the database for {LOCK_WAIT_SECONDS} s; "
                    "try again when it has finished"
                ) from None
            if not told:
                print(
                    "karne: veritabanı başka bir işlemde; bekleniyor… / "
                    "the database is busy with another process; waiting…",
                    file=sys.stderr,
                    flush=True,
                )
                told = True
            time.sleep(0.5)


@contextmanager
def _migration_lock() -> Iterator[None]:
    """One migration at a time: two first runs racing must not both create the tables."""
    from django.conf import settings
    from django.db import connection

    database = settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_LOCK_KEY])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_LOCK_KEY])
        return
    name = str(database["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        # An in-memory database (the tests') belongs to one process: nothing to race with.
        yield
        return
    lock_file = Path(f"{name}.migrate-lock")
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_LOCK_KEY = 0x6B61726E65  # "karne"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()


def migrate() -> None:
    """Create the database's folder and bring its schema up to date (Django must be set up)."""
    from django.conf import settings
    from django.core.management import call_command

    database = settings.DATABASES["default"]
    if str(database["ENGINE"]).endswith("sqlite3"):
        Path(str(database["NAME"])).parent.mkdir(parents=True, exist_ok=True)
    with _migration_lock():
        when_unlocked(lambda: call_command("migrate", verbosity=0, interactive=False))
        when_unlocked(lambda: call_command("createcachetable", verbosity=0))


def reset_demo_database() -> bool:
    """Delete the demo database (never another one), if these settings allow demo mode."""
    from django.conf import settings

    if not getattr(settings, "KARNE_DEMO_ALLOWED", False):
        print("karne: demo mode is not allowed with these settings.", file=sys.stderr)
        return False
    demo_db = Path(str(settings.DATABASES["default"]["NAME"]))
    if demo_db.name != DEMO_DATABASE:
        print(f"karne: {demo_db} is not the demo database; nothing was deleted.", file=sys.stderr)
        return False
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{demo_db}{suffix}").unlink(missing_ok=True)
    return True


def stored_dataset(
    command: str, administration: str | None, *, tables: Collection[str] | None = None
) -> Dataset | None:
    """The database's dataset (migrated first), or None after saying why there is none.
    `tables` as for `dataset_read` (`()`: the structure only)."""
    from karne.datasets.selectors import AdministrationNotFound, dataset_read

    migrate()
    try:
        return dataset_read(administration=administration, tables=tables)
    except AdministrationNotFound as exc:
        print(f"karne {command}: {exc}", file=sys.stderr)
        if "no administration" in str(exc):
            print(_empty_database_hint(), file=sys.stderr)
        return None


def _empty_database_hint() -> str:
    """What to do when the database is empty: load a dataset, or read the demo's database."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    lines = [
        "  Bir veri seti yükleyin / load a dataset first: karne load DIR "
        f"(for instance the reference dataset: karne load {reference_dataset_path()})"
    ]
    if str(database["ENGINE"]).endswith("sqlite3"):
        demo = Path(str(database["NAME"])).with_name(DEMO_DATABASE)
        if demo.is_file() and Path(str(database["NAME"])) != demo:
            lines.append(
                "  `karne demo` kendi veritabanını kullanır / the demo has its own database: "
                f"KARNE_DB_PATH={demo} karne …"
            )
    return "\n".join(lines)
