from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karne.core.indicators import (
    Direction,
    IndicatorKind,
    PeriodValue,
    Status,
    YearEndMethod,
    expected_to_date,
    realization_rate,
    shown_value,
    status_for_rate,
    year_end_value,
)
from karne.core.periods import PeriodCode
from karne.core.policy import LessIsBetterRule, Policy

P = Policy()
Q1, Q2, Q3, Q4, Y = (PeriodCode.Q1, PeriodCode.Q2, PeriodCode.Q3, PeriodCode.Q4, PeriodCode.YEAR)


def quarters(*values: str | None) -> dict[PeriodCode, PeriodValue]:
    codes = (Q1, Q2, Q3, Q4)
    return {
        c: PeriodValue(None if v is None else D(v)) for c, v in zip(codes, values, strict=False)
    }


def test_flow_is_the_sum_of_quarters() -> None:
    # FR Tablo 11, row 12 (Tespit edilen özel ihtiyaç sahibi sayısı): 80.731 printed.
    result = year_end_value(IndicatorKind.FLOW, quarters("18156", "16422", "20655", "25498"), P)
    assert result.value == D(80731)
    assert result.method is YearEndMethod.SUM_OF_QUARTERS


def test_stock_is_the_last_reported_quarter_not_the_sum() -> None:
    # FR Tablo 11, row 1 (Aktif ikamet izni sayısı, kümülatif): 1.009.098 printed.
    values = quarters("1237803", "1166595", "1042136", "1009098")
    result = year_end_value(IndicatorKind.STOCK, values, P)
    assert result.value == D(1009098)
    assert result.method is YearEndMethod.LAST_REPORTED_QUARTER


def test_stock_skips_quarters_not_yet_reported() -> None:
    result = year_end_value(IndicatorKind.STOCK, quarters("5", "7", None, None), P)
    assert result.value == D(7)


def test_ratio_from_numerators_and_denominators_is_not_a_sum_of_ratios() -> None:
    periods = {
        Q1: PeriodValue(D(50), D(1), D(2)),
        Q2: PeriodValue(D(10), D(1), D(10)),
    }
    result = year_end_value(IndicatorKind.RATIO, periods, P)
    # (1 + 1) / (2 + 10) = 16.67 %, while the sum of the quarterly ratios would be 60.
    assert result.method is YearEndMethod.NUMERATOR_OVER_DENOMINATOR
    assert result.value is not None
    assert round(result.value, 2) == D("16.67")


def test_ratio_with_an_empty_quarter_row_is_still_its_parts_over_the_year() -> None:
    """A quarter whose row is there but empty (not reported yet, or left blank) is not a
    quarter without parts: the year is the reported quarters' parts."""
    periods = {
        Q1: PeriodValue(None, D(70), D(100)),
        Q2: PeriodValue(None, D(81), D(100)),
        PeriodCode.Q3: PeriodValue(None, None, None),
    }
    result = year_end_value(IndicatorKind.RATIO, periods, P)
    assert result.method is YearEndMethod.NUMERATOR_OVER_DENOMINATOR
    assert result.value is not None
    assert round(result.value, 2) == D("75.50")  # (70 + 81) / (100 + 100)


def test_ratio_without_parts_uses_the_value_reported_for_the_year() -> None:
    periods = quarters("0", "0.07", "0.75", "5.52")
    periods[Y] = PeriodValue(D("6.34"))
    result = year_end_value(IndicatorKind.RATIO, periods, P)
    assert result.value == D("6.34")
    assert result.method is YearEndMethod.REPORTED_FOR_YEAR


def test_ratio_with_only_some_quarters_split_falls_back_to_the_reported_year() -> None:
    periods = {Q1: PeriodValue(D(50), D(1), D(2)), Q2: PeriodValue(D(10)), Y: PeriodValue(D(40))}
    assert year_end_value(IndicatorKind.RATIO, periods, P).value == D(40)


def test_a_quarter_given_by_its_parts_alone_shows_their_quotient() -> None:
    assert shown_value(PeriodValue(None, D(70), D(100)), P) == D(70)
    assert shown_value(PeriodValue(None, D(1), D(3)), Policy(ratio_scale=D(1))) == D(1) / D(3)


def test_a_typed_value_is_shown_as_typed_even_beside_its_parts() -> None:
    """The plausibility check, not the display, judges a value that disagrees with its parts."""
    assert shown_value(PeriodValue(D("69.9"), D(70), D(100)), P) == D("69.9")


def test_a_quarter_without_value_or_usable_parts_shows_nothing() -> None:
    assert shown_value(PeriodValue(None, D(70), None), P) is None
    assert shown_value(PeriodValue(None, D(0), D(0)), P) is None
    assert shown_value(PeriodValue(None), P) is None


def test_nothing_reported_gives_no_year_end() -> None:
    for kind in IndicatorKind:
        assert year_end_value(kind, {}, P).method is YearEndMethod.NONE


def test_rate_more_is_better() -> None:
    rate = realization_rate(D(1009098), D(1280000), Direction.INCREASE, P)
    assert rate is not None
    assert round(rate, 2) == D("78.84")  # FR Tablo 11 row 1 prints 78,84


def test_rate_less_is_better_target_over_actual() -> None:
    rate = realization_rate(D(12), D(10), Direction.DECREASE, P)  # 12 days against a 10-day target
    assert rate is not None
    assert round(rate, 2) == D("83.33")


def test_rate_less_is_better_mirror_rule() -> None:
    mirror = Policy(less_is_better=LessIsBetterRule.MIRROR)
    assert realization_rate(D(12), D(10), Direction.DECREASE, mirror) == D(80)
    assert realization_rate(D(0), D(10), Direction.DECREASE, mirror) == D(200)


def test_rate_is_undefined_for_a_zero_target_or_missing_values() -> None:
    assert realization_rate(D(5), D(0), Direction.INCREASE, P) is None
    assert realization_rate(None, D(5), Direction.INCREASE, P) is None
    assert realization_rate(D(0), D(5), Direction.DECREASE, P) is None


@pytest.mark.parametrize(
    ("rate", "status"),
    [
        ("0", Status.NOT_ACHIEVED),
        ("79.99", Status.NOT_ACHIEVED),
        ("80", Status.PARTIALLY_ACHIEVED),
        ("99.99", Status.PARTIALLY_ACHIEVED),
        ("100", Status.ACHIEVED),
        ("100.001", Status.ACHIEVED),  # prints as 100,00: the status follows the printed rate
        ("100.01", Status.EXCEEDED),
        ("270.13", Status.EXCEEDED),
    ],
)
def test_status_bands(rate: str, status: Status) -> None:
    assert status_for_rate(D(rate), P) is status


def test_status_on_the_exact_rate_when_the_policy_says_so() -> None:
    exact = Policy(status_on_rounded_rate=False)
    assert status_for_rate(D("100.001"), exact) is Status.EXCEEDED
    assert status_for_rate(D("99.999"), exact) is Status.PARTIALLY_ACHIEVED


def test_status_thresholds_are_policy() -> None:
    strict = Policy(status_partial_from=D(90))
    assert status_for_rate(D(85), strict) is Status.NOT_ACHIEVED


rates = st.decimals(min_value=0, max_value=1000, places=4, allow_nan=False)


@given(rates, rates)
def test_status_is_monotone_in_the_rate(a: D, b: D) -> None:
    low, high = sorted((a, b))
    s_low, s_high = status_for_rate(low, P), status_for_rate(high, P)
    assert s_low is not None
    assert s_high is not None
    assert s_low.rank <= s_high.rank


amounts = st.lists(
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False), min_size=1, max_size=4
)


@given(amounts, amounts)
def test_flow_year_end_is_additive(a: list[D], b: list[D]) -> None:
    # Two units' flows added quarter by quarter give the sum of their year-ends.
    n = min(len(a), len(b))
    a, b = a[:n], b[:n]
    both = [x + y for x, y in zip(a, b, strict=True)]

    def ye(values: list[D]) -> D | None:
        return year_end_value(IndicatorKind.FLOW, quarters(*map(str, values)), P).value

    total_a, total_b = ye(a), ye(b)
    assert total_a is not None
    assert total_b is not None
    assert ye(both) == total_a + total_b


@given(st.decimals(min_value="0.01", max_value=10**7, places=2), amounts)
def test_rate_is_exact_until_displayed(target: D, values: list[D]) -> None:
    ye = sum(values, D(0))
    rate = realization_rate(ye, target, Direction.INCREASE, P)
    assert rate is not None
    # No rounding before display: rate × target / 100 gives the year-end back.
    assert abs(rate * target / 100 - ye) < D("1e-20")


def test_pace_for_explanations() -> None:
    assert expected_to_date(IndicatorKind.FLOW, D(100), Q2) == D(50)
    assert expected_to_date(IndicatorKind.STOCK, D(100), Q2) == D(100)
