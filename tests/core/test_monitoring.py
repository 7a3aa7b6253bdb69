"""An indicator's progress during the year against its target's pace (`karne.core.monitoring`)."""

from __future__ import annotations

from decimal import Decimal as D

from karne.core.indicators import Direction, IndicatorKind, PeriodValue, Status
from karne.core.monitoring import progress
from karne.core.periods import PeriodCode
from karne.core.policy import Policy

Q1, Q2 = PeriodCode.Q1, PeriodCode.Q2


def test_progress_against_the_pace() -> None:
    reported = {Q1: PeriodValue(D(60)), Q2: PeriodValue(D(40))}
    p = progress(IndicatorKind.FLOW, Direction.INCREASE, D(400), reported, Q2, Policy())
    assert (p.value_to_date, p.expected, p.rate, p.status) == (
        D(100),
        D(200),
        D(50),
        Status.NOT_ACHIEVED,
    )
    stock = progress(IndicatorKind.STOCK, Direction.INCREASE, D(16), reported, Q1, Policy())
    assert stock.value_to_date == D(60)


def test_ratio_progress_during_the_year_uses_the_latest_value() -> None:
    reported = {Q1: PeriodValue(D(90)), Q2: PeriodValue(D(100))}
    p = progress(IndicatorKind.RATIO, Direction.INCREASE, D(95), reported, Q2, Policy())
    assert p.value_to_date == D(100)
    assert p.status is Status.EXCEEDED
