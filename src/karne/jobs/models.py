"""A background job's row: what it makes, how far it is, and what it made."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from karne.organisation.models import Administration


class JobState(models.TextChoices):
    QUEUED = "queued", "queued"
    RUNNING = "running", "running"
    DONE = "done", "done"
    FAILED = "failed", "failed"


ACTIVE = (JobState.QUEUED, JobState.RUNNING)


class Job(models.Model):
    """One run of a handler. Two requests for the same `key` while one is queued or running
    share it (a partial unique index makes that hold under races); a done job is shared while
    its `fingerprint` (of the inputs it read) is still the inputs' fingerprint."""

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="jobs"
    )
    kind = models.CharField(max_length=40)  # the registered handler
    key = models.CharField(max_length=200)  # what it makes: "report:faaliyet-raporu:2023:pdf"
    fingerprint = models.CharField(max_length=64, blank=True)
    params = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # 0–100
    step = models.CharField(max_length=100, blank=True)  # "charts:3/12": a step code, a count
    error = models.CharField(max_length=30, blank=True)  # a code of jobs.errors, never a trace
    result = models.BinaryField(null=True)
    size = models.PositiveIntegerField(default=0)  # of the result, without reading it
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True)
    finished = models.DateTimeField(null=True)
    heartbeat = models.DateTimeField(null=True)
    pid = models.IntegerField(null=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["administration", "key"],
                condition=models.Q(state__in=["queued", "running"]),
                name="one_active_job_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.state})"
