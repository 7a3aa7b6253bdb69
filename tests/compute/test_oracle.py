"""The compiled queries against a plain-Python count of the same rows (SQL's nulls spelled out),
over random events around the period's edges and random definitions (a flow cumulated from
1 January too), and over a small generated event set with every definition of the reference.
`counted`, `measure`, `split` and `ratio` are also the oracle the conformance test holds both
engines to (test_conformance.py)."""

from __future__ import annotations

import datetime
import tempfile
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from karne.cli.indicators import reference_definitions_path
from karne.compute.run import Engine
from karne.compute.synth import synthesize
from karne.core.definitions import (
    BREAKDOWNS,
    UNKNOWN,
    CountKind,
    DefinitionKind,
    Filter,
    FilterOp,
    IndicatorDefinition,
    period_bounds,
)
from karne.dataformat.definitions import read_definitions
from tests.compute.test_synth import SMALL

D = datetime.date
EDGES = [
    *(D(2023, 9, 30), D(2023, 10, 1), D(2023, 12, 31), D(2024, 1, 1)),
    *(D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 1), D(2024, 6, 30)),
]
days = st.one_of(st.none(), st.sampled_from(EDGES), st.dates(D(2023, 6, 1), D(2024, 6, 30)))
statuses = st.one_of(st.none(), st.sampled_from(["a", "b", "c"]))
rows = st.lists(
    st.tuples(st.one_of(st.none(), st.integers(1, 6)), days, days, statuses), max_size=40
)
values = st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=2, unique=True)
filters = st.one_of(
    st.builds(
        lambda op, v: Filter("status", op, (v[0],)),
        st.sampled_from([FilterOp.EQ, FilterOp.NE]),
        values,
    ),
    st.builds(
        lambda op, v: Filter("status", op, tuple(v)),
        st.sampled_from([FilterOp.IN, FilterOp.NOT_IN]),
        values,
    ),
    st.builds(
        lambda op: Filter("status", op), st.sampled_from([FilterOp.IS_NULL, FilterOp.IS_NOT_NULL])
    ),
)


def _matches(condition: Filter, value: Any) -> bool:
    if condition.op is FilterOp.IS_NULL:
        return value is None
    if condition.op is FilterOp.IS_NOT_NULL:
        return value is not None
    if value is None:  # unknown: never true in a WHERE
        return False
    if condition.op is FilterOp.EQ:
        return bool(value == condition.values[0])
    if condition.op is FilterOp.NE:
        return bool(value != condition.values[0])
    if condition.op is FilterOp.IN:
        return value in condition.values
    return value not in condition.values


def counted(
    rows: list[dict[str, Any]], d: IndicatorDefinition, year: int, quarter: int
) -> list[dict[str, Any]]:
    """The rows a definition counts for a quarter, by its rules written out."""
    start, end = period_bounds(year, quarter, cumulative=d.cumulative)
    kept = []
    for row in rows:
        day = row[d.date]
        if day is None:
            continue
        if d.kind is DefinitionKind.FLOW and not start <= day <= end:
            continue
        until = row[d.until] if d.until is not None else None
        ended = until is not None and until <= end
        if d.kind is DefinitionKind.STOCK and (day > end or ended):
            continue
        if all(_matches(c, row[c.column]) for c in d.filter):
            kept.append(row)
    return kept


def measure(kept: list[dict[str, Any]], d: IndicatorDefinition) -> int:
    if d.count is CountKind.PERSONS:
        assert d.person is not None
        return len({r[d.person] for r in kept if r[d.person] is not None})
    return len(kept)


def split(kept: list[dict[str, Any]], d: IndicatorDefinition, column: str) -> dict[str, int]:
    """A breakdown: the measure of each value of the column (a missing one as "unknown")."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in kept:
        key = UNKNOWN if row[column] is None else str(row[column])
        groups.setdefault(key, []).append(row)
    return {key: measure(group, d) for key, group in groups.items()}


def ratio(
    rows: list[dict[str, Any]], d: IndicatorDefinition, year: int, quarter: int
) -> tuple[Decimal | None, int, int]:
    """A ratio: numerator × 100 / denominator (34 digits), None when the denominator is 0."""
    numerator, denominator = (measure(counted(rows, m, year, quarter), m) for m in d.measures)
    if denominator == 0:
        return None, numerator, denominator
    with localcontext() as context:
        context.prec = 34
        return Decimal(100 * numerator) / Decimal(denominator), numerator, denominator


def oracle(data: list[tuple[Any, ...]], d: IndicatorDefinition, year: int, quarter: int) -> int:
    names = ("person_id", "day", "ends", "status")
    rows = [dict(zip(names, row, strict=True)) for row in data]
    return measure(counted(rows, d, year, quarter), d)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=rows,
    kind=st.sampled_from([DefinitionKind.FLOW, DefinitionKind.STOCK]),
    persons=st.booleans(),
    ends=st.booleans(),
    cumulative=st.booleans(),
    condition=st.lists(filters, max_size=2),
    period=st.sampled_from([(2023, 3), (2023, 4), (2024, 1), (2024, 2)]),
)
@example(  # a stock that ends on the period's last day no longer counts
    data=[(1, D(2023, 12, 1), D(2023, 12, 31), "a"), (2, D(2023, 12, 1), D(2024, 1, 1), None)],
    kind=DefinitionKind.STOCK,
    persons=False,
    ends=True,
    cumulative=False,
    condition=[],
    period=(2023, 4),
)
@example(  # the first and last days are in, a null status is in neither = nor !=
    data=[
        (1, D(2023, 10, 1), None, None),
        (1, D(2023, 12, 31), None, "b"),
        (None, None, None, "a"),
    ],
    kind=DefinitionKind.FLOW,
    persons=True,
    ends=False,
    cumulative=False,
    condition=[Filter("status", FilterOp.NE, ("a",))],
    period=(2023, 4),
)
def test_compiled_equals_the_oracle(
    data: list[tuple[Any, ...]],
    kind: DefinitionKind,
    persons: bool,
    ends: bool,
    cumulative: bool,
    condition: list[Filter],
    period: tuple[int, int],
) -> None:
    definition = IndicatorDefinition(
        id="oracle",
        indicator="X",
        source="olay",
        count=CountKind.PERSONS if persons else CountKind.EVENTS,
        person="person_id" if persons else None,
        date="day",
        until="ends" if ends and kind is DefinitionKind.STOCK else None,
        kind=kind,
        cumulative=cumulative and kind is DefinitionKind.FLOW,
        filter=tuple(condition),
    )
    columns: list[tuple[Any, ...]] = list(zip(*data, strict=True)) if data else [()] * 4
    table = pa.table(
        {
            "person_id": pa.array(columns[0], pa.int64()),
            "day": pa.array(columns[1], pa.date32()),
            "ends": pa.array(columns[2], pa.date32()),
            "status": pa.array(columns[3], pa.string()),
        }
    )
    with tempfile.TemporaryDirectory() as folder:
        part = Path(folder) / "olay" / "year=2023" / "quarter=4"
        part.mkdir(parents=True)
        pq.write_table(table, part / "part-0.parquet")
        computed = Engine(Path(folder)).compute(definition, *period)
    assert computed.value == oracle(data, definition, *period)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Calibrated on the published figures shrunk, with history, in chunks."""
    out = tmp_path_factory.mktemp("generated") / "events"
    synthesize(50_000, 11, out, targets=SMALL, chunk=7_000)
    return out


def test_every_reference_definition_equals_the_oracle_on_generated_events(
    generated: Path, reference_path: Path
) -> None:
    definitions = read_definitions(reference_definitions_path(reference_path))
    assert len(definitions) == 12
    engine = Engine(generated)
    tables: dict[str, list[dict[str, Any]]] = {}
    for definition in definitions:
        if definition.source not in tables:
            dataset = ds.dataset(generated / definition.source, partitioning="hive")
            tables[definition.source] = dataset.to_table().to_pylist()
        rows = tables[definition.source]
        for year, quarter in ((2022, 2), (2023, 1), (2023, 2), (2023, 3), (2023, 4), (2024, 4)):
            broken_down = (year, quarter) == (2023, 4)  # one quarter: a query per breakdown
            computed = engine.compute(definition, year, quarter, breakdowns=broken_down)
            if definition.kind is DefinitionKind.RATIO:  # DG-02: answered requests, in %
                share, numerator, denominator = ratio(rows, definition, year, quarter)
                assert (computed.value, computed.numerator, computed.denominator) == (
                    share,
                    numerator,
                    denominator,
                ), (definition.id, year, quarter)
                if year == 2023:
                    assert computed.value == 100
                    assert denominator == SMALL[definition.indicator][(year, quarter)]
                if broken_down:  # each group's two counts
                    above, below = (
                        (m, counted(rows, m, year, quarter)) for m in definition.measures
                    )
                    expected = {}
                    for name in definition.breakdowns:
                        column = BREAKDOWNS[name]
                        ups, downs = (split(kept, m, column) for m, kept in (above, below))
                        expected[name] = {k: (ups.get(k, 0), downs.get(k, 0)) for k in downs | ups}
                    assert computed.parts == expected
                    assert set(expected) == {"province", "nationality", "sex", "age_band"}
                continue
            kept = counted(rows, definition, year, quarter)
            assert computed.value == measure(kept, definition), (definition.id, year, quarter)
            assert computed.provenance.matched_rows == len(kept)
            if year == 2023:
                assert computed.value == SMALL[definition.indicator][(year, quarter)]
            if broken_down:
                assert computed.breakdowns == {
                    name: split(kept, definition, BREAKDOWNS[name])
                    for name in definition.breakdowns
                }
