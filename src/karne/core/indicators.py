"""Performance-program indicators: year-end value by kind, realization rate, status.

The rules come from the Performance Program Monitoring Guide (March 2021) as the reference
documents apply them; the choices the guide leaves open are in `Policy`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from karne.core.decimals import percent, round_half_up
from karne.core.periods import QUARTERS, PeriodCode, elapsed_share
from karne.core.policy import LessIsBetterRule, Policy


class IndicatorKind(StrEnum):
    FLOW = "flow"  # yıl bazlı, toplanabilir: the year is the sum of its quarters
    STOCK = "stock"  # kümülatif: the year is the last reported quarter
    RATIO = "ratio"  # oran: from numerator/denominator, else the value reported for the year


class Direction(StrEnum):
    INCREASE = "increase"  # more is better
    DECREASE = "decrease"  # less is better


class Status(StrEnum):
    NOT_ACHIEVED = "Hedeflenen Değere Ulaşılamadı"
    PARTIALLY_ACHIEVED = "Hedeflenen Değere Kısmen Ulaşıldı"
    ACHIEVED = "Hedeflenen Değere Ulaşıldı"
    EXCEEDED = "Hedeflenen Değer Aşıldı"

    @property
    def rank(self) -> int:
        """Order of the bands, for comparisons and colour scales."""
        return _STATUS_ORDER.index(self)


_STATUS_ORDER = (
    Status.NOT_ACHIEVED,
    Status.PARTIALLY_ACHIEVED,
    Status.ACHIEVED,
    Status.EXCEEDED,
)


class YearEndMethod(StrEnum):
    SUM_OF_QUARTERS = "sum_of_quarters"
    LAST_REPORTED_QUARTER = "last_reported_quarter"
    NUMERATOR_OVER_DENOMINATOR = "numerator_over_denominator"
    REPORTED_FOR_YEAR = "reported_for_year"
    NONE = "none"


@dataclass(frozen=True)
class PeriodValue:
    """One reported figure: the value, and for ratios optionally its numerator and denominator."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


@dataclass(frozen=True)
class YearEnd:
    value: Decimal | None
    method: YearEndMethod


def year_end_value(
    kind: IndicatorKind,
    periods: Mapping[PeriodCode, PeriodValue],
    policy: Policy,
) -> YearEnd:
    """The year-end value of an indicator from what was reported for its periods."""
    quarters = [periods[code] for code in QUARTERS if code in periods]
    if kind is IndicatorKind.FLOW:
        values = [q.value for q in quarters if q.value is not None]
        if not values:
            return YearEnd(None, YearEndMethod.NONE)
        return YearEnd(sum(values, Decimal(0)), YearEndMethod.SUM_OF_QUARTERS)
    if kind is IndicatorKind.STOCK:
        reported = [q.value for q in quarters if q.value is not None]
        if not reported:
            return YearEnd(None, YearEndMethod.NONE)
        return YearEnd(reported[-1], YearEndMethod.LAST_REPORTED_QUARTER)
    return _ratio_year_end(quarters, periods.get(PeriodCode.YEAR), policy)


def _ratio_year_end(
    quarters: list[PeriodValue], year: PeriodValue | None, policy: Policy
) -> YearEnd:
    """A ratio over the year is Σ numerators / Σ denominators, never a sum of quarterly ratios.
    A quarter with a row but nothing in it (not yet reported) is no quarter of the sum."""
    parts: list[PeriodValue] = []
    reported = [q for q in quarters if not _empty(q)]
    if year is not None and _has_parts(year):
        parts = [year]
    elif reported and all(_has_parts(q) for q in reported):
        parts = reported
    if parts:
        numerator = sum((p.numerator or Decimal(0) for p in parts), Decimal(0))
        denominator = sum((p.denominator or Decimal(0) for p in parts), Decimal(0))
        share = percent(numerator, denominator)
        if share is not None:
            return YearEnd(
                share * policy.ratio_scale / Decimal(100), YearEndMethod.NUMERATOR_OVER_DENOMINATOR
            )
    if year is not None and year.value is not None:
        return YearEnd(year.value, YearEndMethod.REPORTED_FOR_YEAR)
    return YearEnd(None, YearEndMethod.NONE)


def shown_value(value: PeriodValue, policy: Policy) -> Decimal | None:
    """The figure a period shows: what was reported, or, for a ratio reported by its parts
    alone, their quotient on the policy's scale, so that a quarter a unit gave as 70 / 100 is
    printed and charted like one given as 70."""
    if value.value is not None or not _has_parts(value):
        return value.value
    share = percent(value.numerator or Decimal(0), value.denominator or Decimal(0))
    return None if share is None else share * policy.ratio_scale / Decimal(100)


def _has_parts(value: PeriodValue) -> bool:
    return value.numerator is not None and value.denominator is not None


def _empty(value: PeriodValue) -> bool:
    return value.value is None and value.numerator is None and value.denominator is None


def realization_rate(
    year_end: Decimal | None,
    target: Decimal | None,
    direction: Direction,
    policy: Policy,
) -> Decimal | None:
    """Form-3 "Gerçekleşme Oranı" (%), unrounded; None where it is undefined ("-")."""
    if year_end is None or target is None:
        return None
    if direction is Direction.INCREASE:
        return percent(year_end, target)
    if policy.less_is_better is LessIsBetterRule.TARGET_OVER_ACTUAL:
        return percent(target, year_end)
    share = percent(year_end, target)
    return None if share is None else Decimal(200) - share


def status_for_rate(rate: Decimal | None, policy: Policy) -> Status | None:
    """The guide's band for a rate; with `status_on_rounded_rate` the band of the printed rate."""
    if rate is None:
        return None
    if policy.status_on_rounded_rate:
        rate = round_half_up(rate, policy.rate_places)
    if rate < policy.status_partial_from:
        return Status.NOT_ACHIEVED
    if rate < policy.status_full_at:
        return Status.PARTIALLY_ACHIEVED
    if rate == policy.status_full_at:
        return Status.ACHIEVED
    return Status.EXCEEDED


def expected_to_date(kind: IndicatorKind, target: Decimal, code: PeriodCode) -> Decimal:
    """The value a period should have reached to be on pace for the year's target.

    A flow accumulates linearly over the quarters; a stock or a ratio should be at the target
    level throughout. Used to decide when an entry needs an explanation.
    """
    if kind is IndicatorKind.FLOW:
        return target * elapsed_share(code)
    return target
