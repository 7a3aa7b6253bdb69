"""`karne synth`: deterministic by seed, GöçNet-like, and calibrated on the reference."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from karne.cli.indicators import reference_definitions_path
from karne.compute.run import compute_all
from karne.compute.synth import (
    CALIBRATION,
    CHUNK,
    PROVINCES,
    SynthError,
    minimum_events,
    synthesize,
)
from karne.core.definitions import AGE_BANDS
from karne.core.periods import PeriodCode
from karne.core.records import Dataset
from karne.dataformat.definitions import read_definitions


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*.parquet"))
    }


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    first = synthesize(30_000, 7, tmp_path / "a", calibrate=False)
    synthesize(30_000, 7, tmp_path / "b", calibrate=False)
    synthesize(30_000, 8, tmp_path / "c", calibrate=False)
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    assert digests(tmp_path / "a") != digests(tmp_path / "c")
    assert sum(first.rows.values()) == 30_000
    assert first.files == len(digests(tmp_path / "a"))


def test_a_large_set_is_written_in_chunks(tmp_path: Path) -> None:
    summary = synthesize(30_000, 7, tmp_path / "a", calibrate=False, chunk=4_000)
    synthesize(30_000, 7, tmp_path / "b", calibrate=False, chunk=4_000)
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    names = {p.name for p in (tmp_path / "a").rglob("*.parquet")}
    assert names == {f"part-{k}.parquet" for k in range(4)}  # ikamet: 15,000 rows
    assert summary.files == len(digests(tmp_path / "a"))
    for table, rows in summary.rows.items():
        assert ds.dataset(tmp_path / "a" / table).count_rows() == rows
    with pytest.raises(SynthError, match="at least one event"):
        synthesize(30_000, 7, tmp_path / "c", calibrate=False, chunk=0)


def test_the_events_look_like_goecnet_s(tmp_path: Path) -> None:
    synthesize(60_000, 1, tmp_path, calibrate=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ikamet",
        "uluslararasi_koruma",
        "yakalama",
    ]
    quarters = {p.parent.name for p in tmp_path.glob("*/year=*/quarter=*/part-0.parquet")}
    assert quarters == {"quarter=1", "quarter=2", "quarter=3", "quarter=4"}
    years = {p.name for p in tmp_path.glob("ikamet/year=*")}
    assert years == {f"year={y}" for y in range(2020, 2025)}
    rows = ds.dataset(tmp_path / "yakalama", partitioning="hive").to_table().to_pylist()
    assert {r["province"] for r in rows} == set(PROVINCES)
    assert len(PROVINCES) == 81
    assert {r["age_band"] for r in rows} == set(AGE_BANDS)
    assert {r["sex"] for r in rows} == {"F", "M"}
    people = [r["person_id"] for r in rows]
    assert len(set(people)) < len(people)  # persons with several events
    # A person is the same person in every row: one nationality, sex and age band.
    seen: dict[int, tuple[str, str, str]] = {}
    for r in rows:
        who = (r["nationality"], r["sex"], r["age_band"])
        assert seen.setdefault(r["person_id"], who) == who
    # Seasons: apprehensions peak in summer.
    by_month = [0] * 12
    for r in rows:
        by_month[r["apprehended_on"].month - 1] += 1
    assert by_month[7] > 2 * by_month[0]
    # Each row is in the partition of its date.
    for r in rows:
        day = r["apprehended_on"]
        assert (r["year"], r["quarter"]) == (day.year, (day.month - 1) // 3 + 1)


def test_pending_applications_have_no_decision(tmp_path: Path) -> None:
    synthesize(30_000, 3, tmp_path, calibrate=False)
    rows = ds.dataset(tmp_path / "uluslararasi_koruma").to_table().to_pylist()
    pending = [r for r in rows if r["decided_on"] is None]
    assert pending
    assert all(r["decision"] is None for r in pending)
    decided = [r for r in rows if r["decided_on"] is not None]
    assert all(r["decision"] in ("kabul", "ret") for r in decided)
    assert all(r["decided_on"] >= r["applied_on"] for r in decided)


@pytest.mark.parametrize("chunk", [CHUNK, 50_000])
def test_the_default_seed_computes_the_published_2023_quarters(
    tmp_path: Path, reference: Dataset, reference_path: Path, chunk: int
) -> None:
    assert minimum_events(True) == 472_530
    synthesize(600_000, 2023, tmp_path, chunk=chunk)
    published = {
        (r.year, int(r.period.value[1])): int(r.value)
        for r in reference.realizations
        if r.indicator == "GYH-11" and r.period is not PeriodCode.YEAR and r.value is not None
    }
    assert published == CALIBRATION
    definitions = [
        d
        for d in read_definitions(reference_definitions_path(reference_path))
        if d.indicator == "GYH-11"
    ]
    values = compute_all(definitions, tmp_path, 2023, [1, 2, 3, 4])
    assert {(v.year, v.quarter): v.value for v in values} == CALIBRATION
    # Other years are history, not copies.
    earlier = compute_all(definitions, tmp_path, 2022, [1, 2, 3, 4])
    assert all(isinstance(v.value, int) and v.value > 0 for v in earlier)


def test_what_cannot_be_written_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SynthError, match="at least 472530 events"):
        synthesize(1000, 2023, tmp_path / "small")
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SynthError, match="not an empty folder"):
        synthesize(1000, 2023, tmp_path / "used", calibrate=False)
    assert [p.name for p in (tmp_path / "used").iterdir()] == ["keep.txt"]
