"""Definitions compiled with Ibis and run by DuckDB over small Parquet fixtures: the period's
edges (31.12 / 01.01, 29.02), null dates and values, an unknown age band, distinct persons."""

from __future__ import annotations

import dataclasses
import datetime
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from karne.compute import engines
from karne.compute.compile import (
    DefinitionError,
    compile_quarters,
    compile_value,
    date_span,
    to_sql,
)
from karne.compute.run import Engine, compute_all, find_source
from karne.compute.stamps import window
from karne.core.definitions import (
    CountKind,
    DefinitionKind,
    Filter,
    FilterOp,
    IndicatorDefinition,
)

D = datetime.date
# person, day, status, age band, end (a stock's), province
ROWS = [
    (1, D(2023, 12, 31), "kabul", "18-29", None, "34"),  # the last day of Q4 2023
    (1, D(2024, 1, 1), "kabul", "18-29", D(2024, 3, 31), "34"),  # the first day of 2024
    (2, D(2024, 2, 29), "ret", None, D(2024, 6, 30), "06"),  # leap day, age band missing
    (3, D(2024, 2, 29), None, "unknown", D(2024, 1, 15), "06"),  # no status
    (4, None, "kabul", "30-44", None, "35"),  # no date: in no period
    (None, D(2024, 3, 31), "ret", "0-17", None, "35"),  # no person
    (5, D(2024, 4, 1), "kabul", "65+", None, "01"),  # the first day of Q2 2024
    (5, D(2023, 10, 1), "ret", "65+", D(2023, 12, 31), "01"),  # ends on Q4's last day
]


@pytest.fixture
def events(tmp_path: Path) -> Path:
    columns = list(zip(*ROWS, strict=True))
    table = pa.table(
        {
            "person_id": pa.array(columns[0], pa.int64()),
            "day": pa.array(columns[1], pa.date32()),
            "status": pa.array(columns[2], pa.string()),
            "age_band": pa.array(columns[3], pa.string()),
            "ends": pa.array(columns[4], pa.date32()),
            "province": pa.array(columns[5], pa.string()),
            "amount": pa.array([1, 2, 3, 4, 5, 6, 7, 8], pa.int64()),
        }
    )
    # Files by the day's quarter, as `karne synth` writes them (the dateless row with Q1).
    for (year, quarter), indices in {
        (2023, 4): [0, 7],
        (2024, 1): [1, 2, 3, 4, 5],
        (2024, 2): [6],
    }.items():
        folder = tmp_path / "olay" / f"year={year}" / f"quarter={quarter}"
        folder.mkdir(parents=True)
        pq.write_table(table.take(indices), folder / "part-0.parquet")
    return tmp_path


def definition(**changes: object) -> IndicatorDefinition:
    base = IndicatorDefinition(
        id="deneme",
        indicator="GYH-11",
        source="olay",
        count=CountKind.EVENTS,
        date="day",
        kind=DefinitionKind.FLOW,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def value(events: Path, d: IndicatorDefinition, year: int, quarter: int) -> int:
    computed = Engine(events).compute(d, year, quarter).value
    assert isinstance(computed, int)
    return computed


@pytest.mark.parametrize(
    ("year", "quarter", "expected"),
    [(2023, 4, 2), (2024, 1, 4), (2024, 2, 1), (2024, 3, 0), (2023, 3, 0)],
)
def test_a_flow_counts_the_quarter_s_days_and_no_null_date(
    events: Path, year: int, quarter: int, expected: int
) -> None:
    assert value(events, definition(), year, quarter) == expected


def test_distinct_persons_and_no_null_person(events: Path) -> None:
    persons = definition(count=CountKind.PERSONS, person="person_id")
    # Q1 2024: persons 1, 2, 3 (and a row without a person, not counted).
    assert value(events, persons, 2024, 1) == 3
    computed = Engine(events).compute(persons, 2024, 1)
    assert computed.provenance.matched_rows == 4
    stock = dataclasses.replace(persons, kind=DefinitionKind.STOCK)
    assert value(events, stock, 2024, 1) == 4  # persons 1, 2, 3, 5


def test_a_stock_counts_up_to_the_period_end_until_its_end(events: Path) -> None:
    stock = definition(kind=DefinitionKind.STOCK)
    assert value(events, stock, 2023, 4) == 2
    assert value(events, stock, 2024, 1) == 6
    ending = definition(kind=DefinitionKind.STOCK, until="ends")
    # End of 2023: row 0 (no end) counts, row 7 ended on 31.12 (not after the period's end).
    assert value(events, ending, 2023, 4) == 1
    # End of Q1 2024: row 0, row 1 (ends 31.03: not after), row 2, row 5; row 3 ended 15.01.
    assert value(events, ending, 2024, 1) == 3


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (Filter("status", FilterOp.EQ, ("kabul",)), 1),
        (Filter("status", FilterOp.NE, ("kabul",)), 2),  # the null status matches neither
        (Filter("status", FilterOp.IN, ("kabul", "ret")), 3),
        (Filter("status", FilterOp.NOT_IN, ("ret",)), 1),
        (Filter("status", FilterOp.IS_NULL), 1),
        (Filter("status", FilterOp.IS_NOT_NULL), 3),
        (Filter("age_band", FilterOp.EQ, ("unknown",)), 1),  # written "unknown", not null
        (Filter("age_band", FilterOp.IS_NULL), 1),
        (Filter("amount", FilterOp.IN, (2, 3)), 2),
    ],
)
def test_filters_follow_sql_s_nulls(events: Path, condition: Filter, expected: int) -> None:
    assert value(events, definition(filter=(condition,)), 2024, 1) == expected


def test_a_missing_age_band_is_unknown_in_the_breakdown(events: Path) -> None:
    d = definition(breakdowns=("age_band", "province"))
    computed = Engine(events).compute(d, 2024, 1, breakdowns=True)
    assert computed.breakdowns == {
        "age_band": {"0-17": 1, "18-29": 1, "unknown": 2},
        "province": {"06": 2, "34": 1, "35": 1},
    }
    assert sum(computed.breakdowns["age_band"].values()) == computed.value


def test_the_query_is_compiled_not_written(events: Path) -> None:
    engine = Engine(events)
    _, table = engine.table("olay")
    d = definition(filter=(Filter("status", FilterOp.EQ, ("o'brien",)),))
    sql = to_sql(compile_value(d, table, 2024, 1))
    assert "BETWEEN MAKE_DATE(2024, 1, 1) AND MAKE_DATE(2024, 3, 31)" in sql
    assert "'o''brien'" in sql  # a quote in a value is the engine's literal, escaped
    assert engine.compute(d, 2024, 1).value == 0


def test_provenance(events: Path) -> None:
    computed = Engine(events).compute(definition(), 2024, 1)
    p = computed.provenance
    source = find_source(events, "olay")
    assert (p.definition, p.definition_hash) == ("deneme", definition().hash)
    assert (p.engine, p.source, p.source_files, p.source_rows) == ("duckdb", "olay", 3, 8)
    assert p.source_fingerprint == source.fingerprint
    assert p.query.startswith("SELECT")
    assert computed.as_json()["period"] == "Q1"


def test_a_changed_file_changes_the_fingerprint(events: Path) -> None:
    before = find_source(events, "olay").fingerprint
    path = events / "olay" / "year=2024" / "quarter=2" / "part-0.parquet"
    pq.write_table(pq.read_table(path).slice(0, 0), path)
    assert find_source(events, "olay").fingerprint != before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": "when"}, "the source 'olay' has no column 'when'"),
        ({"date": "status"}, "column 'status' must hold dates"),
        ({"filter": (Filter("amount", FilterOp.EQ, ("2",)),)}, "compares with '2'"),
        ({"filter": (Filter("status", FilterOp.EQ, (2,)),)}, "compares with 2"),
        ({"source": "yok"}, "no events of 'yok'"),
        ({"filter": (Filter("amount", FilterOp.IN, (2, "3")),)}, "compares with '3'"),
    ],
)
def test_what_cannot_be_computed_is_said(
    events: Path, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(DefinitionError, match=message):
        compute_all([definition(**changes)], events, 2024, [1])


def misfile(events: Path) -> None:
    """Q4 2023's rows filed again, as if in the partition of Q2 2024."""
    folder = events / "olay" / "year=2024" / "quarter=2"
    source = events / "olay" / "year=2023" / "quarter=4" / "part-0.parquet"
    (folder / "part-1.parquet").write_bytes(source.read_bytes())


def test_the_partition_date_is_found_from_the_files(events: Path) -> None:
    # `day` lies in each file's year=/quarter= (the dateless row aside); `ends` does not.
    assert find_source(events, "olay").partition_dates == {"day"}
    misfile(events)
    assert find_source(events, "olay").partition_dates == frozenset()


def test_only_a_partition_date_prunes_partitions(events: Path) -> None:
    engine = Engine(events)
    by_day = engine.compute(definition(), 2024, 1)
    assert '"year"' in by_day.provenance.query  # the partitions of Q1 2024 only
    assert by_day.provenance.source_files == 3  # the source's, read or not
    # Ends on 30.06.2024 (Q2) but filed in Q1's partition by its day: still counted.
    by_end = engine.compute(definition(date="ends"), 2024, 2)
    assert by_end.value == 1
    assert '"year"' not in by_end.provenance.query


def test_a_date_out_of_its_partition_is_still_counted(events: Path) -> None:
    misfile(events)
    assert value(events, definition(), 2023, 4) == 4
    assert value(events, definition(kind=DefinitionKind.STOCK), 2023, 4) == 4


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"kind": DefinitionKind.STOCK, "until": "ends"},
        {"count": CountKind.PERSONS, "person": "person_id"},
        {"count": CountKind.PERSONS, "person": "person_id", "kind": DefinitionKind.STOCK},
        {"date": "ends", "filter": (Filter("status", FilterOp.NE, ("ret",)),)},
    ],
)
def test_all_quarters_at_once_are_each_quarter_alone(
    events: Path, changes: dict[str, object]
) -> None:
    d = definition(breakdowns=("age_band", "province"), **changes)
    quarters = [(2023, q) for q in (1, 2, 3, 4)] + [(2024, q) for q in (1, 2, 3, 4)]
    together = [
        v
        for y in (2023, 2024)
        for v in Engine(events).compute_quarters(d, y, [1, 2, 3, 4], breakdowns=True)
    ]
    for (year, quarter), computed in zip(quarters, together, strict=True):
        engine = Engine(events)
        alone = engine._compute_alone(d, year, quarter, breakdowns=True)
        assert (computed.year, computed.quarter) == (year, quarter)
        assert computed.value == alone.value
        assert computed.breakdowns == alone.breakdowns
        assert computed.provenance.matched_rows == alone.provenance.matched_rows


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"cumulative": True},
        {"kind": DefinitionKind.STOCK},
        {"kind": DefinitionKind.STOCK, "until": "ends"},
    ],
)
def test_the_span_read_is_the_window_of_the_stamps(changes: dict[str, object]) -> None:
    # What is read (`date_span`, the partitions pruned) and which files can change a quarter
    # (`stamps.window`) are the same days, a cumulative flow's from 1 January.
    d = definition(**changes)
    for quarter in (1, 2, 3, 4):
        assert date_span(d, 2024, [quarter]) == window(d, 2024, quarter)
    expected_first = D(2024, 1, 1) if d.kind is DefinitionKind.FLOW else None
    assert date_span(d, 2024, [1, 4]) == (expected_first, D(2024, 12, 31))
    if changes.get("cumulative"):
        assert date_span(d, 2024, [3]) == (D(2024, 1, 1), D(2024, 9, 30))


def test_a_cumulative_flow_reads_the_partitions_from_january(events: Path) -> None:
    # Q2 2024 from 1 January: the partition of Q1 read too (its five rows, three dated there).
    d = definition(cumulative=True)
    computed = Engine(events).compute(d, 2024, 2)
    assert "quarter" in computed.provenance.query  # pruned: `day` is the partition date
    assert computed.value == 5  # 01.01, 29.02 twice, 31.03 and 01.04
    assert [c.value for c in Engine(events).compute_quarters(d, 2024, [1, 2, 3])] == [4, 5, 5]


def test_every_definition_at_once_is_each_alone(events: Path) -> None:
    # `compute_all` runs the queries in a thread of their own while it compiles the next ones:
    # the same figures, breakdowns and provenance as each definition computed alone, a ratio's
    # two measures among them, in the definitions' order.
    breakdowns = ("age_band", "province")
    persons = definition(count=CountKind.PERSONS, person="person_id", breakdowns=breakdowns)
    stock = definition(kind=DefinitionKind.STOCK, until="ends", breakdowns=breakdowns)
    share = dataclasses.replace(
        persons,
        id="oran",
        kind=DefinitionKind.RATIO,
        breakdowns=(),
        numerator=dataclasses.replace(persons, id="oran.numerator"),
        denominator=dataclasses.replace(stock, id="oran.denominator"),
    )
    definitions = [stock, persons, share, definition(date="ends")]
    together = compute_all(definitions, events, 2024, [1, 2, 3, 4], breakdowns=True)
    alone = [
        v
        for d in definitions
        for v in Engine(events).compute_quarters(d, 2024, [1, 2, 3, 4], breakdowns=True)
    ]
    assert [v.as_json() for v in together] == [v.as_json() for v in alone]
    assert [v.provenance.definition for v in together[::4]] == [d.id for d in definitions]


def test_the_query_shown_is_the_one_run(events: Path) -> None:
    engine = Engine(events)
    d = definition(count=CountKind.PERSONS, person="person_id", breakdowns=("province",))
    computed = engine.compute(d, 2024, 1, breakdowns=True)
    again = engine.connection.con.sql(computed.provenance.query).to_arrow_table()
    rows = {(r["breakdown"], r["key"]): r["value_1"] for r in again.to_pylist()}
    assert rows[("", "")] == computed.value == 3  # persons 1, 2 and 3; the row without one not
    assert {k: v for (b, k), v in rows.items() if b == "province"} == computed.breakdowns[
        "province"
    ]


def test_a_source_is_registered_as_ibis_registers_it_while_a_query_runs(events: Path) -> None:
    # DuckDB: the view is made and described through the connection's second one, so that it
    # can be while the engine's thread runs a query; the same schema and query as Ibis's own
    # `read_parquet`, and the engine's connection reads it.
    connected = engines.connect("duckdb")
    files = find_source(events, "olay").files
    slow = "SELECT count(*) AS n FROM range(30000000) AS a(i) WHERE i % 7 = 3"
    with ThreadPoolExecutor(max_workers=1) as engine:
        running = engine.submit(lambda: connected.backend.con.sql(slow).to_arrow_table())
        table = connected.register("olay", events / "olay", files)
        assert running.result()["n"].to_pylist() == [4285714]
    ibis_own = connected.backend.read_parquet(
        [str(f) for f in files], table_name="olay_ibis", hive_partitioning=True
    )
    assert table.schema() == ibis_own.schema() == connected.backend.table("olay").schema()
    assert {"year", "quarter"} <= set(table.schema())
    d = definition(breakdowns=("province",))
    ours = compile_quarters(d, table, 2024, [1, 2], breakdowns=["province"], partitioned=True)
    theirs = compile_quarters(d, ibis_own, 2024, [1, 2], breakdowns=["province"], partitioned=True)
    assert connected.compile(ours) == connected.compile(theirs).replace("olay_ibis", "olay")
    rows = [
        connected.execute(x, connected.compile(x)).sort_by("province").to_pylist()
        for x in (ours, theirs)
    ]
    assert rows[0] == rows[1]
    assert rows[0]  # the engine's connection read the files through the view
