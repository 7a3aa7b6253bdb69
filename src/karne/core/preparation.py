"""Preparing next year's performance programme: which years a proposal covers, what each
proposed figure is, and the proposed costs against the budget ceilings.

A programme prepared in year Y is the programme of Y+1 with forecasts for the two years after
it (docs/computation.md, "Preparing next year's programme"). The arithmetic is here, without
Django, so the strategy unit's page, the services and the tests read one rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from karne.core.budget import BudgetSource
from karne.core.decimals import percent
from karne.core.plausibility import Finding, Problem
from karne.core.records import CostMeasure, ValueMeasure

# The programme's year and the two years it forecasts.
PREPARATION_SPAN = 3


def proposal_years(year: int) -> tuple[int, ...]:
    """The years a programme of `year` proposes figures for: the year and the two after it."""
    return tuple(year + i for i in range(PREPARATION_SPAN))


def target_measure(year: int, programme_year: int) -> ValueMeasure:
    """An indicator's figure for `year` in the programme of `programme_year`: its target for
    the programme's own year, a forecast for the years after."""
    return ValueMeasure.TARGET if year == programme_year else ValueMeasure.FORECAST


def cost_measure(year: int, programme_year: int) -> CostMeasure:
    """An activity's cost for `year` in the programme of `programme_year`: the budget of the
    programme's own year, a forecast for the years after."""
    return CostMeasure.BUDGET if year == programme_year else CostMeasure.FORECAST


@dataclass(frozen=True)
class ProposedCost:
    year: int
    economic_code: str
    source: BudgetSource
    amount: Decimal
    unit: str = ""  # the code of the activity's responsible unit, if it has one


@dataclass(frozen=True)
class CeilingLine:
    """One year's proposed budget-internal costs against its ceiling. `ceiling` None: the
    strategy unit has not entered one (nothing is over it)."""

    year: int
    internal: Decimal  # budget-internal: what the ceiling limits
    external: Decimal  # döner sermaye, özel hesap, diğer: shown, not limited
    ceiling: Decimal | None

    @property
    def total(self) -> Decimal:
        return self.internal + self.external

    @property
    def remaining(self) -> Decimal | None:
        """Ceiling − proposed (negative when over)."""
        return None if self.ceiling is None else self.ceiling - self.internal

    @property
    def over(self) -> bool:
        return self.ceiling is not None and self.internal > self.ceiling

    @property
    def share(self) -> Decimal | None:
        """Proposed / ceiling × 100; None without a ceiling or with a zero one."""
        return None if self.ceiling is None else percent(self.internal, self.ceiling)


def ceiling_lines(
    years: Iterable[int], costs: Iterable[ProposedCost], ceilings: Mapping[int, Decimal]
) -> list[CeilingLine]:
    """The proposed costs of each year summed by budget-internal and external, against the
    ceiling of the year: only the budget-internal part is held to the budget ceiling (the
    ceiling is the central government budget's; external sources are not appropriated by it)."""
    wanted = list(years)
    internal = dict.fromkeys(wanted, Decimal(0))
    external = dict.fromkeys(wanted, Decimal(0))
    for cost in costs:
        if cost.year not in internal:
            continue
        side = internal if cost.source.is_internal else external
        side[cost.year] += cost.amount
    return [CeilingLine(y, internal[y], external[y], ceilings.get(y)) for y in wanted]


def by_economic_code(costs: Iterable[ProposedCost], year: int) -> dict[str, Decimal]:
    """A year's proposed costs by economic code, in code order (every source)."""
    out: dict[str, Decimal] = {}
    for cost in sorted(costs, key=lambda c: c.economic_code):
        if cost.year == year:
            out[cost.economic_code] = out.get(cost.economic_code, Decimal(0)) + cost.amount
    return out


def by_unit(costs: Iterable[ProposedCost], year: int) -> dict[str, Decimal]:
    """A year's proposed costs by responsible unit (every source): what each unit asks for."""
    out: dict[str, Decimal] = {}
    for cost in costs:
        if cost.year == year:
            out[cost.unit] = out.get(cost.unit, Decimal(0)) + cost.amount
    return out


def check_cost(amount: Decimal | None) -> list[Finding]:
    """A proposed cost is an amount of money: never below zero (empty is no cost)."""
    if amount is not None and amount < 0:
        return [Finding(Problem.NEGATIVE_AMOUNT, "value")]
    return []
