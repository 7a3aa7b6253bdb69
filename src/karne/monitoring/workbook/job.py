"""A large uploaded workbook saved by a background job (`karne.jobs`), with its progress.

Saving ten thousand rows takes seconds; a request that long ties up a server worker and leaves
the person watching a blank page. Above `KARNE_WORKBOOK_JOB_BYTES` the confirm button starts
this job instead: the worker process reads the uploaded file where the upload left it (the
pending store), saves it as the confirm would (`workbook_apply`, all or nothing) and leaves a
small summary as its result; the job page shows the progress and then where to go.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model

from karne.accounts.access import User, unit_for
from karne.core.permissions import Capability
from karne.jobs.handlers import JobFailed, Progress, Result
from karne.jobs.models import Job
from karne.jobs.services import job_start
from karne.monitoring.workbook.kinds import FORMS, QUARTERLY
from karne.monitoring.workbook.pending import pending_drop, pending_load
from karne.monitoring.workbook.preview import FormTarget, RowStatus, workbook_apply
from karne.monitoring.workbook.reader import WorkbookRefused

KIND = "workbook-apply"


def job_bytes() -> int:
    """Workbooks larger than this are saved by a background job (0: every one)."""
    return int(getattr(settings, "KARNE_WORKBOOK_JOB_BYTES", 256 * 1024))


def _key(user: User, token: str) -> str:
    return f"workbook:{user.pk}:{token}"


def apply_start(*, user: User, target: FormTarget, token: str) -> Job:
    """The job saving the person's uploaded workbook (a second confirm shares it)."""
    located = FORMS[target.form].locate(
        user, target.year, target.period, target.unit, Capability.ENTRY_EDIT
    )
    job, _new = job_start(
        administration=located.membership.administration,
        user=located.membership.user,
        kind=KIND,
        key=_key(user, token),
        params={
            "user": user.pk,
            "token": token,
            "form": target.form,
            "year": target.year,
            "period": target.period,
            "unit": target.unit,
        },
    )
    return job


def apply_job_for(user: User, unit: str, token: str) -> Job | None:
    """The person's job for this upload, after the permission check on the unit."""
    membership, _unit = unit_for(user, unit, Capability.ENTRY_EDIT)
    return (
        Job.objects.filter(administration=membership.administration, key=_key(user, token))
        .defer("result")
        .first()
    )


@dataclass(frozen=True)
class Outcome:
    """What the job did: saved (`saved` rows), or nothing (then the preview says why)."""

    ok: bool
    saved: int
    conflict: bool
    filename: str

    @classmethod
    def of(cls, job: Job) -> Outcome | None:
        if not job.result:
            return None
        found = json.loads(bytes(job.result))
        return cls(
            bool(found["ok"]), int(found["saved"]), bool(found["conflict"]), str(found["file"])
        )


def run_apply(params: Mapping[str, Any], progress: Progress) -> Result:
    user = get_user_model().objects.filter(pk=params["user"], is_active=True).first()
    if user is None:
        raise JobFailed("no-person")
    token = str(params["token"])
    pending = pending_load(user, token)
    if pending is None:
        raise JobFailed("upload-expired")
    filename, content = pending
    target = FormTarget(  # a job queued before forms had names is the quarterly form's
        int(params["year"]),
        str(params.get("period", params.get("quarter"))),
        str(params["unit"]),
        str(params.get("form", QUARTERLY.name)),
    )
    try:
        applied = workbook_apply(
            user=user, content=content, filename=filename, expect=target, progress=progress
        )
    except WorkbookRefused as exc:
        raise JobFailed("workbook-refused") from exc
    preview = applied.preview
    if preview.ok:
        pending_drop(user, token)
    summary = {
        "ok": preview.ok,
        "saved": applied.saved,
        "conflict": any(r.status is RowStatus.CONFLICT for r in preview.rows),
        "file": preview.filename,
    }
    return Result(json.dumps(summary).encode(), "summary.json", "application/json")
