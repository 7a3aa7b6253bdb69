"""`karne synth`: deterministic by seed, GöçNet-like, and calibrated on the reference."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pytest

from karne.cli.indicators import reference_definitions_path
from karne.compute.run import compute_all
from karne.compute.synth import (
    CALIBRATIONS,
    EVENT_TABLES,
    PROVINCES,
    PUBLISHED,
    SHARE_COUNTS,
    TABLES,
    TARGETS,
    WEIGHTS,
    SynthError,
    calibrated_rows,
    minimum_events,
    synthesize,
)
from karne.core.definitions import AGE_BANDS
from karne.core.periods import PeriodCode
from karne.core.records import Dataset
from karne.dataformat.definitions import read_definitions

# The published figures shrunk: the calibration's mechanism on a small set (history, chunks).
SMALL = {
    code: {q: max(5, v // 200) for q, v in quarters.items()} for code, quarters in TARGETS.items()
}
SHARES = set(SHARE_COUNTS)  # their computed value is the published percentage, not the count


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*.parquet"))
    }


def rows_of(folder: Path, table: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = (
        ds.dataset(folder / table, partitioning="hive").to_table().to_pylist()
    )
    return rows


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    first = synthesize(30_000, 7, tmp_path / "a", calibrate=False)
    synthesize(30_000, 7, tmp_path / "b", calibrate=False)
    synthesize(30_000, 8, tmp_path / "c", calibrate=False)
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    assert digests(tmp_path / "a") != digests(tmp_path / "c")
    assert sum(first.rows.values()) == 30_000
    assert first.files == len(digests(tmp_path / "a"))
    assert first.calibrated == ()
    # Calibrated too, in chunks.
    synthesize(36_000, 7, tmp_path / "d", targets=SMALL, chunk=3_000)
    synthesize(36_000, 7, tmp_path / "e", targets=SMALL, chunk=3_000)
    assert digests(tmp_path / "d") == digests(tmp_path / "e")


def test_a_large_set_is_written_in_chunks(tmp_path: Path) -> None:
    summary = synthesize(30_000, 7, tmp_path / "a", calibrate=False, chunk=4_000)
    synthesize(30_000, 7, tmp_path / "b", calibrate=False, chunk=4_000)
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    names = {p.name for p in (tmp_path / "a").rglob("*.parquet")}
    assert summary.rows["yimer_cagri"] == 13_044  # the largest table: 4 chunks
    assert names == {f"part-{k}.parquet" for k in range(4)}
    assert summary.files == len(digests(tmp_path / "a"))
    for table, rows in summary.rows.items():
        assert ds.dataset(tmp_path / "a" / table).count_rows() == rows
    with pytest.raises(SynthError, match="at least one event"):
        synthesize(30_000, 7, tmp_path / "c", calibrate=False, chunk=0)


def test_the_events_look_like_goecnet_s(tmp_path: Path) -> None:
    synthesize(60_000, 1, tmp_path, calibrate=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(TABLES)
    assert len(TABLES) == 12
    quarters = {p.parent.name for p in tmp_path.glob("*/year=*/quarter=*/part-0.parquet")}
    assert quarters == {"quarter=1", "quarter=2", "quarter=3", "quarter=4"}
    for table in TABLES:
        years = {p.name for p in tmp_path.glob(f"{table}/year=*")}
        assert years == {f"year={y}" for y in range(2020, 2025)}, table
    rows = rows_of(tmp_path, "yakalama")
    assert {r["province"] for r in rows} == set(PROVINCES)
    assert len(PROVINCES) == 81
    assert {r["age_band"] for r in rows} == set(AGE_BANDS)
    assert {r["sex"] for r in rows} == {"F", "M"}
    people = [r["person_id"] for r in rows]
    assert len(set(people)) < len(people)  # persons with several events
    # A person is the same person in every row of every table: one nationality, sex, age band.
    seen: dict[int, tuple[str, str, str]] = {}
    for table in TABLES:
        for r in rows_of(tmp_path, table):
            if r["person_id"] is not None:
                who = (r["nationality"], r["sex"], r["age_band"])
                assert seen.setdefault(r["person_id"], who) == who
    # Seasons: apprehensions peak in summer, courses start in winter and autumn.
    by_month = [0] * 12
    for r in rows:
        by_month[r["apprehended_on"].month - 1] += 1
    assert by_month[7] > 2 * by_month[0]
    courses = [0] * 12
    for r in rows_of(tmp_path, "uyum_kursu"):
        courses[r["started_on"].month - 1] += 1
    assert courses[0] > 2 * courses[7]
    # Each row is in the partition of its date.
    for events in EVENT_TABLES:
        for r in rows_of(tmp_path, events.name):
            day = r[events.date]
            assert (r["year"], r["quarter"]) == (day.year, (day.month - 1) // 3 + 1)
            for category in events.categories:
                assert r[category.column] in category.values
    # Temporary protection is for Syrians; a third of the calls are anonymous (no person at all).
    assert {r["nationality"] for r in rows_of(tmp_path, "gecici_koruma_guncelleme")} == {"SYR"}
    assert {r["nationality"] for r in rows_of(tmp_path, "ozel_ihtiyac")} == {"SYR"}
    # Uncalibrated, some readmission requests stay unanswered (3 % on average).
    requests = [r["status"] for r in rows_of(tmp_path, "geri_kabul_talebi")]
    assert 0 < requests.count("yanitlanmadi") < len(requests) / 5
    calls = rows_of(tmp_path, "yimer_cagri")
    anonymous = [r for r in calls if r["person_id"] is None]
    assert 0.3 < len(anonymous) / len(calls) < 0.4
    columns = ("province", "nationality", "sex", "age_band")
    assert all(r[c] is None for r in anonymous for c in columns)


def test_pending_applications_have_no_decision(tmp_path: Path) -> None:
    synthesize(30_000, 3, tmp_path, calibrate=False)
    rows = ds.dataset(tmp_path / "uluslararasi_koruma").to_table().to_pylist()
    pending = [r for r in rows if r["decided_on"] is None]
    assert pending
    assert all(r["decision"] is None for r in pending)
    decided = [r for r in rows if r["decided_on"] is not None]
    assert all(r["decision"] in ("kabul", "ret") for r in decided)
    assert all(r["decided_on"] >= r["applied_on"] for r in decided)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Calibrated on SMALL, with history and in chunks."""
    out = tmp_path_factory.mktemp("small") / "events"
    assert minimum_events(True, SMALL) == 34_523
    synthesize(80_000, 2023, out, targets=SMALL, chunk=3_000)
    return out


def test_permits_are_valid_a_year_or_two_or_cancelled_at_a_calibrated_end(small: Path) -> None:
    ends = {datetime.date(2023, 3, 31), datetime.date(2023, 6, 30)}
    ends |= {datetime.date(2023, 9, 30), datetime.date(2023, 12, 31)}
    cancelled = 0
    for r in rows_of(small, "ikamet"):
        if r["valid_until"] is None:
            assert r["permit_type"] == "uzun_donem"
        elif (r["valid_until"] - r["issued_on"]).days not in (365, 730):
            assert r["valid_until"] in ends
            cancelled += 1
    assert cancelled > 0


def published(reference: Dataset, code: str) -> dict[tuple[int, int], int]:
    return {
        (r.year, int(r.period.value[1])): int(r.value)
        for r in reference.realizations
        if r.indicator == code and r.period is not PeriodCode.YEAR and r.value is not None
    }


def test_every_calibration_holds_on_a_small_set_with_history(
    small: Path, reference_path: Path
) -> None:
    definitions = read_definitions(reference_definitions_path(reference_path))
    assert {d.indicator for d in definitions} == set(SMALL)
    values = compute_all(definitions, small, 2023, [1, 2, 3, 4])
    assert {(v.indicator, v.year, v.quarter): v.value for v in values} == {
        (code, *q): 100 if code in SHARES else n
        for code, quarters in SMALL.items()
        for q, n in quarters.items()
    }
    shares = [v for v in values if v.indicator in SHARES]
    assert {(v.indicator, v.quarter): v.denominator for v in shares} == {
        (code, q[1]): n for code in SHARES for q, n in SMALL[code].items()
    }
    # Other years are random history, not copies.
    earlier = compute_all(definitions, small, 2022, [3])
    counts = [v.value for v in earlier if v.indicator not in {"DG-07", *SHARES}]  # DG-07: 1 %
    assert all(isinstance(n, int) and n > 0 for n in counts)
    # Every request of 2023 was answered (DG-02's 100 %).
    requests = rows_of(small, "geri_kabul_talebi")
    assert {r["status"] for r in requests if r["year"] == 2023} == {"yanitlandi"}
    assert sum(1 for p in small.glob("*/year=*/quarter=*/part-1.parquet")) > 0


def test_the_published_figures_are_the_reference_s(reference: Dataset) -> None:
    for code, quarters in PUBLISHED.items():
        assert published(reference, code) == quarters, code
    for code in SHARE_COUNTS:  # drawn every request answered: the published 100 %
        assert set(published(reference, code).values()) == {100}, code
    kinds = {i.code: i.kind for i in reference.pp_indicators}
    assert {c.indicator for c in CALIBRATIONS} == set(TARGETS)
    assert all(kinds[code].value in ("flow", "stock") for code in PUBLISHED)
    assert all(kinds[code].value == "ratio" for code in SHARE_COUNTS)


@pytest.fixture(scope="module")
def reference_scale(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default seed at the fewest events that calibrate every indicator."""
    out = tmp_path_factory.mktemp("reference") / "events"
    summary = synthesize(minimum_events(True), 2023, out)
    assert summary.calibrated == tuple(c.indicator for c in CALIBRATIONS)
    assert summary.rows == {
        name: calibrated_rows(TARGETS).get(name, w) for name, w in WEIGHTS.items()
    }
    return out


def test_the_default_seed_computes_the_published_2023_quarters(
    reference_scale: Path, reference: Dataset, reference_path: Path
) -> None:
    assert minimum_events(True) == sum(WEIGHTS.values()) == 6_905_299
    definitions = read_definitions(reference_definitions_path(reference_path))
    values = compute_all(definitions, reference_scale, 2023, [1, 2, 3, 4])
    assert len(values) == 4 * len(TARGETS)
    for value in values:
        assert value.value == published(reference, value.indicator)[(2023, value.quarter)], value


def test_what_cannot_be_written_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SynthError, match="at least 6905299 events"):
        synthesize(6_905_298, 2023, tmp_path / "small")
    with pytest.raises(SynthError, match="no calibration for GYH-99"):
        synthesize(1_000, 2023, tmp_path / "small", targets={"GYH-99": {(2023, 1): 3}})
    with pytest.raises(SynthError, match="grows too fast"):
        synthesize(
            1_000_000,
            2023,
            tmp_path / "small",
            targets={"GYH-01": {(2023, 1): 1, (2023, 2): 100, (2023, 3): 100}},
        )
    targets = {"DG-01": {(2023, 1): 10}, "DG-07": {(2023, 1): 20}}
    with pytest.raises(SynthError, match="fewer than the rows counted"):
        synthesize(1_000_000, 2023, tmp_path / "small", targets=targets)
    assert not (tmp_path / "small").exists()
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SynthError, match="not an empty folder"):
        synthesize(1000, 2023, tmp_path / "used", calibrate=False)
    assert [p.name for p in (tmp_path / "used").iterdir()] == ["keep.txt"]
