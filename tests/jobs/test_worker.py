"""The server's way: a build started from a committed request runs in a process of its own,
niced, and reports back through the database (a SQLite file here: another process must open it).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from karne.cli.database import reference_dataset_path

# Run in a fresh interpreter on a file database with the default settings (the process runner):
# start the build as the strategy unit, then wait for the worker to finish it.
SCRIPT = """
import json, os, sys, time
import django
django.setup()
from django.db import transaction
from karne.accounts.services import member_create
from karne.core.workflow import Role
from karne.jobs.models import Job
from karne.releases.services import document_build_start
member = member_create(administration="goc-idaresi", username="s", password="x" * 14,
                       role=Role.ADMIN)
with transaction.atomic():
    job, new = document_build_start(user=member.user, document="faaliyet-raporu", year=2023,
                                    fmt="xlsx")
seen = set()
for _ in range(1200):
    row = Job.objects.get(pk=job.pk)
    seen.add(row.state)
    if row.state in ("done", "failed"):
        break
    time.sleep(0.1)
shared, again = document_build_start(user=member.user, document="faaliyet-raporu", year=2023,
                                     fmt="xlsx")
print(json.dumps({"state": row.state, "error": row.error, "pid": row.pid, "me": os.getpid(),
                  "new": new, "shared": shared.pk == job.pk and not again,
                  "zip": bytes(row.result or b"")[:2].decode("latin-1"),
                  "file": row.filename, "seen": sorted(seen)}))
"""


def test_a_build_runs_in_a_worker_process(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "KARNE_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "KARNE_LOG_LEVEL": "WARNING",
    }
    for name in ("KARNE_DATABASE_URL", "KARNE_DATABASE_URL_FILE", "KARNE_DB_PATH"):
        env.pop(name, None)
    karne = Path(sys.executable).with_name("karne")
    loaded = subprocess.run(
        [str(karne), "load", str(reference_dataset_path())],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert loaded.returncode == 0, loaded.stderr
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["state"] == "done", (out, done.stderr)
    assert out["new"]
    assert out["shared"]
    assert out["pid"] != out["me"]  # built by another process
    assert out["zip"] == "PK"
    assert out["file"] == "faaliyet-raporu-2023.xlsx"


@pytest.mark.parametrize("argv", [["worker"], ["worker", "x"]])
def test_the_worker_wants_one_job_number(argv: list[str]) -> None:
    from karne.jobs.worker import main

    assert main(argv) == 2


WORKBOOK_SCRIPT = """
import datetime, json, time
import django
django.setup()
from django.db import transaction
from django.utils import timezone
from karne.accounts.services import member_create
from karne.core.workflow import Role
from karne.jobs.models import Job
from karne.monitoring.models import Realization
from karne.monitoring.services import period_open
from karne.monitoring.workbook.preview import FormTarget
from karne.monitoring.workbook.job import apply_start
from karne.monitoring.workbook.pending import pending_store
from tests.web.workbooks import export, fill
admin = member_create(administration="goc-idaresi", username="s", password="x" * 14,
                      role=Role.ADMIN)
period_open(user=admin.user, year=2023, quarter=1,
            deadline=timezone.localdate() + datetime.timedelta(days=9))
clerk = member_create(administration="goc-idaresi", username="veri.ygm", password="x" * 14,
                      role=Role.CLERK, units=("YGM",))
token = pending_store(clerk.user, "ygm.xlsx", fill(export(), {("GYH-01", "value"): "1.300.000"}))
with transaction.atomic():
    job = apply_start(user=clerk.user, target=FormTarget(2023, "1", "YGM"), token=token)
steps = set()
for _ in range(1200):
    row = Job.objects.get(pk=job.pk)
    steps.add(row.step)
    if row.state in ("done", "failed"):
        break
    time.sleep(0.05)
value = Realization.objects.get(indicator__code="GYH-01", year=2023, period="Q1").value
print(json.dumps({"state": row.state, "error": row.error, "value": str(value),
                  "result": bytes(row.result or b"").decode(), "steps": sorted(steps)}))
"""


def test_a_large_workbook_is_saved_by_a_worker_process(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "KARNE_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "KARNE_LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[2]), *sys.path]),
    }
    for name in ("KARNE_DATABASE_URL", "KARNE_DATABASE_URL_FILE", "KARNE_DB_PATH"):
        env.pop(name, None)
    karne = Path(sys.executable).with_name("karne")
    loaded = subprocess.run(
        [str(karne), "load", str(reference_dataset_path())],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr
    done = subprocess.run(
        [sys.executable, "-c", WORKBOOK_SCRIPT],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["state"] == "done", (out, done.stderr)
    assert out["value"] == "1300000"
    assert json.loads(out["result"])["saved"] == 1
    assert "done" in out["steps"]
