"""The second administration (a water utility) computes its own indicator from its own events:
its definitions, its event table, its units' quarters — nothing of the reference."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.utils import timezone

from karne.accounts.services import member_create
from karne.cli.main import main
from karne.core.workflow import Role, State
from karne.datasets.services import dataset_load
from karne.monitoring.models import ComputedFigure, Restatement, Submission
from karne.monitoring.services import period_open
from tests.reporting.small_dataset import YEAR, small_dataset

pytestmark = pytest.mark.django_db

DEFINITIONS = """\
- id: sebeke-yenileme
  indicator: IC-01
  description: Çeyrekte tamamlanan şebeke yenileme işleri (her iş bir kilometre).
  source: sebeke_isi
  count: events
  date: completed_on
  kind: flow
  filter:
    - {column: status, op: "=", value: tamamlandi}
"""


def events(folder: Path) -> Path:
    """Works of the utility: per quarter 20, 35, 30, 41 completed (the published quarters),
    plus cancelled ones and some without a date."""
    rows: list[tuple[datetime.date | None, str]] = []
    for quarter, done in zip((1, 2, 3, 4), (20, 35, 30, 41), strict=True):
        day = datetime.date(YEAR, 3 * quarter - 1, 10)
        rows += [(day, "tamamlandi")] * done + [(day, "iptal")] * 3
    rows += [(None, "tamamlandi")] * 2
    path = folder / "sebeke_isi" / f"year={YEAR}" / "quarter=1" / "part-0.parquet"
    path.parent.mkdir(parents=True)
    pq.write_table(
        pa.table(
            {
                "completed_on": pa.array([r[0] for r in rows], pa.date32()),
                "status": pa.array([r[1] for r in rows]),
                "district": pa.array(["Merkez"] * len(rows)),
            }
        ),
        path,
    )
    return folder


def test_the_utility_stores_its_own_proposals_and_restatements(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dataset_load(dataset=small_dataset())
    manager = member_create(
        administration="ornek-su", username="yonetici", password="x" * 14, role=Role.ADMIN
    ).user
    soon = timezone.localdate() + datetime.timedelta(days=20)
    period = period_open(user=manager, year=YEAR, quarter=1, deadline=soon)
    Submission.objects.filter(period=period).update(state=State.LOCKED.value)
    definitions = tmp_path / "indicator_definitions.yaml"
    definitions.write_text(DEFINITIONS, encoding="utf-8")
    folder = events(tmp_path / "olaylar")
    command = [
        *("indicators", "compute", "--year", str(YEAR), "--events", str(folder)),
        *("--definitions", str(definitions), "--store", "--user", "yonetici", "--json"),
    ]
    assert main(command) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["computed"], summary["restatements"]) == (4, 0)
    stored = dict(
        ComputedFigure.objects.filter(indicator__code="IC-01").values_list("period", "value")
    )
    assert stored == {"Q1": 20, "Q2": 35, "Q3": 30, "Q4": 41}
    # the utility's own works register changes: Q1's locked value now differs
    rewritten = folder / "sebeke_isi" / f"year={YEAR}" / "quarter=1" / "part-1.parquet"
    pq.write_table(
        pa.table(
            {
                "completed_on": pa.array([datetime.date(YEAR, 2, 1)], pa.date32()),
                "status": pa.array(["tamamlandi"]),
                "district": pa.array(["Merkez"]),
            }
        ),
        rewritten,
    )
    assert main(command) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["computed"], again["restatements"]) == (1, 1)
    restatement = Restatement.objects.get()
    assert (restatement.stored, restatement.computed) == (Decimal(20), Decimal(21))
    assert restatement.figure.indicator.code == "IC-01"


def test_without_definitions_of_its_own_nothing_is_computed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dataset_load(dataset=small_dataset())  # a dataset without indicator_definitions.yaml
    member_create(
        administration="ornek-su", username="yonetici", password="x" * 14, role=Role.ADMIN
    )
    folder = events(tmp_path / "olaylar")
    command = [
        *("indicators", "compute", "--year", str(YEAR), "--events", str(folder)),
        *("--store", "--user", "yonetici"),
    ]
    assert main(command) == 4
    assert "no definition" in capsys.readouterr().err
    assert not ComputedFigure.objects.exists()
