"""A definition and a quarter compiled into an Ibis expression: never a SQL string built by hand.

Ibis turns the expression into each engine's SQL (DuckDB, Spark) from one definition. The
operations used here are few and plain on purpose: a date range, comparisons with constants,
IN lists, IS NULL, COUNT(*), COUNT(DISTINCT) (each filtered by a quarter's period when several
quarters are one query), a GROUP BY of columns or of COALESCE, and comparisons of the Hive
partition columns. SQL's three-valued
logic applies to every filter: a row whose column is null matches none of =, !=, in, not in
(only `is null` finds it), and a row whose date is null is in no period.

`OPERATIONS` is the closed list of what is compiled; the conformance test
(tests/compute/test_conformance.py) runs every one of them on DuckDB and on Spark and requires
the same values from both and from a plain-Python count: an operation that is not shown equal
on both engines is not compiled. A ratio is no operation of its own in SQL: its two counts are
compiled as flows or stocks, and divided in Python (`karne.compute.run`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from karne.core.definitions import (
    BREAKDOWNS,
    UNKNOWN,
    CountKind,
    DefinitionKind,
    FilterOp,
    IndicatorDefinition,
    period_bounds,
    quarter_bounds,
)

# Every operation a definition compiles to (`operations`): the conformance test covers each.
OPERATIONS: tuple[str, ...] = (
    "flow",
    "flow cumulative",
    "stock",
    "stock until",
    "count events",
    "count persons",
    *(f"filter {op.value}" for op in FilterOp),
    *(f"breakdown {name}" for name in BREAKDOWNS),
    "ratio",
    # `compile_quarters`: several quarters in one query (an aggregate filtered by each
    # quarter's period), a definition's breakdowns grouped in that query when counting events
    # (by the columns as they are), and only the Hive partitions of the quarters read.
    "quarters together",
    "breakdowns together",
    "partitions pruned",
    # `compile_persons`: distinct persons by each breakdown and in all, in one query (persons
    # counted per value and person first, then per value).
    "breakdowns of persons together",
)


def operations(
    definition: IndicatorDefinition,
    *,
    breakdowns: bool = False,
    together: bool = False,
    partitioned: bool = False,
) -> frozenset[str]:
    """The operations of `OPERATIONS` that computing the definition uses (its breakdowns too
    when `breakdowns`; `together` and `partitioned` as `compile_quarters`)."""
    if definition.kind is DefinitionKind.RATIO:
        used = {"ratio"}
        for measure in definition.measures:
            used |= operations(measure, together=together, partitioned=partitioned)
        return frozenset(used)
    if definition.kind is DefinitionKind.FLOW:
        used = {"flow cumulative" if definition.cumulative else "flow"}
    else:
        used = {"stock until" if definition.until is not None else "stock"}
    used.add(f"count {definition.count.value}")
    used |= {f"filter {condition.op.value}" for condition in definition.filter}
    if breakdowns:
        used |= {f"breakdown {name}" for name in definition.breakdowns}
    if together:
        used.add("quarters together")
        if breakdowns and definition.breakdowns:
            if definition.count is CountKind.EVENTS:
                used.add("breakdowns together")
            else:
                used.add("breakdowns of persons together")
    if partitioned:
        used.add("partitions pruned")
    unknown = used - set(OPERATIONS)
    if unknown:  # a new kind of definition needs its operation listed and tested first
        raise DefinitionError(f"{definition.id}: not compiled: {', '.join(sorted(unknown))}")
    return frozenset(used)


class DefinitionError(Exception):
    """A definition that cannot be computed over its source (a missing or mistyped column)."""


def check_columns(definition: IndicatorDefinition, table: ir.Table) -> None:
    """Every column the definition reads is in the source, of a type it can be compared with."""
    schema = table.schema()
    for name in definition.columns:
        if name not in schema:
            raise DefinitionError(
                f"{definition.id}: the source {definition.source!r} has no column {name!r}"
            )
    for date in (definition.date, definition.until):
        if date is not None and not schema[date].is_date():
            raise DefinitionError(
                f"{definition.id}: column {date!r} must hold dates, not {schema[date]}"
            )
    for condition in definition.filter:
        dtype = schema[condition.column]
        for value in condition.values:
            if not _comparable(dtype, value):
                raise DefinitionError(
                    f"{definition.id}: filter on {condition.column!r} ({dtype}) compares "
                    f"with {value!r}"
                )


def _comparable(dtype: dt.DataType, value: str | int) -> bool:
    if isinstance(value, int):
        return bool(dtype.is_integer())
    return bool(dtype.is_string())


def matching(definition: IndicatorDefinition, table: ir.Table, year: int, quarter: int) -> ir.Table:
    """The rows of the source that count for the quarter (a ratio's are its measures')."""
    if definition.kind is DefinitionKind.RATIO:
        raise DefinitionError(f"{definition.id}: a ratio is computed as its two measures")
    operations(definition)
    check_columns(definition, table)
    return table.filter(*_period(definition, table, year, quarter), *_conditions(definition, table))


def _period(
    definition: IndicatorDefinition, table: ir.Table, year: int, quarter: int
) -> list[ir.BooleanValue]:
    """What places a row in the quarter: its date (a cumulative flow's from 1 January) and a
    stock's end. `date_span` follows it."""
    start, end = period_bounds(year, quarter, cumulative=definition.cumulative)
    date = table[definition.date]
    if definition.kind is DefinitionKind.FLOW:
        return [date.between(_date(start), _date(end))]
    predicates = [date <= _date(end)]
    if definition.until is not None:
        until = table[definition.until]
        predicates.append(until.isnull() | (until > _date(end)))
    return predicates


def _conditions(definition: IndicatorDefinition, table: ir.Table) -> list[ir.BooleanValue]:
    """The definition's filter, the same in every period."""
    predicates: list[ir.BooleanValue] = []
    for condition in definition.filter:
        column = table[condition.column]
        values = list(condition.values)
        if condition.op is FilterOp.EQ:
            predicates.append(column == values[0])
        elif condition.op is FilterOp.NE:
            predicates.append(column != values[0])
        elif condition.op is FilterOp.IN:
            predicates.append(column.isin(values))
        elif condition.op is FilterOp.NOT_IN:
            predicates.append(column.notin(values))
        elif condition.op is FilterOp.IS_NULL:
            predicates.append(column.isnull())
        else:
            predicates.append(column.notnull())
    return predicates


def date_span(
    definition: IndicatorDefinition, year: int, quarters: Sequence[int]
) -> tuple[datetime.date | None, datetime.date]:
    """The days a row's date can hold and count in one of the quarters (`_period`): a flow's
    from the first quarter's first day (1 January for a cumulative one), a stock's from any
    day (None), both to the last quarter's last day. For one quarter, the same window as
    `karne.compute.stamps.window` (which files can hold the quarter's rows)."""
    last = quarter_bounds(year, max(quarters))[1]
    if definition.kind is not DefinitionKind.FLOW:
        return None, last
    first = min(period_bounds(year, q, cumulative=definition.cumulative)[0] for q in quarters)
    return first, last


def _measure(
    definition: IndicatorDefinition, rows: ir.Table, where: ir.BooleanValue | None = None
) -> ir.IntegerScalar:
    if definition.count is CountKind.PERSONS:
        assert definition.person is not None  # the reader requires it
        return rows[definition.person].nunique(where=where)
    return rows.count(where=where)


def compile_value(
    definition: IndicatorDefinition, table: ir.Table, year: int, quarter: int
) -> ir.Table:
    """One row: `value` (the indicator's figure) and `rows` (the source rows that matched)."""
    rows = matching(definition, table, year, quarter)
    return rows.aggregate(value=_measure(definition, rows), rows=rows.count())


def compile_breakdown(
    definition: IndicatorDefinition, table: ir.Table, year: int, quarter: int, breakdown: str
) -> ir.Table:
    """One row per value of the breakdown's column (a missing one as "unknown"): `value`."""
    if breakdown not in BREAKDOWNS:
        raise DefinitionError(f"{definition.id}: no breakdown {breakdown!r}")
    rows = matching(definition, table, year, quarter)
    key = _key(rows, breakdown)
    return (
        rows.group_by(key).aggregate(value=_measure(definition, rows)).order_by(ibis.asc(breakdown))
    )


def _key(rows: ir.Table, breakdown: str) -> ir.StringValue:
    return ibis.coalesce(rows[BREAKDOWNS[breakdown]].cast("string"), UNKNOWN).name(breakdown)


def _span(
    definition: IndicatorDefinition, table: ir.Table, year: int, quarters: Sequence[int]
) -> list[ir.BooleanValue]:
    """What every row of any of the quarters has (`_period` of each implies it): a plain range
    that the engine filters the rows with before it tells the quarters apart."""
    first, last = date_span(definition, year, quarters)
    date = table[definition.date]
    if first is not None:
        return [date.between(_date(first), _date(last))]
    predicates = [date <= _date(last)]
    if definition.until is not None:
        until = table[definition.until]
        earliest = quarter_bounds(year, min(quarters))[1]
        predicates.append(until.isnull() | (until > _date(earliest)))
    return predicates


def compile_quarters(
    definition: IndicatorDefinition,
    table: ir.Table,
    year: int,
    quarters: Sequence[int],
    *,
    breakdowns: Sequence[str] = (),
    partitioned: bool = False,
) -> ir.Table:
    """Several quarters in one query: `value_Q` for each quarter Q, and `rows_Q` (the rows that
    matched) when counting persons (counting events, they are `value_Q`); one row per
    combination of the breakdowns' values when any are given (counting events, a missing value
    is null, not yet "unknown", and a value is as the column holds it). Each quarter is a filtered
    aggregate over the rows of the quarters' span. `partitioned`: the definition's date is the
    date the source's Hive partitions (columns `year`, `quarter`) are made by, so that only the
    partitions of the span are read."""
    asked = list(dict.fromkeys(quarters))
    rows = _rows_of_quarters(definition, table, year, asked, breakdowns, partitioned)
    metrics: dict[str, ir.Scalar] = {}
    for quarter in asked:
        where = ibis.and_(*_period(definition, rows, year, quarter))
        metrics[f"value_{quarter}"] = _measure(definition, rows, where)
        if definition.count is CountKind.PERSONS:
            metrics[f"rows_{quarter}"] = rows.count(where=where)
    if not breakdowns:
        return rows.aggregate(**metrics)
    if definition.count is CountKind.EVENTS:
        # Counting events, by the columns as they are: several times faster than by
        # COALESCE(…), and the null group is added to "unknown" by the caller. Distinct persons
        # cannot be added up so: theirs is the breakdown's own key.
        keys = [rows[BREAKDOWNS[b]].name(b) for b in breakdowns]
    else:
        keys = [_key(rows, b) for b in breakdowns]
    return rows.group_by(*keys).aggregate(**metrics)


def _rows_of_quarters(
    definition: IndicatorDefinition,
    table: ir.Table,
    year: int,
    asked: Sequence[int],
    breakdowns: Sequence[str],
    partitioned: bool,
) -> ir.Table:
    """The rows of the quarters' span that pass the filter (`compile_quarters`)."""
    if definition.kind not in (DefinitionKind.FLOW, DefinitionKind.STOCK):
        raise DefinitionError(f"{definition.id}: only flows and stocks are computed by quarters")
    for breakdown in breakdowns:
        if breakdown not in BREAKDOWNS:
            raise DefinitionError(f"{definition.id}: no breakdown {breakdown!r}")
    operations(definition, breakdowns=bool(breakdowns), together=True, partitioned=partitioned)
    check_columns(definition, table)
    predicates = [*_span(definition, table, year, asked), *_conditions(definition, table)]
    if partitioned:
        predicates.append(_partitions(table, *date_span(definition, year, asked)))
    return table.filter(*predicates)


TOTAL = ""  # `compile_persons`: the breakdown of the row that holds the total


def compile_persons(
    definition: IndicatorDefinition,
    table: ir.Table,
    year: int,
    quarters: Sequence[int],
    *,
    breakdowns: Sequence[str],
    partitioned: bool = False,
) -> ir.Table:
    """A definition counting persons, its total and its breakdowns for several quarters in
    one query: one row per breakdown and value (`breakdown`, `key`: a missing value is
    "unknown"), and one whose breakdown is `TOTAL` (its key too), each with `value_Q` (the
    distinct persons) and `rows_Q` (the rows that matched) for each quarter Q. The rows are
    counted per value and person first (`rows_Q` each), then per value: a person counts in a
    quarter where a row of theirs matched, a missing person never (as COUNT(DISTINCT …)).
    Several times faster on DuckDB than a COUNT(DISTINCT …) filtered by each quarter per
    breakdown."""
    if definition.count is not CountKind.PERSONS:
        raise DefinitionError(f"{definition.id}: only persons are counted so")
    assert definition.person is not None  # the reader requires it
    asked = list(dict.fromkeys(quarters))
    rows = _rows_of_quarters(definition, table, year, asked, breakdowns, partitioned)
    periods = {f"in_{q}": ibis.and_(*_period(definition, rows, year, q)) for q in asked}
    parts: list[ir.Table] = []
    for breakdown in [TOTAL, *breakdowns]:
        key = _key(rows, breakdown) if breakdown else ibis.literal(TOTAL, "string")
        keyed = rows.select(key=key, person=rows[definition.person], **periods)
        per_person = keyed.group_by("key", "person").aggregate(
            **{f"rows_{q}": keyed.count(where=keyed[f"in_{q}"]) for q in asked}
        )
        metrics: dict[str, ir.Scalar] = {}
        for q in asked:
            matched = per_person[f"rows_{q}"]
            metrics[f"value_{q}"] = per_person.count(
                where=per_person.person.notnull() & (matched > 0)
            )
            metrics[f"rows_{q}"] = matched.sum()
        parts.append(
            per_person.group_by("key")
            .aggregate(**metrics)
            .mutate(breakdown=ibis.literal(breakdown, "string"))
        )
    return ibis.union(*parts)


def _partitions(
    table: ir.Table, first: datetime.date | None, last: datetime.date
) -> ir.BooleanValue:
    """The Hive partitions (`year=…/quarter=…`) that hold the days from `first` to `last`
    (plain comparisons of the two columns, which the engine prunes the files with)."""
    year, quarter = table["year"], table["quarter"]
    upto = (year < last.year) | ((year == last.year) & (quarter <= (last.month + 2) // 3))
    if first is None:
        return upto
    since = (year > first.year) | ((year == first.year) & (quarter >= (first.month + 2) // 3))
    return since & upto


def _date(day: datetime.date) -> ir.DateScalar:
    return ibis.date(day.year, day.month, day.day)


def to_sql(expression: ir.Expr, dialect: str = "duckdb") -> str:
    """The query an engine runs for the expression (shown in a value's provenance)."""
    return str(ibis.to_sql(expression, dialect=dialect))
