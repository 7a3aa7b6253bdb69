"""The budget execution tables of an activity report, computed from inputs.

FR Tablo 3/9 (KBÖ comparison with the previous and next year), Tablo 4/5 (by economic code),
Tablo 6 (by program / sub-program / activity) and Tablo 7 (by spending unit).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from karne.core.budget import (
    CURRENT_CODES,
    ECONOMIC_CODES,
    EMPTY_LINE,
    GRAND_TOTAL,
    INVESTMENT_CODES,
    BudgetSource,
    ExecutionLine,
    increase_rate,
    roll_up,
    sum_by,
)
from karne.core.decimals import ZERO, half_unit_tolerance
from karne.core.records import BudgetEconomic, Dataset

TOTAL = GRAND_TOTAL


@dataclass(frozen=True)
class EconomicRow:
    code: str
    name: str
    kbo: Decimal | None
    execution: ExecutionLine | None
    previous_kbo: Decimal | None
    next_kbo: Decimal | None

    @property
    def increase_from_previous(self) -> Decimal | None:
        if self.kbo is None or self.previous_kbo is None:
            return None
        return increase_rate(self.previous_kbo, self.kbo)

    @property
    def increase_to_next(self) -> Decimal | None:
        if self.kbo is None or self.next_kbo is None:
            return None
        return increase_rate(self.kbo, self.next_kbo)


@dataclass(frozen=True)
class HierarchyRow:
    code: str
    name: str
    level: str  # program | sub_program | activity | unit | total
    line: ExecutionLine


@dataclass(frozen=True)
class BudgetTables:
    year: int
    economic: tuple[EconomicRow, ...]
    economic_total: EconomicRow
    by_source: tuple[tuple[BudgetSource, ExecutionLine | None, Decimal], ...]
    by_activity: tuple[HierarchyRow, ...]
    by_unit: tuple[HierarchyRow, ...]
    # Appropriations carried over from earlier years (part of the added): None when none is
    # recorded for the year.
    carried_over: Decimal | None = None

    @property
    def activity_rounding(self) -> tuple[RoundingDifference, ...]:
        """The programme table's total against the exact economic one (`rounding_differences`)."""
        return rounding_differences(self.by_activity, self.economic_total.execution)

    @property
    def unit_rounding(self) -> tuple[RoundingDifference, ...]:
        """The spending-unit table's total against the exact economic one."""
        return rounding_differences(self.by_unit, self.economic_total.execution)

    def kbo_split(self, *, investment: bool) -> Decimal:
        """The KBÖ's investment (06–07) or current (01–05) part, as the documents state it."""
        codes = INVESTMENT_CODES if investment else CURRENT_CODES
        return sum((r.kbo or ZERO for r in self.economic if r.code in codes), ZERO)


# The sums of whole-lira rows (the programme and unit tables) that may differ from the exact
# economic total by rounding: which measure, and how it is read off a line.
ROUNDED_MEASURES: tuple[tuple[str, Callable[[ExecutionLine], Decimal]], ...] = (
    ("kbo", lambda line: line.kbo),
    ("total_appropriation", lambda line: line.total_appropriation),
    ("spent", lambda line: line.spent),
)
_TOTAL_LEVELS = ("program", "sub_program", "total")


@dataclass(frozen=True)
class RoundingDifference:
    """A table's total, summed from whole-lira rows, against the economic table's exact one."""

    measure: str  # of ROUNDED_MEASURES
    shown: Decimal
    exact: Decimal


def rounding_differences(
    lines: tuple[HierarchyRow, ...], exact: ExecutionLine | None
) -> tuple[RoundingDifference, ...]:
    """Where the programme or unit table's total differs from the exact economic total by no
    more than rounding its rows can (half a lira a row): one rule for the document's note and
    the page's, so that the reader sees why two totals disagree."""
    total = next((r.line for r in lines if r.level == "total"), None)
    if total is None or exact is None:
        return ()
    parts = sum(1 for r in lines if r.level not in _TOTAL_LEVELS)
    out = []
    for measure, pick in ROUNDED_MEASURES:
        shown, precise = pick(total), pick(exact)
        if shown != precise and abs(shown - precise) <= half_unit_tolerance(0, parts):
            out.append(RoundingDifference(measure, shown, precise))
    return tuple(out)


def _kbo_by_code(dataset: Dataset, year: int) -> dict[str, Decimal]:
    return sum_by(
        ((b.economic_code, b.kbo) for b in dataset.budget_economic if b.year == year), ZERO
    )


def _execution_by(
    dataset: Dataset, year: int, group_of: Callable[[BudgetEconomic], str]
) -> dict[str, ExecutionLine | None]:
    """Execution lines by group; None for a group where some row has no movements recorded."""
    groups: dict[str, list[BudgetEconomic]] = defaultdict(list)
    for row in dataset.budget_economic:
        if row.year == year:
            groups[group_of(row)].append(row)
    return {group: _sum_execution(rows) for group, rows in groups.items()}


def _sum_execution(rows: list[BudgetEconomic]) -> ExecutionLine | None:
    lines = []
    for r in rows:
        if r.added is None or r.deducted is None or r.spent is None:
            return None
        lines.append(ExecutionLine.from_movements(r.kbo, r.added, r.deducted, r.spent))
    return sum(lines, EMPTY_LINE)


def _carried_over(dataset: Dataset, year: int) -> Decimal | None:
    amounts = [c.amount for c in dataset.budget_carryover if c.year == year]
    return sum(amounts, ZERO) if amounts else None


def budget_tables(dataset: Dataset, year: int) -> BudgetTables:
    kbo = _kbo_by_code(dataset, year)
    previous = _kbo_by_code(dataset, year - 1)
    following = _kbo_by_code(dataset, year + 1)
    execution = _execution_by(dataset, year, lambda b: b.economic_code)
    codes = sorted(set(kbo) | set(previous) | set(following))
    rows = tuple(
        EconomicRow(
            code=code,
            name=ECONOMIC_CODES.get(code, code),
            kbo=kbo.get(code),
            execution=execution.get(code),
            previous_kbo=previous.get(code),
            next_kbo=following.get(code),
        )
        for code in codes
    )
    year_rows = [r for r in dataset.budget_economic if r.year == year]
    total = EconomicRow(
        code=TOTAL,
        name="Toplam",
        kbo=sum(kbo.values(), ZERO) if kbo else None,
        execution=_sum_execution(year_rows) if year_rows else None,
        previous_kbo=sum(previous.values(), ZERO) if previous else None,
        next_kbo=sum(following.values(), ZERO) if following else None,
    )
    by_source_exec = _execution_by(dataset, year, lambda b: b.source.value)
    source_kbo = sum_by(
        ((b.source.value, b.kbo) for b in dataset.budget_economic if b.year == year), ZERO
    )
    by_source = tuple(
        (source, by_source_exec.get(source.value), source_kbo[source.value])
        for source in BudgetSource
        if source.value in source_kbo
    )
    return BudgetTables(
        year=year,
        economic=rows,
        economic_total=total,
        by_source=by_source,
        by_activity=_by_activity(dataset, year),
        by_unit=_by_unit(dataset, year),
        carried_over=_carried_over(dataset, year),
    )


def _by_activity(dataset: Dataset, year: int) -> tuple[HierarchyRow, ...]:
    structure = dataset.structure_for(year)
    leaves = {
        b.activity: ExecutionLine(b.kbo, b.total_appropriation, b.spent)
        for b in dataset.budget_activity
        if b.year == year
    }
    if structure is None or not leaves:
        return ()
    parent: dict[str, str] = {}
    order: list[tuple[str, str, str]] = []
    for program in structure.programs:
        parent[program.code] = TOTAL
        order.append((program.code, program.name, "program"))
        for sub in program.sub_programs:
            parent[sub.code] = program.code
            order.append((sub.code, sub.name, "sub_program"))
            for activity in sub.activities:
                parent[activity.code] = sub.code
                order.append((activity.code, activity.name, "activity"))
    totals = roll_up(leaves, parent.get, ExecutionLine(ZERO, ZERO, ZERO))
    rows = [
        HierarchyRow(code, name, level, totals[code])
        for code, name, level in order
        if code in totals
    ]
    rows.append(HierarchyRow(TOTAL, "GENEL TOPLAM", "total", totals[TOTAL]))
    return tuple(rows)


def _by_unit(dataset: Dataset, year: int) -> tuple[HierarchyRow, ...]:
    names = {u.code: u.name for u in dataset.units}
    rows = [
        HierarchyRow(
            b.unit,
            names.get(b.unit, b.unit),
            "unit",
            ExecutionLine(b.kbo, b.total_appropriation, b.spent),
        )
        for b in dataset.budget_unit
        if b.year == year
    ]
    if not rows:
        return ()
    total = sum((r.line for r in rows), ExecutionLine(ZERO, ZERO, ZERO))
    return (*rows, HierarchyRow(TOTAL, "GENEL TOPLAM", "total", total))
