"""Strategic-plan evaluation: indicator performance (C−A)/(B−A), weighted objective performance."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from karne.core.decimals import HUNDRED, ZERO, percent
from karne.core.indicators import Direction, IndicatorKind
from karne.core.policy import EqualTargetRule, Policy


@dataclass(frozen=True)
class SPPerformance:
    raw: Decimal | None  # the formula's value, uncapped
    value: Decimal | None  # what is printed: capped to 0…100 when the policy says so
    baseline_assumed_zero: bool


def sp_indicator_performance(
    baseline: Decimal | None,
    target: Decimal | None,
    actual: Decimal | None,
    direction: Direction,
    policy: Policy,
) -> SPPerformance:
    """Tablo 14's "Performans (%) (C−A)/(B−A)" for one indicator."""
    assumed = baseline is None and policy.sp_missing_baseline_is_zero
    a = ZERO if assumed else baseline
    if a is None or target is None or actual is None:
        return SPPerformance(None, None, assumed)
    if target == a:
        raw = _equal_target(actual, target, direction, policy)
    else:
        raw = percent(actual - a, target - a)
    if raw is None:
        return SPPerformance(None, None, assumed)
    shown = min(max(raw, ZERO), HUNDRED) if policy.sp_clamp else raw
    return SPPerformance(raw, shown, assumed)


def _equal_target(
    actual: Decimal, target: Decimal, direction: Direction, policy: Policy
) -> Decimal | None:
    if policy.sp_equal_target is EqualTargetRule.UNDEFINED:
        return None
    reached = actual >= target if direction is Direction.INCREASE else actual <= target
    return HUNDRED if reached else ZERO


@dataclass(frozen=True)
class WeightedPart:
    weight: Decimal
    performance: Decimal | None


@dataclass(frozen=True)
class ObjectivePerformance:
    value: Decimal | None  # Σ weight × performance / 100; None when no part has a performance
    weight_total: Decimal  # Σ of all weights given; 100 when the objective is complete
    weight_evaluated: Decimal  # Σ of weights of parts with a performance

    @property
    def complete(self) -> bool:
        """True when every indicator of the objective is known and evaluated."""
        return self.weight_total == HUNDRED and self.weight_evaluated == HUNDRED


def objective_performance(parts: Iterable[WeightedPart]) -> ObjectivePerformance:
    """ "H1.2 Performansı": the weighted sum of its indicators' (printed, capped) performances."""
    value = ZERO
    total = ZERO
    evaluated = ZERO
    for part in parts:
        total += part.weight
        if part.performance is not None:
            evaluated += part.weight
            value += part.weight * part.performance / HUNDRED
    return ObjectivePerformance(value if evaluated else None, total, evaluated)


def sp_entry_kind(unit: str) -> IndicatorKind:
    """How the plausibility rules read a strategic-plan indicator, which has no kind of its
    own: one measured in per cent is a ratio (a share between 0 and the ratio scale), any other
    a stock (a level the plan follows from its baseline towards its target)."""
    return IndicatorKind.RATIO if unit.strip() == "%" else IndicatorKind.STOCK


def sp_deviates(performance: SPPerformance, tolerance: Decimal) -> bool:
    """Whether an SP entry needs a reason for its deviation: its uncapped performance
    (C−A)/(B−A) is off 100 by more than the tolerance share, below or above. The half-year is
    measured against the year's target like the year-end: the plan's indicators are levels, so
    a level short of the target at mid-year is a deviation to explain as it stands. Without a
    performance (no target, or B = A undefined) there is nothing to deviate from."""
    if performance.raw is None:
        return False
    return abs(performance.raw - HUNDRED) > tolerance * HUNDRED
