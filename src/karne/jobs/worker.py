"""`python -m karne.jobs.worker ID`: run one job in this process, niced, with a heartbeat.

Started by `runner.launch`; it inherits the server's environment (its settings and database).
A heartbeat thread keeps the job's row fresh while a long step (a PDF) reports nothing, so that
only a worker that has really gone (killed, the machine restarted) is taken for stale.
"""

from __future__ import annotations

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

    os.nice(int(getattr(settings, "KARNE_JOB_NICE", 10)))
    stop = threading.Event()
    beat = threading.Thread(
        target=_beat, args=(job_id, max(1.0, stale_seconds() / 4), stop), daemon=True
    )
    beat.start()
    try:
        job_run(job_id)
    finally:
        stop.set()
        beat.join(timeout=5)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
