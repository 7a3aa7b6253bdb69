"""How a job gets a worker: a process of its own (the server), a thread, or right here.

`process` (the default) starts `python -m karne.jobs.worker ID` in a new session, so the build
is not a child of the request (a gunicorn worker restarted by its timeout does not take it
along) and runs at the lowest priority (`KARNE_JOB_NICE`) in its own interpreter: the pages keep
their share of the processor. `thread` runs it in a thread of this process and `inline` before
the request answers; the tests use them on their in-memory database, which another process
cannot open.
"""

from __future__ import annotations

import subprocess
import sys
import threading

from django.conf import settings
from django.db import connections

from karne.jobs.services import job_fail, job_run

RUNNERS = ("process", "thread", "inline")


def launch(job_id: int) -> None:
    mode = getattr(settings, "KARNE_JOB_RUNNER", "process")
    if mode == "inline":
        job_run(job_id)
    elif mode == "thread":
        threading.Thread(target=_in_thread, args=(job_id,), daemon=True).start()
    else:
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "karne.jobs.worker", str(job_id)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                start_new_session=True,
                close_fds=True,
            )
        except OSError:
            job_fail(job_id, "launch")
            return
        # Reap it when it ends (no zombie left behind until the next launch).
        threading.Thread(target=process.wait, daemon=True).start()


def _in_thread(job_id: int) -> None:
    try:
        job_run(job_id)
    finally:
        connections.close_all()
