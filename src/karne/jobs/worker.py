"""`python -m karne.jobs.worker ID`: run one job in this process, niced, with a heartbeat.

Started by `runner.launch`; it inherits the server's environment (its settings and database).
A heartbeat thread keeps the job's row fresh while a long step (a PDF) reports nothing, so that
only a worker that has really gone (killed, the machine restarted) is taken for stale.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading


def _beat(job_id: int, every: float, stop: threading.Event) -> None:
    from django.db import connections

    from karne.jobs.services import job_heartbeat

    try:
        while not stop.wait(every) and job_heartbeat(job_id):
            pass
    finally:
        connections.close_all()


def lower_priority(nice: int) -> None:
    """Nice this thread (and the threads it starts), and this process's autogroup: with the
    kernel's autogroups a new session is a group of its own that competes with the server's
    group as an equal, whatever its threads' nice values, so the group's is lowered too
    (where /proc offers it)."""
    os.nice(nice)
    if nice >= 19 and hasattr(os, "SCHED_IDLE"):
        # The lowest: run only when no ordinary process of its group wants the processor.
        with contextlib.suppress(OSError):
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    try:
        with open("/proc/self/autogroup", "w") as handle:
            handle.write(str(nice))
    except OSError:
        pass  # no autogroups (or not this kernel): the process's nice value is the one


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[1].isdigit():
        print("usage: python -m karne.jobs.worker JOB_ID", file=sys.stderr)
        return 2
    job_id = int(argv[1])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.conf import settings

    from karne.jobs.services import job_run, stale_seconds

    # WeasyPrint reports every page it lays out at INFO: not for the server's log.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    stop = threading.Event()
    beat = threading.Thread(
        target=_beat, args=(job_id, max(1.0, stale_seconds() / 4), stop), daemon=True
    )
    beat.start()
    # Linux keeps nice values and policies per thread: the heartbeat, started before, keeps the
    # ordinary policy (a starved build is still alive, not stale); the build is lowered.
    lower_priority(int(getattr(settings, "KARNE_JOB_NICE", 19)))
    try:
        job_run(job_id)
    finally:
        stop.set()
        beat.join(timeout=5)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
