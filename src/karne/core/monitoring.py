"""Progress of an indicator during the year: the value so far against the pace its target needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from karne.core.indicators import (
    Direction,
    IndicatorKind,
    PeriodValue,
    Status,
    expected_to_date,
    realization_rate,
    status_for_rate,
    year_end_value,
)
from karne.core.periods import QUARTERS, PeriodCode
from karne.core.policy import Policy


@dataclass(frozen=True)
class Progress:
    value_to_date: Decimal | None
    expected: Decimal | None
    rate: Decimal | None  # value so far / value the pace needs × 100
    status: Status | None


def progress(
    kind: IndicatorKind,
    direction: Direction,
    target: Decimal | None,
    reported: Mapping[PeriodCode, PeriodValue],
    up_to: PeriodCode,
    policy: Policy,
) -> Progress:
    """The year-end rules applied to the quarters reported so far, against the pace."""
    last = QUARTERS.index(up_to) + 1 if up_to in QUARTERS else 4
    so_far = {q: reported[q] for q in QUARTERS[:last] if q in reported}
    if up_to is PeriodCode.YEAR and PeriodCode.YEAR in reported:
        so_far[PeriodCode.YEAR] = reported[PeriodCode.YEAR]
    value = year_end_value(kind, so_far, policy).value
    if value is None and kind is IndicatorKind.RATIO:
        # During the year a ratio reported without its parts is judged on its latest value.
        latest = [v.value for q in QUARTERS if (v := so_far.get(q)) and v.value is not None]
        value = latest[-1] if latest else None
    if target is None:
        return Progress(value, None, None, None)
    expected = expected_to_date(kind, target, up_to)
    rate = realization_rate(value, expected, direction, policy)
    return Progress(value, expected, rate, status_for_rate(rate, policy))
