from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karne.core.evaluation import evaluate
from karne.core.evaluation_json import evaluation_to_json
from karne.core.indicators import Direction, IndicatorKind
from karne.core.policy import EqualTargetRule, Policy
from karne.core.records import Dataset
from karne.core.strategic import (
    WeightedPart,
    objective_performance,
    sp_deviates,
    sp_entry_kind,
    sp_indicator_performance,
)

P = Policy()
UP = Direction.INCREASE


@pytest.mark.parametrize(
    ("a", "b", "c", "printed"),
    [
        # FR Tablo 14 rows where the document applies its own formula.
        ("6", "41", "35", 83),  # PG1.2.3
        ("1050000", "8150000", "7756719", 94),  # PG1.2.2
        ("3", "18", "11", 53),  # PG1.3.3
        ("380", "2760", "3119", 100),  # PG4.2.1: above target, capped at 100
        ("52", "72", "70", 90),  # PG6.2.4
    ],
)
def test_sp_performance_reproduces_the_printed_figures(
    a: str, b: str, c: str, printed: int
) -> None:
    result = sp_indicator_performance(D(a), D(b), D(c), UP, P)
    assert result.value is not None
    assert round(result.value) == printed


def test_missing_baseline_counts_as_zero() -> None:
    # PG1.3.1: A printed "-", B 181, C 703: printed %100.
    result = sp_indicator_performance(None, D(181), D(703), UP, P)
    assert result.baseline_assumed_zero
    assert result.raw is not None
    assert result.raw > 100
    assert result.value == 100


def test_missing_baseline_can_be_undefined() -> None:
    policy = Policy(sp_missing_baseline_is_zero=False)
    assert sp_indicator_performance(None, D(181), D(703), UP, policy).value is None


def test_capping_is_policy() -> None:
    uncapped = Policy(sp_clamp=False)
    result = sp_indicator_performance(D(0), D(10), D(25), UP, uncapped)
    assert result.value == 250
    below = sp_indicator_performance(D(10), D(20), D(5), UP, P)
    assert below.value == 0
    assert below.raw == -50


def test_target_equal_to_baseline() -> None:
    assert sp_indicator_performance(D(5), D(5), D(5), UP, P).value == 100
    assert sp_indicator_performance(D(5), D(5), D(4), UP, P).value == 0
    assert sp_indicator_performance(D(5), D(5), D(4), Direction.DECREASE, P).value == 100
    undefined = Policy(sp_equal_target=EqualTargetRule.UNDEFINED)
    assert sp_indicator_performance(D(5), D(5), D(5), UP, undefined).value is None


def test_less_is_better_uses_the_same_formula() -> None:
    # From 30 days down to a target of 10; 15 reached: 75 % of the way.
    result = sp_indicator_performance(D(30), D(10), D(15), Direction.DECREASE, P)
    assert result.value == 75


def test_objective_performance_h1_3() -> None:
    # H1.3: weights 60/10/10/10/10, performances 100/100/53.33…/100/100: printed %95.
    pg133 = sp_indicator_performance(D(3), D(18), D(11), UP, P).value
    parts = [
        WeightedPart(D(60), D(100)),
        WeightedPart(D(10), D(100)),
        WeightedPart(D(10), pg133),
        WeightedPart(D(10), D(100)),
        WeightedPart(D(10), D(100)),
    ]
    result = objective_performance(parts)
    assert result.complete
    assert result.value is not None
    assert round(result.value) == 95


def test_objective_with_indicators_elsewhere_is_incomplete() -> None:
    result = objective_performance([WeightedPart(D(30), D(94)), WeightedPart(D(10), None)])
    assert not result.complete
    assert result.weight_total == 40
    assert result.weight_evaluated == 30
    assert result.value == D("28.2")


def test_an_objective_with_nothing_evaluated_has_no_figure(reference: Dataset) -> None:
    assert objective_performance([WeightedPart(D(40), None)]).value is None
    data = evaluation_to_json(evaluate(reference, 2023))
    h32 = next(o for o in data["objectives"] if o["code"] == "H3.2")
    assert h32["performance"] is None


weights = st.lists(st.integers(min_value=1, max_value=100), min_size=1, max_size=6)


@given(weights, st.data())
def test_objective_performance_stays_within_its_weight(ws: list[int], data: st.DataObject) -> None:
    perfs = [data.draw(st.decimals(min_value=0, max_value=100, places=2)) for _ in ws]
    result = objective_performance(WeightedPart(D(w), p) for w, p in zip(ws, perfs, strict=True))
    assert result.value is not None  # every part has a performance
    assert 0 <= result.value <= result.weight_total


@pytest.mark.parametrize(
    ("actual", "deviates"),
    [
        (D(18), False),  # on target: 100 %
        (D("16.5"), False),  # 90 %: within the 10 % tolerance
        (D(16), True),  # 86,67 %
        (D(20), True),  # 113,33 %: over-achievement is explained too
        (D(2), True),  # below the baseline
    ],
)
def test_an_sp_entry_needs_a_reason_when_off_target(actual: D, deviates: bool) -> None:
    performance = sp_indicator_performance(D(3), D(18), actual, UP, P)
    assert sp_deviates(performance, P.pace_tolerance) is deviates


def test_no_performance_no_deviation() -> None:
    no_target = sp_indicator_performance(D(3), None, D(5), UP, P)
    assert not sp_deviates(no_target, P.pace_tolerance)
    undefined = sp_indicator_performance(
        D(3), D(3), D(1), UP, Policy(sp_equal_target=EqualTargetRule.UNDEFINED)
    )
    assert not sp_deviates(undefined, P.pace_tolerance)


def test_the_tolerance_is_the_administrations() -> None:
    performance = sp_indicator_performance(D(0), D(100), D(80), UP, P)
    assert sp_deviates(performance, D("0.10"))
    assert not sp_deviates(performance, D("0.25"))


def test_an_sp_indicator_in_per_cent_is_read_as_a_ratio() -> None:
    assert sp_entry_kind("%") is IndicatorKind.RATIO
    assert sp_entry_kind(" % ") is IndicatorKind.RATIO
    assert sp_entry_kind("adet") is IndicatorKind.STOCK
