"""Reads for strategic-plan monitoring: the SP indicators a unit enters at a half-year or a
year-end, each unit's submission, and the SP evaluation of the year.

The rows answer the same questions as the quarterly `EntryRow` (`findings_for`,
`explanation_needed_for`, `problem`), so the form's save and its checks are the quarterly ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from karne.accounts.models import Membership
from karne.core.evaluation import Evaluation, evaluate
from karne.core.indicators import Direction
from karne.core.periods import SP_PERIODS, SPPeriodCode
from karne.core.permissions import Capability
from karne.core.plausibility import Finding, check_entry
from karne.core.policy import Policy
from karne.core.strategic import (
    SPPerformance,
    sp_deviates,
    sp_entry_kind,
    sp_indicator_performance,
)
from karne.datasets.selectors import dataset_read
from karne.monitoring.models import MonitoringPeriod, SPRealization
from karne.monitoring.selectors import UnitOverview, period_submissions, policy_of
from karne.organisation.models import Administration, Unit
from karne.planning.models import SPIndicator


@dataclass
class SPEntryRow:
    """One SP indicator on a unit's form: A and B read-only, C and the reason entered."""

    code: str
    name: str
    unit: str
    objective: str
    direction: Direction
    baseline: Decimal | None  # A
    target: Decimal | None  # B, the year's target
    period: SPPeriodCode
    policy: Policy
    earlier: dict[SPPeriodCode, Decimal | None] = field(default_factory=dict)
    value: Decimal | None = None  # C
    explanation: str = ""
    version: int = 0
    updated_by: str = ""
    history: tuple[Decimal, ...] = ()  # the previous years' actuals
    # An SP value has no parts: the quarterly form's readers see them empty.
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    is_ratio: bool = False

    def findings_for(
        self, value: Decimal | None, num: Decimal | None, den: Decimal | None
    ) -> list[Finding]:
        """The core's plausibility rules, against what the indicator had before."""
        return check_entry(
            kind=sp_entry_kind(self.unit),
            unit=self.unit,
            name=self.name,
            value=value,
            numerator=None,
            denominator=None,
            previous=(*self.history, *self.earlier.values()),
            policy=self.policy,
        )

    def performance_for(self, value: Decimal | None) -> SPPerformance:
        return sp_indicator_performance(
            self.baseline, self.target, value, self.direction, self.policy
        )

    def explanation_needed_for(
        self, value: Decimal | None, num: Decimal | None, den: Decimal | None
    ) -> bool:
        """The core's deviation rule on the performance this value gives."""
        return sp_deviates(self.performance_for(value), self.policy.pace_tolerance)

    @property
    def performance(self) -> SPPerformance:
        return self.performance_for(self.value)

    @property
    def explanation_needed(self) -> bool:
        return self.explanation_needed_for(self.value, None, None)

    @property
    def has_value(self) -> bool:
        return self.value is not None

    @property
    def problem(self) -> str:
        """Why this row stops the unit from submitting, or ""."""
        if not self.has_value:
            return "değer girilmemiş"
        if self.explanation_needed and not self.explanation:
            return "sapma açıklaması yok"
        return ""


def responsible_unit(responsible_units: Sequence[str]) -> str | None:
    """The unit that enters an objective's indicators: the first the plan names as
    responsible (the others and the coordinating units contribute through it)."""
    return responsible_units[0] if responsible_units else None


def _indicators(administration: Administration, year: int) -> list[SPIndicator]:
    """The SP indicators of the plans that cover the year, in the plan's order."""
    return list(
        SPIndicator.objects.filter(
            objective__aim__plan__administration=administration,
            objective__aim__plan__start_year__lte=year,
            objective__aim__plan__end_year__gte=year,
        )
        .select_related("objective")
        .prefetch_related("values")
        .order_by("objective__aim__plan__position", "objective__position", "sort", "position")
    )


def sp_unit_codes(administration: Administration, year: int) -> list[str]:
    """The codes of the units that enter SP indicators for the year (the submissions of an SP
    period), in the order their indicators come."""
    codes: list[str] = []
    for indicator in _indicators(administration, year):
        code = responsible_unit(indicator.objective.responsible_units)
        if code is not None and code not in codes:
            codes.append(code)
    return codes


def sp_entry_rows(period: MonitoringPeriod, unit: Unit) -> list[SPEntryRow]:
    return sp_entry_rows_of_units(period, [unit]).get(unit.pk, [])


def sp_entry_rows_of_units(
    period: MonitoringPeriod, units: Sequence[Unit]
) -> dict[int, list[SPEntryRow]]:
    """The SP indicators each unit enters, with this period's value and the earlier one."""
    by_code = {u.code: u for u in units}
    policy = policy_of(period)
    code = period.sp_code
    mine = [
        i
        for i in _indicators(period.administration, period.year)
        if responsible_unit(i.objective.responsible_units) in by_code
    ]
    reported: dict[int, dict[SPPeriodCode, SPRealization]] = defaultdict(dict)
    for r in SPRealization.objects.filter(indicator__in=mine, year=period.year).select_related(
        "updated_by"
    ):
        reported[r.indicator_id][SPPeriodCode(r.period)] = r
    earlier_codes = SP_PERIODS[: SP_PERIODS.index(code)]
    out: dict[int, list[SPEntryRow]] = {}
    for ind in mine:
        values = list(ind.values.all())
        this_year = next((v for v in values if v.year == period.year), None)
        entered = reported[ind.pk]
        row = SPEntryRow(
            code=ind.code,
            name=ind.name,
            unit=ind.unit,
            objective=ind.objective.code,
            direction=Direction(ind.direction),
            baseline=ind.baseline,
            target=this_year.target if this_year else None,
            period=code,
            policy=policy,
            earlier={c: entered[c].value for c in earlier_codes if c in entered},
            history=tuple(
                v.actual for v in values if v.year < period.year and v.actual is not None
            ),
        )
        current = entered.get(code)
        if current is not None:
            row.value, row.explanation, row.version = (
                current.value,
                current.explanation,
                current.version,
            )
            row.updated_by = current.updated_by.get_username() if current.updated_by else ""
        unit = by_code[responsible_unit(ind.objective.responsible_units) or ""]
        out.setdefault(unit.pk, []).append(row)
    return out


SPUnitOverview = UnitOverview[SPEntryRow]


def sp_overview(period: MonitoringPeriod, membership: Membership) -> list[SPUnitOverview]:
    """Each unit's SP submission and rows; clerks and heads see their own units."""
    submissions = period_submissions(period, membership, Capability.OVERVIEW_VIEW)
    rows = sp_entry_rows_of_units(period, [s.unit for s in submissions])
    return [UnitOverview(s.unit, s, rows.get(s.unit.pk, [])) for s in submissions]


# The dataset tables the SP evaluation reads (the plans themselves are always read).
SP_TABLES = frozenset({"sp_indicators", "sp_indicator_values"})


def sp_evaluation(period: MonitoringPeriod) -> Evaluation:
    """The year's evaluation as `karne evaluate` and the documents compute it, from the values
    the strategy unit approved (`SPIndicatorValue`): its SP indicators and objectives."""
    dataset = dataset_read(administration=period.administration.code, tables=SP_TABLES)
    return evaluate(dataset, period.year)
