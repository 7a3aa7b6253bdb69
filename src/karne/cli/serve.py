"""`karne serve`: the web application on the embedded database, behind a production server.

With `--demo` (refused where the settings forbid it), a fresh demo database is filled with the
reference dataset, a monitoring period is opened and one user per role is created; their
credentials are printed.
"""

from __future__ import annotations

import datetime
import os
import shutil
import sys
from pathlib import Path

from config.settings.base import DEVELOPMENT_KEY
from django.conf import settings
from django.utils import timezone

from karne.cli.commands import load
from karne.cli.database import migrate, reset_demo_database


def serve(
    *,
    host: str,
    port: int,
    workers: int,
    demo: bool,
    reference: Path,
    threads: int = 1,
    timeout: int = 60,
) -> int:
    loopback = host in {"127.0.0.1", "localhost", "::1"}
    if not loopback and settings.SECRET_KEY == DEVELOPMENT_KEY:
        print(
            "karne serve: refusing to listen beyond this machine with the development secret "
            "key; set KARNE_SECRET_KEY (and use config.settings.production).",
            file=sys.stderr,
        )
        return 2
    if demo:
        if not reset_demo_database():
            return 2
        status = load(reference, replace=False)
        if status != 0:
            return status
        _demo_setup()
    else:
        migrate()
    gunicorn = shutil.which("gunicorn") or str(Path(sys.executable).with_name("gunicorn"))
    command = [
        gunicorn,
        "config.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--timeout",
        str(timeout),
        "--graceful-timeout",
        str(min(timeout, 30)),
        "--access-logfile",
        "-",
    ]
    print(f"karne: http://{host}:{port}/ (Ctrl+C ile durdurun / to stop)", flush=True)
    sys.stdout.flush()
    sys.stderr.flush()
    # gunicorn takes this process's place: Ctrl+C, SIGTERM from systemd and SIGHUP reach it
    # directly, so stopping `karne serve` stops the server (nothing is left serving).
    os.execve(gunicorn, command, {**os.environ})


def _demo_setup() -> None:
    from django.contrib.auth import get_user_model

    from karne.accounts.services import demo_users_create
    from karne.monitoring.services import period_open
    from karne.organisation.models import Administration

    admin = Administration.objects.get()
    users = demo_users_create(administration=admin.code)
    strategist = get_user_model().objects.get(username=users[0].username)
    period_open(
        user=strategist,
        year=2023,
        quarter=1,
        deadline=timezone.localdate() + datetime.timedelta(days=14),
    )
    print("\nDemo kullanıcıları / demo users (yalnızca bu demo veritabanı için):")
    for c in users:
        units = f" [{', '.join(c.units)}]" if c.units else ""
        print(f"  {c.role.value:<7} {c.username:<10} {c.password}{units}")
    print()
