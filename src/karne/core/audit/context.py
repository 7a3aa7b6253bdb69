"""Everything the rules look up, computed once per audit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from karne.core.audit.compare import Verdict, compare_number, places_of
from karne.core.audit.findings import Finding, Severity
from karne.core.audit.labels import column_label, names_of, row_label
from karne.core.audit.rules import RULES
from karne.core.budget_tables import BudgetTables, budget_tables
from karne.core.costs import CostTables, cost_tables
from karne.core.evaluation import Evaluation, IndicatorResult, evaluate
from karne.core.formatting import format_number, format_percent
from karne.core.periods import PeriodCode
from karne.core.records import Dataset, Document, PrintedFigure, Realization
from karne.core.staff import StaffCounts, staff_counts

# Measures that are percentages: their expected figure is shown with the sign ("%93,33").
PERCENT_MEASURES = frozenset(
    {"realization_rate", "spent_to_kbo_rate", "increase_rate", "rate", "performance"}
    | {"change_from_previous"}
)


def is_percent(column: str) -> bool:
    """A printed column key or a claim's metric whose figure is a percentage."""
    return column.rsplit(".", 1)[-1] in PERCENT_MEASURES


@dataclass(frozen=True)
class Column:
    """A printed column key: `[<year>.]<measure>[.<split>]`."""

    year: int | None
    measure: str
    split: str | None

    @classmethod
    def parse(cls, key: str) -> Column:
        parts = key.split(".")
        year = int(parts[0]) if parts[0].isdigit() and len(parts[0]) == 4 else None
        rest = parts[1:] if year is not None else parts
        measure = rest[0] if rest else ""
        split = rest[1] if len(rest) > 1 else None
        return cls(year, measure, split)


@dataclass
class Context:
    dataset: Dataset
    year: int
    evaluation: Evaluation
    indicators: dict[str, IndicatorResult]
    names: dict[str, str]
    _budget: dict[int, BudgetTables] = field(default_factory=dict)
    _costs: dict[str, CostTables] = field(default_factory=dict)
    _realizations: dict[tuple[str, int, PeriodCode], Realization] | None = None

    @classmethod
    def build(cls, dataset: Dataset, year: int) -> Context:
        evaluation = evaluate(dataset, year)
        return cls(
            dataset,
            year,
            evaluation,
            {i.code: i for i in evaluation.indicators},
            names_of(dataset),
            _costs={c.document: c for c in evaluation.costs},  # the figures the reports print
        )

    def budget(self, year: int) -> BudgetTables:
        if year == self.year:
            return self.evaluation.budget
        if year not in self._budget:
            self._budget[year] = budget_tables(self.dataset, year)
        return self._budget[year]

    def costs(self, document: str) -> CostTables:
        if document not in self._costs:
            self._costs[document] = cost_tables(self.dataset, document)
        return self._costs[document]

    def staff(self, document: str) -> StaffCounts:
        """The staff counts the reports print: the evaluation's for the year's documents."""
        if document in dict(self.evaluation.staff):
            return self.evaluation.staff_of(document)
        return staff_counts(self.dataset.resources, document)

    def realization(self, indicator: str, year: int, period: PeriodCode) -> Realization | None:
        """The input a unit reported for an indicator's period (looked up once per audit)."""
        if self._realizations is None:
            self._realizations = {
                (r.indicator, r.year, r.period): r for r in self.dataset.realizations
            }
        return self._realizations.get((indicator, year, period))

    def document(self, code: str) -> Document:
        return next(d for d in self.dataset.documents if d.code == code)

    def finding(
        self,
        rule: str,
        cell: PrintedFigure,
        expected: str,
        message: str,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            rule=rule,
            severity=severity or RULES[rule].severity,
            document=cell.document,
            table=cell.table,
            row=cell.row,
            column=cell.column,
            printed=cell.as_printed,
            expected=expected,
            message=message,
            row_label=row_label(cell.row, self.names),
            column_label=column_label(cell.column),
        )

    def number_finding(
        self,
        cell: PrintedFigure,
        computed: Decimal | None,
        rule: str,
        why: Callable[[str], str],
    ) -> list[Finding]:
        """Compare a printed number; `why` gets the expected figure as shown and explains."""
        comparison = compare_number(cell.value, computed)
        if comparison.verdict is Verdict.AGREES:
            return []
        places = places_of(cell.value) if comparison.verdict is not Verdict.NOT_A_NUMBER else 2
        show = format_percent if is_percent(cell.column) else format_number
        shown = show(computed, places)
        if comparison.verdict is Verdict.ROUNDING:
            exact = show(computed, places + 3)
            return [
                self.finding(
                    "ROUNDING",
                    cell,
                    shown,
                    f"{exact} yarım yukarı yuvarlanınca {shown} olur; belgede {cell.as_printed} "
                    "basılmış (kesilmiş ya da aşağı yuvarlanmış).",
                )
            ]
        return [self.finding(rule, cell, shown, why(shown))]
