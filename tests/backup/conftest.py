"""A database with everything a backup carries, and its backup, built once for the package.

The personas' site (tests/personas.py: the reference dataset, one user per role, 2023 Q1 open)
plus a saved value with kuruş, a changed target, and a submission moved through the workflow
with returns and a reopening, each with its trail rows. The site is built in a transaction that
is rolled back once the backup is written: every test starts from an empty database and the
backup file.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from karne.backup.format import CONTENT, MANIFEST, Manifest
from karne.backup.services import backup_write
from karne.core.records import Dataset
from karne.core.workflow import Action
from karne.monitoring.models import Realization, Submission
from karne.monitoring.services import realization_save, submission_act, target_set
from tests.personas import build_site

PASSWORD = "yedek-parola-uzun-12345"
SAVED_VALUE = Decimal("37600.50")


def build_everything(reference: Dataset) -> None:
    period = build_site(reference, PASSWORD)
    users = {u.get_username(): u for u in get_user_model().objects.all()}
    Realization.objects.filter(indicator__responsible_unit__code="YGM", period="Q1").update(
        explanation="Dönemsel etki."
    )
    saved = Realization.objects.get(indicator__code="GYH-10", period="Q1")
    realization_save(
        user=users["veri.ygm"],
        period=period,
        indicator="GYH-10",
        value=SAVED_VALUE,
        explanation="Sistem arızası nedeniyle başvurular geç alındı.",
        expected_version=saved.version,
    )
    target_set(
        user=users["strateji"],
        indicator="GYH-01",
        year=2023,
        value=Decimal("1300000.00"),
        reason="Genelge ile güncellendi.",
    )
    submission = Submission.objects.get(period=period, unit__code="YGM")
    moves = [
        ("veri.ygm", Action.SUBMIT, ""),
        ("amir.ygm", Action.HEAD_RETURN, "Açıklamalar eksik."),
        ("veri.ygm", Action.SUBMIT, ""),
        ("amir.ygm", Action.HEAD_APPROVE, ""),
        ("strateji", Action.ADMIN_APPROVE, ""),
        ("strateji", Action.REOPEN, "Düzeltme talebi."),
    ]
    for username, action, reason in moves:
        submission_act(
            user=users[username], submission_id=submission.pk, action=action, reason=reason
        )


@pytest.fixture(scope="package")
def backup_file(
    django_db_setup: None,
    django_db_blocker: Any,
    reference: Dataset,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    path = tmp_path_factory.mktemp("backup") / "karne-yedek.zip"
    with django_db_blocker.unblock(), transaction.atomic():
        build_everything(reference)
        backup_write(path=path)
        transaction.set_rollback(True)
    return path


def content(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(CONTENT)


def manifest(path: Path) -> Manifest:
    with zipfile.ZipFile(path) as archive:
        return Manifest.from_bytes(archive.read(MANIFEST))


def rewritten(path: Path, out: Path, members: dict[str, bytes]) -> Path:
    """A copy of the backup with some members' bytes replaced (a tampered or newer file)."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, members.get(info.filename, source.read(info.filename)))
    return out
