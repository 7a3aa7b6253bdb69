"""Starting, sharing, running and giving up on jobs.

`job_start` is what a page calls: it shares a job that is already making the same thing (or
that made it from the same inputs), or creates one and launches it once the transaction has
committed. `job_run` is what the worker calls: it claims the queued job, runs its handler, and
records progress, the result or the reason it failed. A job whose heartbeat stops (a killed
worker, a restarted machine) reads as failed at once (`releases.selectors.job_status`) and is
marked so by the next `job_start`, so the same build can be started again.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from karne.jobs.handlers import JobFailed, handler_of
from karne.jobs.models import ACTIVE, Job, JobState
from karne.organisation.models import Administration

log = logging.getLogger("karne.jobs")


def stale_seconds() -> int:
    return int(getattr(settings, "KARNE_JOB_STALE_SECONDS", 120))


def jobs_mark_stale(administration: Administration) -> int:
    """Queued or running jobs not heard from for `KARNE_JOB_STALE_SECONDS` fail as "stale"."""
    limit = timezone.now() - timedelta(seconds=stale_seconds())
    silent = Q(heartbeat__lt=limit) | Q(heartbeat__isnull=True, created__lt=limit)
    return Job.objects.filter(silent, administration=administration, state__in=ACTIVE).update(
        state=JobState.FAILED, error="stale", finished=timezone.now()
    )


def _prune(administration: Administration) -> None:
    """Finished jobs keep their bytes for `KARNE_JOB_KEEP_DAYS`; published versions are copies."""
    days = int(getattr(settings, "KARNE_JOB_KEEP_DAYS", 7))
    Job.objects.filter(
        administration=administration,
        state__in=(JobState.DONE, JobState.FAILED),
        created__lt=timezone.now() - timedelta(days=days),
    ).delete()


def job_start(
    *,
    administration: Administration,
    user: AbstractBaseUser,
    kind: str,
    key: str,
    params: Mapping[str, Any],
    fingerprint: str = "",
) -> tuple[Job, bool]:
    """The job that makes `key`, and whether it is new (then it is launched after commit).

    The caller has checked the permission. A queued or running job of the same key is shared;
    so is a done one whose fingerprint is `fingerprint` (the same inputs give the same bytes)."""
    handler_of(kind)  # an unknown kind is a programming error, before anything is written
    jobs_mark_stale(administration)
    _prune(administration)
    same = Job.objects.filter(administration=administration, key=key)
    shared = same.filter(state__in=ACTIVE).first() or (
        same.filter(state=JobState.DONE, fingerprint=fingerprint).first() if fingerprint else None
    )
    if shared is not None:
        return shared, False
    try:
        with transaction.atomic():
            job = Job.objects.create(
                administration=administration,
                kind=kind,
                key=key,
                params=dict(params),
                fingerprint=fingerprint,
                requested_by_id=user.pk,
                step="queued",
            )
    except IntegrityError:
        # Another request created it between our read and our insert: share that one.
        return same.filter(state__in=ACTIVE).first() or same.latest("created"), False
    log.info("%s started job %s (%s)", user.get_username(), job.pk, key)
    from karne.jobs.runner import launch

    transaction.on_commit(lambda: launch(job.pk))
    return job, True


def job_progress(job_id: int, percent: int, step: str) -> None:
    Job.objects.filter(pk=job_id, state=JobState.RUNNING).update(
        progress=max(0, min(100, percent)), step=step[:100], heartbeat=timezone.now()
    )


def job_heartbeat(job_id: int) -> bool:
    """Still alive; False once the job is no longer running (then the beating stops)."""
    return bool(
        Job.objects.filter(pk=job_id, state=JobState.RUNNING).update(heartbeat=timezone.now())
    )


def job_fail(job_id: int, code: str) -> None:
    Job.objects.filter(pk=job_id, state__in=ACTIVE).update(
        state=JobState.FAILED, error=code, finished=timezone.now()
    )


def job_run(job_id: int) -> JobState | None:
    """Claim the queued job and run it to the end; None if it was not queued (another worker
    has it, or it was given up). Every failure is recorded, none escapes."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started=now, heartbeat=now, pid=os.getpid(), step="data"
    )
    if not claimed:
        return None
    job = Job.objects.get(pk=job_id)
    try:
        result = handler_of(job.kind)(
            job.params, lambda percent, step: job_progress(job_id, percent, step)
        )
    except JobFailed as exc:
        job_fail(job_id, exc.code)
        return JobState.FAILED
    except Exception:
        log.exception("job %s (%s) failed", job_id, job.key)
        job_fail(job_id, "crashed")
        return JobState.FAILED
    Job.objects.filter(pk=job_id, state=JobState.RUNNING).update(
        state=JobState.DONE,
        progress=100,
        step="done",
        result=result.content,
        size=len(result.content),
        filename=result.filename,
        content_type=result.content_type,
        finished=timezone.now(),
        heartbeat=timezone.now(),
    )
    log.info("job %s (%s) done: %s bytes", job_id, job.key, len(result.content))
    return JobState.DONE
