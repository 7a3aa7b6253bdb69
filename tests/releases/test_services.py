"""Starting a document build and publishing it, on an administration of another shape."""

from __future__ import annotations

import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404

from karne.accounts.models import Membership
from karne.accounts.services import member_create
from karne.core.workflow import Role
from karne.jobs.models import Job
from karne.jobs.services import job_run
from karne.monitoring.models import ChangeRecord
from karne.releases.models import PublishedVersion
from karne.releases.services import ReleaseRefused, document_build_start, version_publish

pytestmark = pytest.mark.django_db


def built(admin: Membership, document: str = "performans-programi", fmt: str = "xlsx") -> Job:
    job, _ = document_build_start(user=admin.user, document=document, year=2024, fmt=fmt)
    job_run(job.pk)
    return Job.objects.get(pk=job.pk)


def test_a_build_is_shared_until_the_data_changes(admin: Membership) -> None:
    job = built(admin)
    assert job.key == "report:performans-programi:2024:xlsx"
    again, new = document_build_start(
        user=admin.user, document="performans-programi", year=2024, fmt="xlsx"
    )
    assert (again.pk, new) == (job.pk, False)
    from karne.organisation.models import Unit

    Unit.objects.filter(administration=admin.administration).update(name="Yeni ad")
    changed, new = document_build_start(
        user=admin.user, document="performans-programi", year=2024, fmt="xlsx"
    )
    assert new
    assert changed.pk != job.pk


@pytest.mark.parametrize(
    ("document", "year", "fmt"),
    [("faaliyet-raporu", 2023, "xlsx"), ("denetim", 2024, "pdf"), ("x", 2024, "xlsx")],
)
def test_a_build_that_is_not_offered_is_refused(
    admin: Membership, document: str, year: int, fmt: str
) -> None:
    with pytest.raises(ReleaseRefused, match="böyle bir belge yok"):
        document_build_start(user=admin.user, document=document, year=year, fmt=fmt)
    assert not Job.objects.exists()


def test_publishing_freezes_the_bytes_with_their_hash_and_is_trailed(admin: Membership) -> None:
    job = built(admin, "denetim", "html")
    version = version_publish(user=admin.user, job_id=job.pk)
    content = bytes(job.result or b"")
    stored = PublishedVersion.objects.get(pk=version.pk)
    assert bytes(stored.content) == content
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert (stored.number, stored.document, stored.year, stored.format) == (
        1,
        "denetim",
        2024,
        "html",
    )
    assert stored.published_by_name == "strateji2"
    assert stored.size == len(content)
    trail = ChangeRecord.objects.get(subject="document")
    assert (trail.key, trail.field, trail.new) == (
        "denetim/2024/html",
        "publish",
        f"1 sha256:{stored.sha256}",
    )
    with pytest.raises(PermissionError):
        stored.save()
    with pytest.raises(PermissionError):
        stored.delete()
    # The same bytes again are refused; nothing changes.
    with pytest.raises(ReleaseRefused, match="zaten yayımlandı"):
        version_publish(user=admin.user, job_id=job.pk)
    assert PublishedVersion.objects.count() == 1
    assert ChangeRecord.objects.count() == 1


def test_a_job_not_finished_cannot_be_published(admin: Membership) -> None:
    job, _ = document_build_start(
        user=admin.user, document="faaliyet-raporu", year=2024, fmt="xlsx"
    )
    with pytest.raises(ReleaseRefused, match="hazırlanmış"):
        version_publish(user=admin.user, job_id=job.pk)
    assert not PublishedVersion.objects.exists()
    assert not ChangeRecord.objects.exists()


def test_only_the_strategy_unit_builds_and_publishes(admin: Membership) -> None:
    reader = member_create(
        administration="test-idare", username="okur2", password="x" * 14, role=Role.READER
    )
    job = built(admin)
    with pytest.raises(PermissionDenied):
        document_build_start(user=reader.user, document="faaliyet-raporu", year=2024, fmt="pdf")
    with pytest.raises(PermissionDenied):
        version_publish(user=reader.user, job_id=job.pk)
    assert not PublishedVersion.objects.exists()


def test_another_administrations_job_does_not_exist_for_it(
    admin: Membership, reference: object
) -> None:
    from karne.datasets.services import dataset_load

    dataset_load(dataset=reference)  # type: ignore[arg-type]
    other = member_create(
        administration="goc-idaresi", username="baska", password="x" * 14, role=Role.ADMIN
    )
    job = built(admin)
    with pytest.raises(Http404):
        version_publish(user=other.user, job_id=job.pk)
    assert get_user_model().objects.count() == 2
