"""The command line's database: Django set up, the schema migrated, the demo database.

A leaf of `karne.cli`: every command that needs the database comes here, so that no command
module imports another (or the entry point) for it. Django is imported inside the functions:
`main` must read the arguments, and `demo` point the settings at its own database, first.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

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


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()


def migrate() -> None:
    """Create the database's folder and bring its schema up to date (Django must be set up)."""
    from django.conf import settings
    from django.core.management import call_command

    Path(str(settings.DATABASES["default"]["NAME"])).parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0, interactive=False)


def reset_demo_database() -> bool:
    """Delete the demo database (never another one), if these settings allow demo mode."""
    from django.conf import settings

    if not getattr(settings, "KARNE_DEMO_ALLOWED", False):
        print("karne: demo mode is not allowed with these settings.", file=sys.stderr)
        return False
    demo_db = Path(str(settings.DATABASES["default"]["NAME"]))
    if demo_db.name != DEMO_DATABASE:
        return False
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{demo_db}{suffix}").unlink(missing_ok=True)
    return True


def stored_dataset(command: str, administration: str | None) -> Dataset | None:
    """The database's dataset (migrated first), or None after saying why there is none."""
    from karne.datasets.selectors import AdministrationNotFound, dataset_read

    migrate()
    try:
        return dataset_read(administration=administration)
    except AdministrationNotFound as exc:
        print(f"karne {command}: {exc}", file=sys.stderr)
        return None
