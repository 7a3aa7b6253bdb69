"""A definition and a quarter compiled into an Ibis expression: never a SQL string built by hand.

Ibis turns the expression into each engine's SQL (DuckDB, Spark) from one definition. The
operations used here are few and plain on purpose: a date range, comparisons with constants,
IN lists, IS NULL, COUNT(*), COUNT(DISTINCT) and a GROUP BY with COALESCE. SQL's three-valued
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
)


def operations(definition: IndicatorDefinition, *, breakdowns: bool = False) -> frozenset[str]:
    """The operations of `OPERATIONS` that computing the definition uses (its breakdowns too
    when `breakdowns`)."""
    if definition.kind is DefinitionKind.RATIO:
        used = {"ratio"}
        for measure in definition.measures:
            used |= operations(measure)
        return frozenset(used)
    if definition.kind is DefinitionKind.FLOW:
        used = {"flow cumulative" if definition.cumulative else "flow"}
    else:
        used = {"stock until" if definition.until is not None else "stock"}
    used.add(f"count {definition.count.value}")
    used |= {f"filter {condition.op.value}" for condition in definition.filter}
    if breakdowns:
        used |= {f"breakdown {name}" for name in definition.breakdowns}
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
    start, end = period_bounds(year, quarter, cumulative=definition.cumulative)
    date = table[definition.date]
    predicates: list[ir.BooleanValue] = []
    if definition.kind is DefinitionKind.FLOW:
        predicates.append(date.between(_date(start), _date(end)))
    else:
        predicates.append(date <= _date(end))
        if definition.until is not None:
            until = table[definition.until]
            predicates.append(until.isnull() | (until > _date(end)))
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
    return table.filter(*predicates)


def _measure(definition: IndicatorDefinition, rows: ir.Table) -> ir.IntegerScalar:
    if definition.count is CountKind.PERSONS:
        assert definition.person is not None  # the reader requires it
        return rows[definition.person].nunique()
    return rows.count()


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
    key = ibis.coalesce(rows[BREAKDOWNS[breakdown]].cast("string"), UNKNOWN).name(breakdown)
    return (
        rows.group_by(key).aggregate(value=_measure(definition, rows)).order_by(ibis.asc(breakdown))
    )


def _date(day: datetime.date) -> ir.DateScalar:
    return ibis.date(day.year, day.month, day.day)


def to_sql(expression: ir.Expr, dialect: str = "duckdb") -> str:
    """The query an engine runs for the expression (shown in a value's provenance)."""
    return str(ibis.to_sql(expression, dialect=dialect))
