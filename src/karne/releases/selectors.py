"""What the documents page and the job page show: offered builds with their latest job, the
published versions, a job's status (also as the JSON the page polls)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from karne.accounts.models import Membership
from karne.jobs.handlers import ERRORS, STEPS
from karne.jobs.models import ACTIVE, Job, JobState
from karne.jobs.services import stale_seconds
from karne.organisation.models import Document
from karne.releases.builds import AUDIT_DOCUMENT, Build, builds_of
from karne.releases.models import PublishedVersion

LABELS = {
    "performans-programi": gettext_lazy("Performans Programı"),
    "faaliyet-raporu": gettext_lazy("Faaliyet Raporu"),
    AUDIT_DOCUMENT: gettext_lazy("Denetim raporu"),
}


def document_label(document: str) -> str:
    return str(LABELS.get(document, document))


@dataclass(frozen=True)
class JobStatus:
    id: int
    key: str
    document: str
    year: int
    format: str
    state: str  # queued | running | done | failed (a silent active job reads as failed)
    progress: int
    step: str
    error: str
    created: datetime
    requested_by: str
    filename: str
    size: int

    @property
    def active(self) -> bool:
        return self.state in ACTIVE

    @property
    def done(self) -> bool:
        return self.state == JobState.DONE

    @property
    def failed(self) -> bool:
        return self.state == JobState.FAILED

    @property
    def label(self) -> str:
        return document_label(self.document)

    @property
    def audit(self) -> bool:
        return self.document == AUDIT_DOCUMENT

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state,
            "progress": self.progress,
            "step": self.step,
            "error": self.error,
            "done": self.done,
            "failed": self.failed,
        }


def _step_text(step: str) -> str:
    code, _, detail = step.partition(":")
    label = str(STEPS.get(code, code))
    return f"{label} ({detail})" if detail else label


def job_status(job: Job) -> JobStatus:
    """Read without writing: a job not heard from for the stale limit reads as failed (the next
    start of the same build marks it so and starts afresh)."""
    state, error = job.state, job.error
    last = job.heartbeat or job.created
    if state in ACTIVE and last < timezone.now() - timedelta(seconds=stale_seconds()):
        state, error = JobState.FAILED, "stale"
    params = job.params
    return JobStatus(
        id=job.pk,
        key=job.key,
        document=str(params.get("document", "")),
        year=int(params.get("year", 0)),
        format=str(params.get("format", "")),
        state=state,
        progress=100 if state == JobState.DONE else job.progress,
        step=_step_text(job.step or "queued"),
        error=str(ERRORS.get(error, error)) if error else "",
        created=job.created,
        requested_by=job.requested_by.get_username() if job.requested_by else "",
        filename=job.filename,
        size=job.size,
    )


@dataclass(frozen=True)
class BuildRow:
    build: Build
    job: JobStatus | None

    @property
    def label(self) -> str:
        return document_label(self.build.document)


@dataclass(frozen=True)
class VersionRow:
    id: int
    document: str
    year: int
    format: str
    number: int
    filename: str
    sha256: str
    size: int
    published_at: datetime
    published_by: str

    @property
    def label(self) -> str:
        return document_label(self.document)


def document_years(membership: Membership) -> list[int]:
    years = Document.objects.filter(administration=membership.administration).values_list(
        "year", flat=True
    )
    published = PublishedVersion.objects.filter(
        administration=membership.administration
    ).values_list("year", flat=True)
    return sorted({*years, *published}, reverse=True)


def build_rows(membership: Membership, year: int) -> list[BuildRow]:
    """Each build the year offers, with its latest job (one query for them all)."""
    kinds = set(
        Document.objects.filter(administration=membership.administration, year=year).values_list(
            "kind", flat=True
        )
    )
    builds = builds_of(kinds, year)
    latest: dict[str, Job] = {}
    for job in (
        Job.objects.filter(
            administration=membership.administration, key__in=[b.key for b in builds]
        )
        .select_related("requested_by")
        .defer("result")
        .order_by("-created", "-pk")
    ):
        latest.setdefault(job.key, job)
    return [BuildRow(b, job_status(latest[b.key]) if b.key in latest else None) for b in builds]


def published_versions(membership: Membership, year: int) -> list[VersionRow]:
    return [
        VersionRow(
            id=v.pk,
            document=v.document,
            year=v.year,
            format=v.format,
            number=v.number,
            filename=v.filename,
            sha256=v.sha256,
            size=v.size,
            published_at=v.published_at,
            published_by=v.published_by_name,
        )
        for v in PublishedVersion.objects.filter(
            administration=membership.administration, year=year
        ).defer("content")
    ]
