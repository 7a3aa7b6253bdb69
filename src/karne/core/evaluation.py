"""Evaluate one year of a dataset: indicator results, strategic-plan performance, budget tables.

This is the single function behind `karne evaluate`, the reports and the audit's "computed"
side; it reads inputs only (never the printed layer).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from decimal import Decimal

from karne.core.budget import ExecutionLine
from karne.core.budget_tables import BudgetTables, budget_tables
from karne.core.costs import CostTables, cost_tables
from karne.core.documents import of_kind, programme_codes
from karne.core.indicators import (
    Direction,
    IndicatorKind,
    PeriodValue,
    Status,
    YearEndMethod,
    realization_rate,
    shown_value,
    status_for_rate,
    year_end_value,
)
from karne.core.periods import PeriodCode
from karne.core.policy import Policy
from karne.core.records import Dataset, DocumentKind, ResourceCategory, ValueMeasure
from karne.core.staff import StaffCounts, staff_counts
from karne.core.strategic import (
    ObjectivePerformance,
    SPPerformance,
    WeightedPart,
    objective_performance,
    sp_indicator_performance,
)
from karne.core.textcase import tr_lower


@dataclass(frozen=True)
class PhysicalItem:
    """A space or vehicle of a document's physical resources table, which a text may cite."""

    document: str
    item: str
    value: Decimal
    unit: str

    @property
    def key(self) -> str:
        return tr_lower(" ".join(self.item.split()))


@dataclass(frozen=True)
class IndicatorResult:
    code: str
    name: str
    unit: str
    sub_program: str
    kind: IndicatorKind
    direction: Direction
    target: Decimal | None
    periods: tuple[tuple[PeriodCode, Decimal | None], ...]
    year_end: Decimal | None
    year_end_method: YearEndMethod
    rate: Decimal | None
    status: Status | None


@dataclass(frozen=True)
class SPIndicatorResult:
    code: str
    objective: str
    name: str
    weight: Decimal
    baseline: Decimal | None
    target: Decimal | None
    actual: Decimal | None
    performance: SPPerformance


@dataclass(frozen=True)
class ObjectiveResult:
    code: str
    aim: str
    indicators: tuple[str, ...]
    performance: ObjectivePerformance


@dataclass(frozen=True)
class Evaluation:
    year: int
    administration: str
    policy: Policy
    indicators: tuple[IndicatorResult, ...]
    sp_indicators: tuple[SPIndicatorResult, ...]
    objectives: tuple[ObjectiveResult, ...]
    budget: BudgetTables
    costs: tuple[CostTables, ...]
    staff: tuple[tuple[str, StaffCounts], ...]  # by code of the year's documents
    it_inventory: tuple[tuple[str, Decimal], ...] = ()  # IT items counted, by document
    physical: tuple[PhysicalItem, ...] = ()  # the documents' physical resources, as entered

    def staff_of(self, document: str) -> StaffCounts:
        """A document's staff counts; none for a document that is not of this year."""
        return dict(self.staff).get(document, StaffCounts(()))

    def physical_item(self, document: str, item: str) -> PhysicalItem | None:
        """A document's physical resource by its name, in any Turkish case ("Merkez Bina
        Toplam Alanı" names "MERKEZ BİNA TOPLAM ALANI")."""
        key = tr_lower(" ".join(item.split()))
        return next(
            (p for p in self.physical if p.document == document and p.key == key),
            None,
        )

    def it_total_of(self, document: str) -> Decimal | None:
        """The document's IT inventory: the sum of its items (the table's "Toplam"); none
        when it lists none."""
        return dict(self.it_inventory).get(document)


def evaluate(dataset: Dataset, year: int) -> Evaluation:
    policy = dataset.administration.policy
    sp_results = _sp_indicators(dataset, year, policy)
    return Evaluation(
        year=year,
        administration=dataset.administration.code,
        policy=policy,
        indicators=_pp_indicators(dataset, year, policy),
        sp_indicators=sp_results,
        objectives=_objectives(dataset, year, sp_results),
        budget=budget_tables(dataset, year),
        costs=tuple(
            cost_tables(dataset, document.code)
            for document in of_kind(dataset.documents, DocumentKind.PERFORMANS_PROGRAMI, year)
        ),
        staff=tuple(
            (d.code, staff_counts(dataset.resources, d.code))
            for d in dataset.documents
            if d.year == year
        ),
        it_inventory=_it_inventory(dataset, year),
        physical=_physical(dataset, year),
    )


def _physical(dataset: Dataset, year: int) -> tuple[PhysicalItem, ...]:
    codes = {d.code for d in dataset.documents if d.year == year}
    return tuple(
        PhysicalItem(r.document, r.item, r.value, r.unit)
        for r in dataset.resources
        if r.category is ResourceCategory.PHYSICAL and r.document in codes
    )


def _it_inventory(dataset: Dataset, year: int) -> tuple[tuple[str, Decimal], ...]:
    totals: dict[str, Decimal] = {}
    codes = {d.code for d in dataset.documents if d.year == year}
    for r in dataset.resources:
        if r.category is ResourceCategory.IT and r.document in codes:
            totals[r.document] = totals.get(r.document, Decimal(0)) + r.value
    return tuple(totals.items())


def pick_target(
    values: Iterable[tuple[str, Decimal]], programme_documents: AbstractSet[str]
) -> Decimal | None:
    """An indicator's target for a year: the performance programme's figure when there is one
    (another document may repeat it), else the first recorded. One rule for every reader."""
    chosen: tuple[str, Decimal] | None = None
    for source, value in values:
        if chosen is None or (
            chosen[0] not in programme_documents and source in programme_documents
        ):
            chosen = (source, value)
    return None if chosen is None else chosen[1]


def _pp_indicators(dataset: Dataset, year: int, policy: Policy) -> tuple[IndicatorResult, ...]:
    sources: dict[str, list[tuple[str, Decimal]]] = defaultdict(list)
    for v in dataset.pp_indicator_values:
        if v.year == year and v.measure is ValueMeasure.TARGET:
            sources[v.indicator].append((v.source, v.value))
    documents = programme_codes(dataset.documents, year)
    targets = {code: pick_target(values, documents) for code, values in sources.items()}
    periods: dict[str, dict[PeriodCode, PeriodValue]] = defaultdict(dict)
    for r in dataset.realizations:
        if r.year == year:
            periods[r.indicator][r.period] = PeriodValue(r.value, r.numerator, r.denominator)
    results = []
    for ind in (i for i in dataset.pp_indicators if i.year == year):
        reported = periods.get(ind.code, {})
        year_end = year_end_value(ind.kind, reported, policy)
        target = targets.get(ind.code)
        rate = realization_rate(year_end.value, target, ind.direction, policy)
        results.append(
            IndicatorResult(
                code=ind.code,
                name=ind.name,
                unit=ind.unit,
                sub_program=ind.sub_program,
                kind=ind.kind,
                direction=ind.direction,
                target=target,
                periods=tuple(
                    (code, shown_value(reported[code], policy))
                    for code in PeriodCode
                    if code in reported
                ),
                year_end=year_end.value,
                year_end_method=year_end.method,
                rate=rate,
                status=status_for_rate(rate, policy),
            )
        )
    return tuple(results)


def _sp_indicators(dataset: Dataset, year: int, policy: Policy) -> tuple[SPIndicatorResult, ...]:
    values = {v.indicator: v for v in dataset.sp_indicator_values if v.year == year}
    results = []
    for ind in dataset.sp_indicators:
        value = values.get(ind.code)
        if value is None:
            continue
        results.append(
            SPIndicatorResult(
                code=ind.code,
                objective=ind.objective,
                name=ind.name,
                weight=ind.weight,
                baseline=ind.baseline,
                target=value.target,
                actual=value.actual,
                performance=sp_indicator_performance(
                    ind.baseline, value.target, value.actual, ind.direction, policy
                ),
            )
        )
    return tuple(results)


def _objectives(
    dataset: Dataset, year: int, sp_results: tuple[SPIndicatorResult, ...]
) -> tuple[ObjectiveResult, ...]:
    by_objective: dict[str, list[SPIndicatorResult]] = defaultdict(list)
    for result in sp_results:
        by_objective[result.objective].append(result)
    results = []
    for plan in dataset.strategic_plans:
        if not plan.start_year <= year <= plan.end_year:
            continue
        for aim in plan.aims:
            for objective in aim.objectives:
                members = by_objective.get(objective.code, [])
                results.append(
                    ObjectiveResult(
                        code=objective.code,
                        aim=aim.code,
                        indicators=tuple(m.code for m in members),
                        performance=objective_performance(
                            WeightedPart(m.weight, m.performance.value) for m in members
                        ),
                    )
                )
    return tuple(results)


__all__ = ["Evaluation", "ExecutionLine", "evaluate"]
