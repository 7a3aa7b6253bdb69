"""The conformance rule: only operations shown equal on both engines are compiled.

Every operation of `karne.compute.compile.OPERATIONS` (flow, cumulative flow, stock with and
without `until`, every filter operator, events and distinct persons, every breakdown, ratio) is
computed over one small event set on DuckDB and on Spark, and both must equal the plain-Python
oracle of test_oracle.py, and so each other. The events are written here, partitioned as
`karne synth` writes them, with what SQL engines disagree about when they do: null dates, null
filtered columns, null persons, 31.12 and 01.01, 29.02.2024, a missing or "unknown" age band,
permits ending on the quarter's last day.

Spark needs PySpark and a Java runtime (`make java`); where either is missing its cases are
skipped with the reason, except when CI=true or KARNE_REQUIRE_SPARK=1, where they fail. One
Spark session serves the module. The PostgreSQL pass of `make test` (KARNE_DATABASE_URL set)
runs the same suite a second time: nothing here touches a database, so Spark's cases run in the
first pass only. No case has a django_db mark: the test database is never set up for them.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from karne.compute import engines
from karne.compute.compile import OPERATIONS, operations
from karne.compute.run import ComputedValue, Engine, find_source
from karne.core.definitions import (
    BREAKDOWNS,
    CountKind,
    DefinitionKind,
    Filter,
    FilterOp,
    IndicatorDefinition,
)
from tests.compute.test_oracle import counted, measure, ratio, split

D = datetime.date
REQUIRED = os.environ.get("CI") == "true" or os.environ.get("KARNE_REQUIRE_SPARK") == "1"
SECOND_PASS = bool(os.environ.get("KARNE_DATABASE_URL"))
MISSING = engines.spark_missing()

PERIODS = ((2023, 4), (2024, 1))
COLUMNS: dict[str, pa.DataType] = {
    "person_id": pa.int64(),
    "day": pa.date32(),
    "ends": pa.date32(),
    "status": pa.string(),
    "province": pa.string(),
    "nationality": pa.string(),
    "sex": pa.string(),
    "age_band": pa.string(),
}
# person, day, ends (a stock's), status, province, nationality, sex, age band
EDGES: list[tuple[Any, ...]] = [
    (1, D(2023, 12, 31), None, "kabul", "34", "SYR", "F", "18-29"),  # Q4's last day
    (1, D(2024, 1, 1), D(2024, 3, 31), "kabul", "34", "SYR", "F", "18-29"),  # ends on Q1's end
    (2, D(2024, 2, 29), D(2024, 6, 30), "ret", "06", "AFG", "M", None),  # leap day, no band
    (3, D(2024, 2, 29), D(2024, 1, 15), None, "06", None, "M", "unknown"),  # no status
    (4, None, None, "kabul", "35", "IRQ", "F", "30-44"),  # no date: in no period
    (None, D(2024, 3, 31), None, "ret", None, "SYR", None, "0-17"),  # no person, no province
    (5, D(2024, 4, 1), None, "kabul", "01", "IRN", "M", "65+"),  # Q2's first day
    (5, D(2023, 10, 1), D(2023, 12, 31), "ret", "01", "IRN", "M", "65+"),  # ends on Q4's end
    (6, D(2023, 1, 1), D(2024, 1, 1), "kabul", "34", "UKR", "F", "45-64"),  # 01.01, ends 01.01
    (None, None, None, None, None, None, None, None),  # nothing known
]
DAYS = [
    *(D(2022, 12, 31), D(2023, 1, 1), D(2023, 9, 30), D(2023, 10, 1), D(2023, 12, 31)),
    *(D(2024, 1, 1), D(2024, 2, 28), D(2024, 2, 29), D(2024, 3, 1), D(2024, 3, 31)),
]


def _random_rows(count: int) -> list[tuple[Any, ...]]:
    """More rows around the edges, some fields null (the same ones on every run)."""
    draw = random.Random(11)

    def maybe(value: Any, share: float = 0.15) -> Any:
        return None if draw.random() < share else value

    def day() -> D:
        if draw.random() < 0.5:
            return draw.choice(DAYS)
        return D(2023, 1, 1) + datetime.timedelta(days=draw.randrange(500))

    rows = []
    for _ in range(count):
        start = day()
        rows.append(
            (
                maybe(draw.randrange(1, 40)),
                maybe(start, 0.05),
                maybe(start + datetime.timedelta(days=draw.choice([0, 1, 30, 90, 200])), 0.4),
                maybe(draw.choice(["kabul", "ret", "bekliyor"])),
                maybe(draw.choice(["01", "06", "34", "35"]), 0.05),
                maybe(draw.choice(["SYR", "AFG", "IRQ"]), 0.05),
                maybe(draw.choice(["F", "M"]), 0.05),
                maybe(draw.choice(["0-17", "18-29", "30-44", "45-64", "65+", "unknown"]), 0.1),
            )
        )
    return rows


Row = dict[str, Any]
ROWS: list[Row] = [dict(zip(COLUMNS, row, strict=True)) for row in EDGES + _random_rows(240)]


def _write(folder: Path) -> Path:
    """`olay/year=YYYY/quarter=Q/part-K.parquet` by the year and quarter of `day`, two files
    where a partition has enough rows (as synth's chunks); dateless rows with 2023 Q1."""
    parts: dict[tuple[int, int], list[Row]] = {}
    for row in ROWS:
        day = row["day"] or D(2023, 1, 1)
        parts.setdefault((day.year, (day.month - 1) // 3 + 1), []).append(row)
    for (year, quarter), rows in sorted(parts.items()):
        partition = folder / "olay" / f"year={year}" / f"quarter={quarter}"
        partition.mkdir(parents=True)
        half = len(rows) // 2 if len(rows) > 4 else len(rows)
        for k, chunk in enumerate((rows[:half], rows[half:])):
            if chunk:
                table = pa.table(
                    {name: pa.array([r[name] for r in chunk], t) for name, t in COLUMNS.items()}
                )
                pq.write_table(table, partition / f"part-{k}.parquet")
    return folder


def _count(**changes: Any) -> IndicatorDefinition:
    base = IndicatorDefinition(
        id="uyum",
        indicator="GYH-11",
        source="olay",
        count=CountKind.EVENTS,
        date="day",
        kind=DefinitionKind.FLOW,
    )
    if changes.get("count") is CountKind.PERSONS:
        changes.setdefault("person", "person_id")
    return dataclasses.replace(base, **changes)


def _ratio(
    ident: str, numerator: IndicatorDefinition, denominator: IndicatorDefinition
) -> IndicatorDefinition:
    return dataclasses.replace(
        numerator,
        id=ident,
        kind=DefinitionKind.RATIO,
        filter=(),
        breakdowns=(),
        numerator=dataclasses.replace(numerator, id=f"{ident}.numerator"),
        denominator=dataclasses.replace(denominator, id=f"{ident}.denominator"),
    )


ALL = tuple(BREAKDOWNS)
IN = Filter("status", FilterOp.IN, ("kabul", "ret"))
CASES: dict[str, IndicatorDefinition] = {
    "flow, events, =, every breakdown": _count(
        filter=(Filter("status", FilterOp.EQ, ("kabul",)),), breakdowns=ALL
    ),
    "cumulative flow, persons, !=, two breakdowns": _count(
        count=CountKind.PERSONS,
        cumulative=True,
        filter=(Filter("status", FilterOp.NE, ("ret",)),),
        breakdowns=("age_band", "province"),
    ),
    "stock, events, in and is not null": _count(
        kind=DefinitionKind.STOCK, filter=(IN, Filter("age_band", FilterOp.IS_NOT_NULL))
    ),
    "stock until, persons, not in": _count(
        kind=DefinitionKind.STOCK,
        until="ends",
        count=CountKind.PERSONS,
        filter=(Filter("province", FilterOp.NOT_IN, ("34", "06")),),
    ),
    "flow, events, is null": _count(filter=(Filter("status", FilterOp.IS_NULL),)),
    "ratio of a flow to a stock until": _ratio(
        "oran",
        _count(filter=(Filter("status", FilterOp.EQ, ("kabul",)),)),
        _count(kind=DefinitionKind.STOCK, until="ends", filter=(IN,)),
    ),
    "ratio with a denominator of 0": _ratio(
        "sifir",
        _count(cumulative=True, count=CountKind.PERSONS),
        _count(filter=(Filter("status", FilterOp.EQ, ("yok",)),)),
    ),
    "flow by a date the files are not partitioned by, events, in": _count(
        date="ends", filter=(IN,), breakdowns=("province", "sex")
    ),
}
PARAMS = [
    pytest.param(name, year, quarter, id=f"{name} {year}Q{quarter}")
    for name in CASES
    for year, quarter in PERIODS
]


def test_every_operation_is_covered() -> None:
    # `Engine.compute` runs `compile_quarters` (one quarter, or all four at once below), its
    # partitions pruned where the date is `day`, the files' partition date (next test).
    covered: set[str] = set()
    for definition in CASES.values():
        partitioned = all(m.date == "day" for m in definition.measures)
        covered |= operations(definition, breakdowns=True, together=True, partitioned=partitioned)
    assert covered == set(OPERATIONS)


def test_the_events_are_partitioned_by_day(events: Path) -> None:
    assert find_source(events, "olay").partition_dates == {"day"}


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory.mktemp("conformance"))


@pytest.fixture(scope="module")
def duckdb(events: Path) -> Engine:
    return Engine(events, "duckdb")


def require_spark() -> None:
    """Skip a Spark case where it must not run (the second pass) or cannot (no PySpark or
    Java), unless Spark is required, where it fails."""
    if SECOND_PASS:
        pytest.skip("Spark's cases run once, in the SQLite pass")
    if MISSING and REQUIRED:
        pytest.fail(f"Spark is required (CI=true or KARNE_REQUIRE_SPARK=1): {MISSING}")
    if MISSING:
        pytest.skip(f"Spark cases skipped: {MISSING}")


@pytest.fixture(scope="module")
def spark(events: Path) -> Iterator[Engine]:
    require_spark()
    session = engines.spark_session(engines.QUICK_START)
    try:
        yield Engine(events, "spark")
    finally:
        session.stop()


def expected(d: IndicatorDefinition, year: int, quarter: int) -> tuple[Any, ...]:
    if d.kind is DefinitionKind.RATIO:
        value, numerator, denominator = ratio(ROWS, d, year, quarter)
        reason = None if value is not None else "the denominator is 0"
        return value, numerator, denominator, reason, {}
    kept = counted(ROWS, d, year, quarter)
    splits = {name: dict(sorted(split(kept, d, BREAKDOWNS[name]).items())) for name in d.breakdowns}
    return measure(kept, d), None, None, None, splits


def found(computed: ComputedValue) -> tuple[Any, ...]:
    c = computed
    return c.value, c.numerator, c.denominator, c.reason, c.breakdowns


def _orders(computed: ComputedValue) -> list[list[str]]:
    return [list(values) for values in computed.breakdowns.values()]


def _pruned(computed: ComputedValue) -> bool:
    return all(
        "quarter" in m.query for m in (computed.provenance.measures or [computed.provenance])
    )


@pytest.mark.parametrize(("case", "year", "quarter"), PARAMS)
def test_duckdb_equals_the_oracle(duckdb: Engine, case: str, year: int, quarter: int) -> None:
    d = CASES[case]
    computed = duckdb.compute(d, year, quarter, breakdowns=True)
    assert found(computed) == expected(d, year, quarter)
    assert _orders(computed) == [sorted(keys) for keys in _orders(computed)]
    assert computed.provenance.engine == "duckdb"


@pytest.mark.parametrize(("case", "year", "quarter"), PARAMS)
def test_spark_equals_duckdb_and_the_oracle(
    spark: Engine, duckdb: Engine, case: str, year: int, quarter: int
) -> None:
    import pyspark

    d = CASES[case]
    computed = spark.compute(d, year, quarter, breakdowns=True)
    on_duckdb = duckdb.compute(d, year, quarter, breakdowns=True)
    assert found(computed) == expected(d, year, quarter) == found(on_duckdb)
    assert _orders(computed) == _orders(on_duckdb)
    assert computed.provenance.matched_rows == on_duckdb.provenance.matched_rows
    provenance = computed.provenance
    assert (provenance.engine, provenance.engine_version) == ("spark", pyspark.__version__)
    assert computed.provenance.source_fingerprint == on_duckdb.provenance.source_fingerprint
    assert _pruned(computed) == _pruned(on_duckdb) == ("not partitioned" not in case)


QUARTERS = [
    pytest.param(name, year, id=f"{name} {year}") for name in CASES for year in (2023, 2024)
]


@pytest.mark.parametrize(("case", "year"), QUARTERS)
def test_all_quarters_at_once_on_both_engines(
    spark: Engine, duckdb: Engine, case: str, year: int
) -> None:
    """The four quarters in one query (`compute_quarters`) on each engine, each quarter
    equal to the oracle's."""
    d = CASES[case]
    for engine in (duckdb, spark):
        computed = engine.compute_quarters(d, year, [1, 2, 3, 4], breakdowns=True)
        assert [c.quarter for c in computed] == [1, 2, 3, 4]
        for c in computed:
            assert found(c) == expected(d, year, c.quarter), (engine.connected.engine, c.quarter)
            assert _orders(c) == [sorted(keys) for keys in _orders(c)]
