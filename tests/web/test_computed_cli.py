"""`karne indicators compute --store`: the figures of generated events stored as proposals,
computed again only where their files changed."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import karne
from karne.cli.indicators import reference_definitions_path
from karne.cli.main import main
from karne.compute.synth import minimum_events
from karne.core.records import Dataset
from karne.dataformat.definitions import read_definitions
from karne.monitoring.models import ComputedFigure, MonitoringPeriod

DEFINITIONS = len(
    read_definitions(
        reference_definitions_path(Path(karne.__file__).parent / "data" / "goc-idaresi-2023")
    )
)
PUBLISHED_GYH_11 = {"Q1": 13118, "Q2": 15310, "Q3": 17414, "Q4": 48664}


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("events") / "olaylar"
    assert main(["synth", "--events", str(minimum_events(True)), "--out", str(out)]) == 0
    return out


def store(events: Path, *extra: str, user: str = "strateji") -> list[str]:
    return [
        *("indicators", "compute", "--year", "2023", "--events", str(events)),
        *("--store", "--user", user, "--json", *extra),
    ]


def test_stored_once_then_only_what_changed(
    site: MonitoringPeriod, events: Path, reference: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(store(events)) == 0
    first = json.loads(capsys.readouterr().out)
    every = 4 * DEFINITIONS
    assert (first["computed"], first["created"], first["skipped"]) == (every, every, 0)
    computed = {
        f.period: f for f in ComputedFigure.objects.filter(indicator__code="GYH-11", year=2023)
    }
    assert {p: int(f.value or 0) for p, f in computed.items()} == PUBLISHED_GYH_11
    # calibrated: every proposal is the quarter the reference published
    published = {
        (r.indicator, r.period.value): r.value for r in reference.realizations if r.year == 2023
    }
    stored = ComputedFigure.objects.filter(year=2023).values_list(
        "indicator__code", "period", "value"
    )
    assert all(published[(code, period)] == value for code, period, value in stored)
    q1 = computed["Q1"]
    assert q1.provenance["engine"] == "duckdb"
    assert q1.provenance["matched_rows"] == 13118
    assert q1.definition == "uk-sonuclandirilan"
    assert sum(q1.breakdowns["sex"].values()) == 13118
    assert set(q1.breakdowns) == {"province", "nationality", "sex", "age_band"}

    assert main(store(events)) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["computed"], again["skipped"]) == (0, every)

    assert main(store(events, "--quarter", "4", "--full")) == 0
    q4 = json.loads(capsys.readouterr().out)
    assert (q4["computed"], q4["unchanged"], q4["quarters"]) == (DEFINITIONS, DEFINITIONS, [4])
    assert ComputedFigure.objects.filter(year=2023).count() == every
    assert ComputedFigure.objects.get(indicator__code="GYH-11", period="Q4").value == Decimal(48664)


def test_storing_needs_a_member_who_may(
    site: MonitoringPeriod, events: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(store(events, user="veri.ukgm")) == 3
    assert "computed.store" in capsys.readouterr().err
    assert main(store(events, user="kimse")) == 3
    command = store(events)
    assert main([*command[: command.index("--user")], "--json"]) == 2
    assert "--store needs --user" in capsys.readouterr().err
    assert not ComputedFigure.objects.exists()
