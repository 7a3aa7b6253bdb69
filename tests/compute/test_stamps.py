"""Which files can hold a quarter's rows, and incremental recomputation equal to a full one."""

from __future__ import annotations

import dataclasses
import datetime
import os
import tempfile
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from karne.compute.run import Engine, compute_all
from karne.compute.stamps import Footers, Stamp, refresh
from karne.core.definitions import (
    CountKind,
    DefinitionKind,
    Filter,
    FilterOp,
    IndicatorDefinition,
)

D = datetime.date
Row = tuple[int | None, D | None, D | None, str | None]

FLOW = IndicatorDefinition(
    "akis", "X-1", "t", CountKind.EVENTS, "d", DefinitionKind.FLOW,
    filter=(Filter("status", FilterOp.IN, ("a", "b")),),
)  # fmt: skip
STOCK = IndicatorDefinition(
    "stok", "X-2", "t", CountKind.EVENTS, "d", DefinitionKind.STOCK, until="until"
)
PERSONS = IndicatorDefinition(
    "kisi", "X-3", "t", CountKind.PERSONS, "d", DefinitionKind.FLOW, person="person_id"
)
DEFINITIONS = (FLOW, STOCK, PERSONS)
QUARTERS = (1, 2, 3, 4)


def write(events: Path, name: str, rows: list[Row], *, statistics: bool = True) -> Path:
    path = events / "t" / "year=2023" / "quarter=1" / f"{name}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    columns: list[tuple[object, ...]] = list(zip(*rows, strict=True)) if rows else [()] * 4
    table = pa.table(
        {
            "person_id": pa.array(columns[0], pa.int64()),
            "d": pa.array(columns[1], pa.date32()),
            "until": pa.array(columns[2], pa.date32()),
            "status": pa.array(columns[3], pa.string()),
        }
    )
    pq.write_table(table, path, write_statistics=statistics)
    return path


def names(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def test_a_file_holds_a_quarter_by_its_footer_not_its_folder(tmp_path: Path) -> None:
    write(tmp_path, "q1", [(1, D(2023, 1, 1), None, "a"), (2, D(2023, 3, 31), None, "b")])
    write(tmp_path, "q3", [(3, D(2023, 7, 1), D(2023, 9, 30), "a")])
    write(tmp_path, "empty-dates", [(4, None, None, "a")])
    write(tmp_path, "no-stats", [(5, D(2023, 8, 1), None, "a")], statistics=False)
    footers = Footers(tmp_path)
    assert names(footers.holding(FLOW, 2023, 1)) == ["no-stats", "q1"]
    assert names(footers.holding(FLOW, 2023, 2)) == ["no-stats"]
    assert names(footers.holding(STOCK, 2023, 3)) == ["no-stats", "q1", "q3"]
    assert names(footers.holding(STOCK, 2022, 4)) == ["no-stats"]


def test_a_ratio_holds_the_files_of_both_measures(tmp_path: Path) -> None:
    write(tmp_path, "q1", [(1, D(2023, 1, 1), None, "a")])
    write(tmp_path, "q3", [(3, D(2023, 7, 1), None, "a")])
    ratio = dataclasses.replace(
        FLOW, id="oran", kind=DefinitionKind.RATIO, numerator=FLOW, denominator=STOCK
    )
    cumulative = dataclasses.replace(FLOW, cumulative=True)
    footers = Footers(tmp_path)
    assert names(footers.holding(ratio, 2023, 3)) == ["q1", "q3"]  # the stock's: both
    assert names(footers.holding(FLOW, 2023, 3)) == ["q3"]
    assert names(footers.holding(cumulative, 2023, 3)) == ["q1", "q3"]  # from 1 January


def test_a_stamp_changes_with_the_files_that_can_hold_the_quarter(tmp_path: Path) -> None:
    write(tmp_path, "q1", [(1, D(2023, 2, 1), None, "a")])
    q3 = write(tmp_path, "q3", [(3, D(2023, 8, 1), None, "a")])
    footers = Footers(tmp_path)
    before = {q: footers.stamp(FLOW, 2023, q) for q in QUARTERS}
    write(tmp_path, "q3", [(3, D(2023, 8, 1), None, "a"), (4, D(2023, 8, 2), None, "b")])
    os.utime(q3, ns=(1, 10**18))
    after = {q: footers.stamp(FLOW, 2023, q) for q in QUARTERS}
    assert [before[q] == after[q] for q in QUARTERS] == [True, True, False, True]
    assert after[1].definition_hash == FLOW.hash


def test_an_unchanged_quarter_is_not_computed_again(tmp_path: Path) -> None:
    write(tmp_path, "q1", [(1, D(2023, 2, 1), None, "a")])
    footers = Footers(tmp_path)
    first = refresh(Engine(tmp_path), DEFINITIONS, 2023, QUARTERS, footers, {})
    stored = {(v.indicator, 2023, v.quarter): s for v, s in first}
    assert len(first) == 12
    write(tmp_path, "q4", [(2, D(2023, 11, 5), None, "a")])
    second = refresh(Engine(tmp_path), DEFINITIONS, 2023, QUARTERS, footers, stored)
    # the new file holds Q4's flows and Q4's stock only
    assert sorted((v.indicator, v.quarter) for v, _ in second) == [
        ("X-1", 4),
        ("X-2", 4),
        ("X-3", 4),
    ]
    full = refresh(Engine(tmp_path), DEFINITIONS, 2023, QUARTERS, footers, stored, full=True)
    assert len(full) == 12


EDGES = [D(2022, 12, 31), D(2023, 1, 1), D(2023, 3, 31), D(2023, 4, 1), D(2023, 12, 31)]
days = st.one_of(st.none(), st.sampled_from(EDGES), st.dates(D(2022, 10, 1), D(2024, 3, 31)))
rows = st.lists(
    st.tuples(
        st.one_of(st.none(), st.integers(1, 5)),
        days,
        days,
        st.one_of(st.none(), st.sampled_from(["a", "b", "c"])),
    ),
    max_size=12,
)
changes = st.lists(
    st.tuples(st.sampled_from(["write", "delete"]), st.integers(0, 3), rows),
    min_size=1,
    max_size=4,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes)
def test_incremental_recomputation_equals_a_full_one(
    steps: list[tuple[str, int, list[Row]]],
) -> None:
    """Files written, rewritten and deleted in any order: after each change the figures kept
    up to date incrementally are those a full computation finds."""
    with tempfile.TemporaryDirectory() as folder:
        events = Path(folder)
        write(events, "base", [(1, D(2023, 5, 5), None, "a")])
        footers = Footers(events)  # one reader for the whole run, as a long process keeps
        kept: dict[tuple[str, int, int], tuple[Stamp, int | Decimal | None]] = {}
        clock = 10**18
        for action, slot, data in steps:
            path = events / "t" / "year=2023" / "quarter=1" / f"part-{slot}.parquet"
            if action == "delete":
                path.unlink(missing_ok=True)
            else:
                write(events, path.stem, data)
                clock += 10**9  # a later write is a later modification time
                os.utime(path, ns=(clock, clock))
            stamps = {k: s for k, (s, _) in kept.items()}
            for value, stamp in refresh(
                Engine(events), DEFINITIONS, 2023, QUARTERS, footers, stamps
            ):
                kept[(value.indicator, 2023, value.quarter)] = (stamp, value.value)
            full = compute_all(DEFINITIONS, events, 2023, QUARTERS)
            assert {k: v for k, (_, v) in kept.items()} == {
                (v.indicator, 2023, v.quarter): v.value for v in full
            }
