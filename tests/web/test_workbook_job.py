"""A large workbook is saved by a background job with a progress page (workbook/job.py)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from karne.jobs.models import Job, JobState
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Realization
from karne.monitoring.services import realization_save
from karne.monitoring.workbook import STATUS_LABELS, RowStatus
from karne.monitoring.workbook.job import run_apply
from karne.monitoring.workbook.pending import pending_drop, pending_store
from tests.web.workbooks import export, fill

YGM = "/donem/2023/1/birim/YGM/"
Capture = Callable[..., Any]


@pytest.fixture(autouse=True)
def every_workbook_is_large(settings: Any) -> None:
    settings.KARNE_WORKBOOK_JOB_BYTES = 0


def _confirm(client: Client, capture: Capture, content: bytes) -> tuple[str, str]:
    """Upload and confirm as the page does; the job runs when the request has committed."""
    response = client.post(f"{YGM}yukle/", {"file": SimpleUploadedFile("ygm.xlsx", content)})
    preview = str(response["Location"])
    with capture(execute=True):
        confirmed = client.post(f"{preview}onayla/")
    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"{preview}is/"
    return preview, str(confirmed["Location"])


def _value(code: str) -> Decimal | None:
    value: Decimal | None = Realization.objects.get(
        indicator__code=code, year=2023, period="Q1"
    ).value
    return value


def test_the_job_saves_the_workbook_and_its_page_says_so(
    site: MonitoringPeriod,
    as_user: Callable[[str], Client],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    clerk = as_user("veri.ygm")
    filled = fill(export(), {("GYH-01", "value"): "1.300.000"})
    preview, job_page = _confirm(clerk, django_capture_on_commit_callbacks, filled)
    job = Job.objects.get(kind="workbook-apply")
    assert (job.state, job.progress, job.step) == (JobState.DONE, 100, "done")
    assert _value("GYH-01") == Decimal(1300000)
    assert ChangeRecord.objects.filter(key__contains="GYH-01", reason__contains="ygm.xlsx").exists()
    page = clerk.get(job_page).content.decode()
    assert "ygm.xlsx: 1 satır kaydedildi." in page
    assert '<span id="job-percent">%100</span>' in page
    assert 'data-percent="%{}"' in page
    assert "job.js" not in page  # nothing left to poll
    status = clerk.get(f"{job_page}durum/").json()
    assert (status["state"], status["done"], status["progress"]) == ("done", True, 100)
    # A second confirm (a double click, a back button) opens the same job and saves nothing.
    changes = ChangeRecord.objects.count()
    again = clerk.post(f"{preview}onayla/")
    assert again["Location"] == job_page
    assert Job.objects.count() == 1
    assert ChangeRecord.objects.count() == changes
    clerk.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = clerk.get(job_page).content.decode()
    assert "ygm.xlsx: rows saved: 1." in english
    assert '<span id="job-percent">100%</span>' in english  # the sign where English puts it
    assert 'data-percent="{}%"' in english


def test_a_row_saved_meanwhile_saves_nothing_and_the_page_points_to_the_preview(
    site: MonitoringPeriod,
    as_user: Callable[[str], Client],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    clerk = as_user("veri.ygm")
    filled = fill(export(), {("GYH-01", "value"): "1.300.000", ("GYH-07", "value"): "22.000"})
    stored = Realization.objects.get(indicator__code="GYH-01", year=2023, period="Q1")
    realization_save(
        user=get_user_model().objects.get(username="veri.ygm"),
        period=site,
        indicator="GYH-01",
        value=Decimal(1250000),
        explanation=stored.explanation,
        expected_version=stored.version,
    )
    before = ChangeRecord.objects.count()
    preview, job_page = _confirm(clerk, django_capture_on_commit_callbacks, filled)
    assert Job.objects.get().state == JobState.DONE  # the job ran; the save refused itself
    assert _value("GYH-01") == Decimal(1250000)
    assert _value("GYH-07") != Decimal(22000)
    assert ChangeRecord.objects.count() == before
    page = clerk.get(job_page).content.decode()
    assert "Hiçbir değer kaydedilmedi." in page
    assert "başkası bu satırlardan bazılarını kaydetmiş" in page
    assert f'href="{preview}"' in page
    shown = clerk.get(preview)  # the preview shows the conflict, row by row
    assert shown.status_code == 400
    assert str(STATUS_LABELS[RowStatus.CONFLICT]) in shown.content.decode()


def test_progress_is_reported_reading_then_writing_and_an_expired_upload_fails_clearly(
    site: MonitoringPeriod,
) -> None:
    user = get_user_model().objects.get(username="veri.ygm")
    token = pending_store(user, "ygm.xlsx", fill(export(), {("GYH-01", "value"): "1.300.000"}))
    params = {"user": user.pk, "token": token, "year": 2023, "quarter": 1, "unit": "YGM"}
    steps: list[tuple[int, str]] = []
    result = run_apply(params, lambda percent, step: steps.append((percent, step)))
    assert [step for _, step in steps] == ["read", "write"]
    assert [percent for percent, _ in steps] == sorted(percent for percent, _ in steps)
    assert result.content_type == "application/json"
    pending_drop(user, token)  # saved: the upload is gone; a job started again cannot find it
    from karne.jobs.handlers import JobFailed

    with pytest.raises(JobFailed) as failed:
        run_apply(params, lambda percent, step: None)
    assert failed.value.code == "upload-expired"
