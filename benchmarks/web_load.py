"""Load: 50 concurrent simulated users on the entry and overview pages, against gunicorn.

In the same run, the same users also call a minimal Django view (`/saglik/`: no database, no
template) on the same server: its p95 is the floor the real pages are compared with (goal: the
real pages' p95 at most 3× the floor's, and no error). Traffic stays on 127.0.0.1; every loop is
bounded in count. Run: `make bench-web` (or `.venv/bin/python benchmarks/web_load.py`).
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def prepare(db: Path, users: int) -> list[tuple[str, str]]:
    """A demo database with sessions for the simulated users: (session cookie, entry unit)."""
    os.environ["KARNE_DB_PATH"] = str(db)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from karne.accounts.services import member_create
    from karne.cli.database import reference_dataset_path
    from karne.core.workflow import Role
    from karne.dataformat import read_dataset
    from karne.datasets.services import dataset_load
    from karne.monitoring.services import period_open

    call_command("migrate", verbosity=0)
    dataset_load(dataset=read_dataset(reference_dataset_path()))
    admin = member_create(
        administration="goc-idaresi", username="strateji", password="x" * 16, role=Role.ADMIN
    )
    period_open(
        user=admin.user,
        year=2023,
        quarter=1,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    units = ["YGM", "UKGM", "UIGM", "DGGM", "YHGM"]
    out = []
    for i in range(users):
        unit = units[i % len(units)]
        m = member_create(
            administration="goc-idaresi",
            username=f"u{i}",
            password="x" * 16,
            role=Role.CLERK,
            units=(unit,),
        )
        session = SessionStore()
        session[SESSION_KEY] = str(m.user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = m.user.get_session_auth_hash()
        session.create()
        out.append((session.session_key or "", unit))
    return out


def worker(
    port: int,
    cookie: str,
    unit: str,
    rounds: int,
    results: dict[str, list[float]],
    errors: list[str],
    lock: threading.Lock,
) -> None:
    paths = {
        "entry": f"/donem/2023/1/birim/{unit}/",
        "overview": "/izleme/2023/1/",
        "floor": "/saglik/",
    }
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _ in range(rounds):
        for name, path in paths.items():
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": f"sessionid={cookie}"})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError as exc:
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                response = None
                errors.append(f"{name}: {exc}")
            elapsed = time.perf_counter() - start
            with lock:
                if ok:
                    results[name].append(elapsed)
                elif response is not None:
                    errors.append(f"{name}: HTTP {response.status}")
    conn.close()


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94] if len(values) > 1 else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="karne-web-bench-"))
    db = workdir / "bench.sqlite3"
    sessions = prepare(db, args.users)
    env = {
        **os.environ,
        "KARNE_DB_PATH": str(db),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "KARNE_DEBUG": "false",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request(
                    "GET", "/saglik/"
                )
                break
            except OSError:
                time.sleep(0.1)
        results: dict[str, list[float]] = {"entry": [], "overview": [], "floor": []}
        errors: list[str] = []
        lock = threading.Lock()
        threads = [
            threading.Thread(
                target=worker, args=(args.port, cookie, unit, args.rounds, results, errors, lock)
            )
            for cookie, unit in sessions
        ]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)
    floor = p95(results["floor"])
    print(
        f"{args.users} users × {args.rounds} rounds × 3 pages, gunicorn {args.workers} workers × "
        f"{args.threads} threads, {wall:.1f} s, {sum(map(len, results.values())) / wall:.0f} req/s"
    )
    for name, values in results.items():
        ratio = p95(values) / floor if values else float("nan")
        print(
            f"  {name:<9} n={len(values):5d}  p50 {statistics.median(values) * 1000:7.1f} ms  "
            f"p95 {p95(values) * 1000:7.1f} ms  ({ratio:.2f}× floor p95)"
        )
    print(f"  errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    worst = max(p95(results["entry"]), p95(results["overview"])) / floor
    print(
        f"  goal p95 ≤ 3× floor: {'met' if worst <= 3 and not errors else 'NOT met'} ({worst:.2f}×)"
    )
    return 0 if not errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
