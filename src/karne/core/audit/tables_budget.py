"""Checkers for the money tables: budget execution (FR) and activity costs (PP).

A checker takes one printed cell and returns its findings, or None when no rule covers the cell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from karne.core.audit.compare import same_text, same_text_loosely
from karne.core.audit.context import Column, Context
from karne.core.audit.findings import Finding, Severity
from karne.core.budget import ExecutionLine
from karne.core.budget_tables import TOTAL as BUDGET_TOTAL
from karne.core.budget_tables import EconomicRow
from karne.core.costs import TOTAL as COST_TOTAL
from karne.core.costs import CostColumn, CostRow
from karne.core.decimals import ZERO
from karne.core.records import CostMeasure, PrintedFigure

Result = list[Finding] | None
Checker = Callable[[Context, PrintedFigure], Result]
_TOTAL_ROWS = {"TOPLAM", "GENEL_TOPLAM"}
_AMOUNTS = {"kbo", "added", "deducted", "total_appropriation", "spent", "remaining"}


def _line_value(line: ExecutionLine | None, measure: str) -> Decimal | None:
    if line is None:
        return None
    if measure in {"realization_rate", "spent_to_kbo_rate", "remaining"}:
        value: Decimal | None = getattr(line, measure)
        return value
    return getattr(line, measure, None)


def _execution_rule(row_is_total: bool, measure: str) -> tuple[str, str]:
    """The rule and the reason for a budget execution cell."""
    if measure in {"realization_rate", "spent_to_kbo_rate"}:
        formula = "harcama / toplam ödenek" if measure == "realization_rate" else "harcama / KBÖ"
        return "RATE", f"{formula} = {{}}"
    if row_is_total:
        return "TOTAL", "satırların toplamı {}"
    if measure == "total_appropriation":
        return "BUDGET-ARITHMETIC", "KBÖ + eklenen − düşülen = {}"
    if measure == "remaining":
        return "BUDGET-ARITHMETIC", "toplam ödenek − harcama = {}"
    return "REPEAT", "girdi olarak kayıtlı değer {}"


def _economic_row(ctx: Context, year: int, key: str) -> EconomicRow | None:
    """The computed row of an economic code, or the total row for a total key."""
    tables = ctx.budget(year)
    if key in _TOTAL_ROWS:
        return tables.economic_total
    return next((r for r in tables.economic if r.code == key), None)


def execution_economic(ctx: Context, cell: PrintedFigure) -> Result:
    """FR Tablo 4/5/8: by economic code; KBÖ, movements, total, spent, remaining, rate."""
    col = Column.parse(cell.column)
    if col.year is None or col.measure not in _AMOUNTS | {"realization_rate", "spent_to_kbo_rate"}:
        return None
    is_total = cell.row in _TOTAL_ROWS
    row = _economic_row(ctx, col.year, cell.row)
    if row is None:
        return None
    computed = row.kbo if col.measure == "kbo" else _line_value(row.execution, col.measure)
    rule, why = _execution_rule(is_total, col.measure)
    return ctx.number_finding(cell, computed, rule, lambda shown: why.format(shown) + ".")


def kbo_comparison(offset: int) -> Checker:
    """FR Tablo 3 (offset −1: previous year → this year) and Tablo 9 (+1: this → next)."""

    def check(ctx: Context, cell: PrintedFigure) -> Result:
        doc = ctx.document(cell.document)
        col = Column.parse(cell.column)
        is_total = cell.row in _TOTAL_ROWS
        row = _economic_row(ctx, doc.year, cell.row)
        if row is None:
            return None
        if col.measure == "increase_rate":
            computed = row.increase_from_previous if offset < 0 else row.increase_to_next
            return ctx.number_finding(
                cell, computed, "INCREASE", lambda s: f"yeni / eski − 1 = {s}."
            )
        if col.measure != "kbo" or col.year is None:
            return None
        by_year = {doc.year: row.kbo, doc.year - 1: row.previous_kbo, doc.year + 1: row.next_kbo}
        rule = "TOTAL" if is_total else "REPEAT"
        year = col.year
        return ctx.number_finding(
            cell,
            by_year.get(year),
            rule,
            lambda s: f"satırların toplamı {s}." if is_total else f"{year} yılı KBÖ girdisi {s}.",
        )

    return check


def _hierarchy_check(
    ctx: Context, cell: PrintedFigure, rows: dict[str, tuple[str, ExecutionLine]]
) -> Result:
    col = Column.parse(cell.column)
    if col.measure == "name":
        return name_check(ctx, cell)
    if col.year is None or cell.row not in rows:
        return None
    level, line = rows[cell.row]
    computed = _line_value(line, col.measure)
    rule, why = _execution_rule(level not in {"activity", "unit"}, col.measure)
    if rule == "TOTAL":
        why = "alt satırların toplamı {}"
    return ctx.number_finding(cell, computed, rule, lambda s: why.format(s) + ".")


def execution_activity(ctx: Context, cell: PrintedFigure) -> Result:
    """FR Tablo 6: program / sub-program / activity rows."""
    col = Column.parse(cell.column)
    year = col.year or ctx.document(cell.document).year
    rows = {r.code: (r.level, r.line) for r in ctx.budget(year).by_activity}
    return _hierarchy_check(ctx, cell, rows)


def execution_unit(ctx: Context, cell: PrintedFigure) -> Result:
    """FR Tablo 7: spending units and their total."""
    col = Column.parse(cell.column)
    year = col.year or ctx.document(cell.document).year
    rows = {r.code: (r.level, r.line) for r in ctx.budget(year).by_unit}
    return _hierarchy_check(ctx, cell, rows)


def name_check(ctx: Context, cell: PrintedFigure) -> Result:
    expected = ctx.names.get(cell.row)
    if expected is None:
        return None
    if same_text(cell.value, expected):
        return []
    severity = Severity.INFO if same_text_loosely(cell.value, expected) else None
    return [
        ctx.finding(
            "NAME-VARIANT", cell, expected, f"Programdaki adı “{expected}”.", severity=severity
        )
    ]


def _cost_column(ctx: Context, document: str, col: Column) -> CostColumn | None:
    columns = ctx.costs(document).columns
    if col.year is None:
        return None
    if col.measure in {m.value for m in CostMeasure}:
        wanted = CostColumn(col.year, CostMeasure(col.measure))
        return wanted if wanted in columns else None
    for measure in (CostMeasure.BUDGET, CostMeasure.FORECAST):
        if CostColumn(col.year, measure) in columns:
            return CostColumn(col.year, measure)
    return None


def _split_value(row: CostRow, column: CostColumn, split: str | None) -> Decimal:
    cell = row.cell(column)
    if split in {"butce_ici", "BUTCE_ICI_TOPLAM"}:
        return cell.internal
    if split in {"butce_disi", "BUTCE_DISI_TOPLAM"}:
        return cell.external
    return cell.total


def activity_costs(ctx: Context, cell: PrintedFigure) -> Result:
    """PP Tablo 9/12 (activities of a sub-program), 15 (per activity), 16 (program tree)."""
    col = Column.parse(cell.column)
    if col.measure == "name":
        return name_check(ctx, replace(cell, row=cell.row.split("/")[0]))
    rows = {r.code: r for r in ctx.costs(cell.document).by_activity}
    if col.measure in {"butce_ici", "butce_disi", "total"}:
        col = Column(col.year, "", col.measure)
    column = _cost_column(ctx, cell.document, col)
    if column is None:
        return None
    head, _, tail = cell.row.partition("/")
    split = tail or col.split
    if head == "TOPLAM":
        members = {
            p.row
            for p in ctx.dataset.printed
            if p.document == cell.document and p.table == cell.table and p.row in rows
        }
        computed = sum((_split_value(rows[m], column, split) for m in members), ZERO)
        why = "tablodaki faaliyetlerin toplamı {}."
    elif head in rows:
        computed = _split_value(rows[head], column, split)
        why = "faaliyetlerin ekonomik kod maliyetlerinin (Tablo 15 girdileri) toplamı {}."
    else:
        return None
    return ctx.number_finding(cell, computed, "TOTAL", lambda s: why.format(s))


def economic_costs(ctx: Context, cell: PrintedFigure) -> Result:
    """PP Tablo 14: economic code × program (budget year, then forecasts)."""
    col = Column.parse(cell.column)
    column = _cost_column(ctx, cell.document, Column(col.year, "", None))
    if column is None or col.measure not in {"total", *_programs(ctx)}:
        return None
    owner = COST_TOTAL if col.measure == "total" else col.measure
    block = ctx.costs(cell.document).by_economic_code(owner, column)
    if cell.row not in block:
        return None
    return ctx.number_finding(
        cell,
        block[cell.row],
        "TOTAL",
        lambda s: f"faaliyet maliyetlerinin (Tablo 15) toplamı {s}.",
    )


def _programs(ctx: Context) -> set[str]:
    return {p.code for s in ctx.dataset.program_structures for p in s.programs}


__all__ = [
    "BUDGET_TOTAL",
    "activity_costs",
    "economic_costs",
    "execution_activity",
    "execution_economic",
    "execution_unit",
    "kbo_comparison",
    "name_check",
]
