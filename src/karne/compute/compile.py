"""A definition and a quarter compiled into an Ibis expression: never a SQL string built by hand.

Ibis turns the expression into each engine's SQL (DuckDB now, Spark later) from one definition.
The operations used here are few and plain on purpose: a date range, comparisons with
constants, IN lists, IS NULL, COUNT(*), COUNT(DISTINCT) and a GROUP BY with COALESCE. SQL's
three-valued logic applies to every filter: a row whose column is null matches none of =, !=,
in, not in (only `is null` finds it), and a row whose date is null is in no period.
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
    quarter_bounds,
)


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
    """The rows of the source that count for the quarter."""
    check_columns(definition, table)
    if definition.kind is DefinitionKind.RATIO:
        raise DefinitionError(f"{definition.id}: ratio definitions are not yet supported")
    return table.filter(*_period(definition, table, year, quarter), *_conditions(definition, table))


def _period(
    definition: IndicatorDefinition, table: ir.Table, year: int, quarter: int
) -> list[ir.BooleanValue]:
    """What places a row in the quarter: its date (and a stock's end). Keep `date_span` in step."""
    start, end = quarter_bounds(year, quarter)
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
    from the first quarter's first day, a stock's from any day (None), both to the last
    quarter's last day."""
    first = quarter_bounds(year, min(quarters))[0]
    last = quarter_bounds(year, max(quarters))[1]
    return (first if definition.kind is DefinitionKind.FLOW else None), last


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
    check_columns(definition, table)
    if definition.kind not in (DefinitionKind.FLOW, DefinitionKind.STOCK):
        raise DefinitionError(f"{definition.id}: only flows and stocks are computed by quarters")
    for breakdown in breakdowns:
        if breakdown not in BREAKDOWNS:
            raise DefinitionError(f"{definition.id}: no breakdown {breakdown!r}")
    asked = list(dict.fromkeys(quarters))
    predicates = [*_span(definition, table, year, asked), *_conditions(definition, table)]
    if partitioned:
        predicates.append(_partitions(table, *date_span(definition, year, asked)))
    rows = table.filter(*predicates)
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
