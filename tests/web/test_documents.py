"""The documents pages: build, follow, download, publish; readers download the frozen bytes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from karne.jobs.models import Job, JobState
from karne.monitoring.models import ChangeRecord, MonitoringPeriod
from karne.releases.models import PublishedVersion

Login = Callable[[str], Client]
FR_XLSX = {"document": "faaliyet-raporu", "year": "2023", "format": "xlsx"}
AUDIT = {"document": "denetim", "year": "2023", "format": "html"}


def build(client: Client, capture: Callable[..., Any], data: dict[str, str]) -> int:
    with capture(execute=True):
        response = client.post("/belgeler/hazirla/", data)
    assert response.status_code == 302
    return int(response["Location"].rstrip("/").rsplit("/", 1)[1])


def test_the_strategy_unit_builds_reads_the_audit_and_publishes_and_a_reader_downloads(
    as_user: Login, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    admin, reader = as_user("strateji"), as_user("okur")
    page = admin.get("/belgeler/").content.decode()
    assert 'id="build-faaliyet-raporu-pdf"' in page
    assert 'id="build-denetim-html"' in page
    assert 'id="build-performans-programi-docx"' in page

    job_id = build(admin, django_capture_on_commit_callbacks, FR_XLSX)
    status = admin.get(f"/belgeler/is/{job_id}/durum/").json()
    assert status == {
        "id": job_id, "state": "done", "progress": 100, "step": "Hazır",
        "error": "", "done": True, "failed": False,
    }  # fmt: skip
    job_page = admin.get(f"/belgeler/is/{job_id}/").content.decode()
    assert 'value="100"' in job_page
    assert 'id="publish"' in job_page
    assert "job.js" not in job_page  # nothing to poll for once it is done
    built = admin.get(f"/belgeler/is/{job_id}/dosya/")
    assert built["Content-Disposition"].startswith("attachment;")
    assert built.content == bytes(Job.objects.get(pk=job_id).result or b"")

    audit_id = build(admin, django_capture_on_commit_callbacks, AUDIT)
    audit = admin.get(f"/belgeler/is/{audit_id}/dosya/")
    assert audit["Content-Type"] == "text/html; charset=utf-8"
    assert audit["Content-Disposition"].startswith("inline;")  # read in the browser
    assert "Denetim raporu — goc-idaresi 2023" in audit.content.decode()

    before = reader.get("/belgeler/?yil=2023").content.decode()  # kept for readers until
    assert "/belgeler/surum/" not in before  # a publication renews the revision
    published = admin.post(f"/belgeler/is/{job_id}/yayimla/")
    assert published["Location"] == "/belgeler/?yil=2023"
    version = PublishedVersion.objects.get()
    assert ChangeRecord.objects.filter(subject="document").count() == 1
    listing = reader.get("/belgeler/?yil=2023").content.decode()
    assert version.sha256 in listing
    assert "build-" not in listing
    got = reader.get(f"/belgeler/surum/{version.pk}/")
    assert hashlib.sha256(got.content).hexdigest() == version.sha256
    assert got.content == built.content
    assert got["ETag"] == f'"{version.sha256}"'
    assert "faaliyet-raporu-2023.xlsx" in got["Content-Disposition"]


def test_a_second_request_opens_the_same_job(
    as_user: Login, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    admin = as_user("strateji")
    first = admin.post("/belgeler/hazirla/", FR_XLSX)  # queued: the callback is not run
    second = admin.post("/belgeler/hazirla/", FR_XLSX, follow=True)
    assert second.redirect_chain[0][0] == first["Location"]
    assert "zaten hazırlanıyor" in second.content.decode()
    page = second.content.decode()
    assert "job.js" in page
    assert '<noscript><meta http-equiv="refresh"' in page
    assert Job.objects.count() == 1
    job_id = Job.objects.get().pk
    assert admin.get(f"/belgeler/is/{job_id}/dosya/").status_code == 404  # not built yet
    assert admin.post(f"/belgeler/is/{job_id}/yayimla/").status_code == 302
    assert not PublishedVersion.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"document": "faaliyet-raporu", "year": "1999", "format": "xlsx"},
        {"document": "faaliyet-raporu", "year": "2023", "format": "exe"},
        {"document": "", "year": "x", "format": ""},
    ],
)
def test_a_build_that_is_not_offered_changes_nothing(as_user: Login, data: dict[str, str]) -> None:
    response = as_user("strateji").post("/belgeler/hazirla/", data, follow=True)
    assert "böyle bir belge yok" in response.content.decode()
    assert not Job.objects.exists()


def test_a_failed_job_says_why_and_offers_to_build_again(as_user: Login) -> None:
    admin = as_user("strateji")
    admin.post("/belgeler/hazirla/", FR_XLSX)
    Job.objects.update(state=JobState.FAILED, error="stale")
    page = admin.get(f"/belgeler/is/{Job.objects.get().pk}/").content.decode()
    assert "yanıt vermeyi bıraktı" in page
    assert 'id="rebuild"' in page


def test_the_pages_in_english(as_user: Login, site: MonitoringPeriod) -> None:
    admin = as_user("strateji")
    admin.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = admin.get("/belgeler/").content.decode()
    assert "Published versions" in page
    assert "Activity Report" in page
    admin.post("/belgeler/hazirla/", FR_XLSX)
    status = admin.get(f"/belgeler/is/{Job.objects.get().pk}/durum/").json()
    assert status["step"] == "Waiting in the queue"


def test_another_administration_reaches_no_job_nor_version(
    as_user: Login, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    from django.contrib.auth import get_user_model

    from karne.accounts.services import member_create
    from karne.core.workflow import Role
    from karne.datasets.services import dataset_load
    from tests.audit.factory import clean_dataset

    admin = as_user("strateji")
    job_id = build(admin, django_capture_on_commit_callbacks, AUDIT)
    admin.post(f"/belgeler/is/{job_id}/yayimla/")
    version = PublishedVersion.objects.get()
    dataset_load(dataset=clean_dataset())
    member_create(administration="test-idare", username="baska", password="x" * 14, role=Role.ADMIN)
    other = Client()
    other.force_login(get_user_model().objects.get(username="baska"))
    for url in (
        f"/belgeler/is/{job_id}/",
        f"/belgeler/is/{job_id}/dosya/",
        f"/belgeler/surum/{version.pk}/",
    ):
        assert other.get(url).status_code == 404
    assert other.post(f"/belgeler/is/{job_id}/yayimla/").status_code == 404
    assert "goc-idaresi" not in other.get("/belgeler/").content.decode()
    assert PublishedVersion.objects.count() == 1
