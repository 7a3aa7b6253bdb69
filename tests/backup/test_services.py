from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from karne.backup.format import BackupRefused, Manifest
from karne.backup.services import DatabaseNotEmpty, backup_restore, backup_write
from karne.backup.tables import NOT_CARRIED
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Realization, Submission
from karne.monitoring.services import period_open
from karne.organisation.models import Administration
from tests.backup.conftest import PASSWORD, SAVED_VALUE, content, manifest, rewritten

pytestmark = pytest.mark.django_db


def carried_rows() -> dict[str, int]:
    return {
        m._meta.label_lower: m._base_manager.count()
        for m in apps.get_models(include_auto_created=True)
        if m._meta.label_lower not in NOT_CARRIED
    }


def test_a_backup_carries_every_table_and_the_monitoring_work(backup_file: Path) -> None:
    rows = manifest(backup_file).rows
    expected = {
        m._meta.label_lower for m in apps.get_models(include_auto_created=True)
    } - NOT_CARRIED.keys()
    assert set(rows) == expected
    assert rows["auth.user"] == 5
    assert rows["accounts.membership"] == 5
    assert rows["accounts.membership_units"] == 3
    assert rows["monitoring.monitoringperiod"] == 1
    assert rows["monitoring.submission"] >= 2
    assert rows["monitoring.changerecord"] >= 9  # period, value, explanation, target, 6 moves
    assert rows["publications.printedfigure"] == 1121


def test_restore_then_backup_gives_the_same_content(backup_file: Path, tmp_path: Path) -> None:
    assert carried_rows() == dict.fromkeys(carried_rows(), 0)
    backup_restore(path=backup_file)
    again = backup_write(path=tmp_path / "again.zip")
    assert content(tmp_path / "again.zip") == content(backup_file)
    original = manifest(backup_file)
    assert {**again.__dict__, "created_at": ""} == {**original.__dict__, "created_at": ""}
    assert carried_rows() == original.rows


def test_restored_rows_are_the_originals(backup_file: Path) -> None:
    backup_restore(path=backup_file)
    strateji = get_user_model().objects.get(username="strateji")
    assert strateji.check_password(PASSWORD)  # the hash came back as it was
    assert strateji.membership.administration.code == "goc-idaresi"
    clerk = get_user_model().objects.get(username="veri.ygm")
    assert list(clerk.membership.units.values_list("code", flat=True)) == ["YGM"]
    saved = Realization.objects.get(indicator__code="GYH-10", period="Q1")
    assert (saved.value, saved.version, saved.updated_by) == (SAVED_VALUE, 1, clerk)
    assert Submission.objects.get(unit__code="YGM").state == "draft"  # reopened
    trail = list(ChangeRecord.objects.values_list("subject", "field", "new", "reason"))
    assert ("submission", "state", "draft", "Düzeltme talebi.") in trail
    assert ("target", "target", "1300000.00", "Genelge ile güncellendi.") in trail
    # the trail keeps its own times (auto_now_add is not applied on restore)
    text = content(backup_file).decode()
    times = [r.at for r in ChangeRecord.objects.all()]
    assert all(t.isoformat() in text for t in times)


def test_exact_values_are_written_as_their_text(backup_file: Path) -> None:
    lines = content(backup_file).decode().splitlines()
    assert any('"37600.50"' in line for line in lines)
    assert any('"16723081452.00"' in line for line in lines)
    users = lines.index(next(line for line in lines if '"model":"auth.user"' in line))
    first_user = json.loads(lines[users + 1])
    assert first_user[1].startswith("md5$")  # the stored hash, never a password
    assert PASSWORD not in content(backup_file).decode()
    trail = next(i for i, line in enumerate(lines) if '"model":"monitoring.changerecord"' in line)
    at = json.loads(lines[trail + 1])[2]
    assert datetime.datetime.fromisoformat(at).utcoffset() == datetime.timedelta(0)


def test_after_a_restore_new_rows_get_new_ids_and_the_trail_stays_append_only(
    backup_file: Path,
) -> None:
    backup_restore(path=backup_file)
    last = ChangeRecord.objects.order_by("pk").last()
    assert last is not None
    strateji = get_user_model().objects.get(username="strateji")
    period = period_open(
        user=strateji,
        year=2023,
        quarter=2,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    assert period.pk > MonitoringPeriod.objects.exclude(pk=period.pk).get().pk
    assert ChangeRecord.objects.order_by("pk").last().pk > last.pk  # type: ignore[union-attr]
    with pytest.raises(PermissionError):
        ChangeRecord.objects.all().delete()
    with pytest.raises(PermissionError):
        last.save()


def test_a_restore_into_a_database_with_data_is_refused_and_changes_nothing(
    backup_file: Path, tmp_path: Path
) -> None:
    backup_restore(path=backup_file)
    Administration.objects.filter(code="goc-idaresi").update(name="Değiştirildi")
    before = backup_write(path=tmp_path / "before.zip")
    with pytest.raises(DatabaseNotEmpty, match="not empty"):
        backup_restore(path=backup_file)
    after = backup_write(path=tmp_path / "after.zip")
    assert after.content_sha256 == before.content_sha256


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("checksum", "SHA-256"),
        ("newer", "newer karne"),
        ("damaged", "damaged"),
        ("not-a-zip", "cannot be read"),
        ("row", "SHA-256"),
    ],
)
def test_a_bad_file_is_refused_before_anything_is_written(
    backup_file: Path, tmp_path: Path, change: str, message: str
) -> None:
    bad = broken(backup_file, tmp_path, change)
    with pytest.raises(BackupRefused, match=message):
        backup_restore(path=bad)
    assert carried_rows() == dict.fromkeys(carried_rows(), 0)


def broken(path: Path, tmp_path: Path, change: str) -> Path:
    """The backup changed in one way a file goes wrong: on a disk, in transit, by hand."""
    out = tmp_path / f"{change}.zip"
    original = manifest(path)
    if change == "checksum":
        text = original.to_bytes().replace(original.content_sha256.encode(), b"0" * 64)
        return rewritten(path, out, {"manifest.json": text})
    if change == "newer":
        newer = Manifest(**{**original.__dict__, "format_version": 99})
        return rewritten(path, out, {"manifest.json": newer.to_bytes()})
    if change == "row":  # a figure changed by hand, the checksum left as it was
        changed = content(path).replace(b'"37600.50"', b'"99999.50"')
        return rewritten(path, out, {"data.jsonl": changed})
    data = bytearray(path.read_bytes())
    if change == "damaged":
        for offset in range(len(data) // 3, len(data) // 3 + 16):
            data[offset] ^= 0xFF
    else:
        data = bytearray(b"not a zip at all\n")
    out.write_bytes(bytes(data))
    return out
