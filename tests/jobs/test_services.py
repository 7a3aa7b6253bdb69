"""Starting, sharing, running and giving up on jobs, on a real database."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from karne.accounts.models import Membership
from karne.jobs.handlers import Progress, Result, register
from karne.jobs.models import Job, JobState
from karne.jobs.services import job_run, job_start
from karne.releases.selectors import job_status

pytestmark = pytest.mark.django_db

REPORT = {"administration": "test-idare", "document": "faaliyet-raporu", "year": 2024}


def start(admin: Membership, key: str = "report:faaliyet-raporu:2024:xlsx", **kw: Any) -> Any:
    params = {**REPORT, "format": key.rsplit(":", 1)[1], **kw.pop("params", {})}
    return job_start(
        administration=admin.administration,
        user=admin.user,
        kind=kw.pop("kind", "report"),
        key=key,
        params=params,
        **kw,
    )


def test_two_requests_for_one_build_share_its_job(admin: Membership) -> None:
    first, new = start(admin, fingerprint="a")
    again, new_again = start(admin, fingerprint="a")
    assert new
    assert not new_again
    assert again.pk == first.pk
    other, other_new = start(admin, "report:faaliyet-raporu:2024:docx", fingerprint="a")
    assert other_new
    assert other.pk != first.pk


def test_a_done_job_is_shared_while_its_inputs_are_the_same(admin: Membership) -> None:
    job, _ = start(admin, fingerprint="a")
    assert job_run(job.pk) is JobState.DONE
    done = Job.objects.get(pk=job.pk)
    assert (done.state, done.progress, done.step) == ("done", 100, "done")
    assert bytes(done.result or b"").startswith(b"PK")  # an xlsx is a zip
    assert done.filename == "faaliyet-raporu-2024.xlsx"
    assert done.size == len(bytes(done.result or b""))
    assert start(admin, fingerprint="a") == (done, False)
    changed, new = start(admin, fingerprint="b")  # the data changed since: built again
    assert new
    assert changed.pk != job.pk


def test_the_job_is_launched_once_the_request_has_committed(
    admin: Membership, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job, _ = start(admin, "audit:denetim:2024:html", kind="audit", fingerprint="a")
        assert Job.objects.get(pk=job.pk).state == JobState.QUEUED
    assert len(callbacks) == 1
    done = Job.objects.get(pk=job.pk)
    assert done.state == JobState.DONE
    assert b"Denetim raporu" in bytes(done.result or b"")
    assert done.content_type == "text/html; charset=utf-8"


def test_a_job_runs_once(admin: Membership) -> None:
    job, _ = start(admin)
    assert job_run(job.pk) is JobState.DONE
    assert job_run(job.pk) is None  # no longer queued: a second worker does nothing


def test_a_build_without_data_fails_with_a_reason_people_read(admin: Membership) -> None:
    job, _ = start(admin, "report:faaliyet-raporu:1999:xlsx", params={"year": 1999})
    assert job_run(job.pk) is JobState.FAILED
    status = job_status(Job.objects.get(pk=job.pk))
    assert status.failed
    assert status.error == "Bu yıl için bu belgenin verisi yok."
    again, new = start(admin, "report:faaliyet-raporu:1999:xlsx", params={"year": 1999})
    assert new
    assert again.pk != job.pk


def _crash(params: Mapping[str, Any], progress: Progress) -> Result:
    progress(42, "charts:1/2")
    assert Job.objects.get(key="test:crash").progress == 42  # progress is in the row at once
    raise RuntimeError("secret detail /etc/passwd")


def test_an_unexpected_error_is_logged_not_shown(
    admin: Membership, caplog: pytest.LogCaptureFixture
) -> None:
    register("test-crash", _crash)
    job, _ = start(admin, "test:crash", kind="test-crash")
    assert job_run(job.pk) is JobState.FAILED
    status = job_status(Job.objects.get(pk=job.pk))
    assert status.failed
    assert "secret" not in status.error
    assert "beklenmeyen" in status.error
    assert status.as_json()["error"] == status.error
    assert "secret detail" in caplog.text  # the traceback is in the server's log


def test_a_silent_job_is_given_up_and_the_build_can_start_again(admin: Membership) -> None:
    job, _ = start(admin, fingerprint="a")
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, heartbeat=timezone.now() - timedelta(seconds=600)
    )
    status = job_status(Job.objects.get(pk=job.pk))
    assert status.failed
    assert "yanıt vermeyi" in status.error
    assert Job.objects.get(pk=job.pk).state == JobState.RUNNING
    again, new = start(admin, fingerprint="a")
    assert new
    assert again.pk != job.pk
    assert Job.objects.get(pk=job.pk).state == JobState.FAILED
    assert Job.objects.get(pk=job.pk).error == "stale"


def test_a_queued_job_never_started_is_stale_too(admin: Membership) -> None:
    job, _ = start(admin)
    Job.objects.filter(pk=job.pk).update(created=timezone.now() - timedelta(seconds=600))
    assert job_status(Job.objects.get(pk=job.pk)).failed


def test_an_unknown_kind_is_refused_before_anything_is_written(admin: Membership) -> None:
    with pytest.raises(KeyError):
        start(admin, "x:y", kind="no-such-kind")
    assert not Job.objects.exists()


def test_finished_jobs_are_deleted_after_the_keep_days(admin: Membership) -> None:
    old, _ = start(admin, fingerprint="a")
    job_run(old.pk)
    Job.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=30))
    start(admin, "report:faaliyet-raporu:2024:docx")
    assert not Job.objects.filter(pk=old.pk).exists()
