"""The preparation rules: the years a programme proposes, what each figure is, and the
proposed costs against the ceilings."""

from __future__ import annotations

from decimal import Decimal

from karne.core.budget import BudgetSource
from karne.core.plausibility import Problem
from karne.core.preparation import (
    ProposedCost,
    by_economic_code,
    by_unit,
    ceiling_lines,
    check_cost,
    cost_measure,
    proposal_years,
    target_measure,
)
from karne.core.records import CostMeasure, ValueMeasure

D = Decimal
INSIDE, REVOLVING = BudgetSource.BUTCE_ICI, BudgetSource.DONER_SERMAYE


def test_a_programme_proposes_its_year_and_the_two_after() -> None:
    assert proposal_years(2024) == (2024, 2025, 2026)
    assert target_measure(2024, 2024) is ValueMeasure.TARGET
    assert target_measure(2026, 2024) is ValueMeasure.FORECAST
    assert cost_measure(2024, 2024) is CostMeasure.BUDGET
    assert cost_measure(2025, 2024) is CostMeasure.FORECAST


def test_only_budget_internal_costs_are_held_to_the_ceiling() -> None:
    costs = [
        ProposedCost(2024, "01", INSIDE, D("600.50")),
        ProposedCost(2024, "03", INSIDE, D("400")),
        ProposedCost(2024, "03", REVOLVING, D("250")),
        ProposedCost(2025, "01", INSIDE, D("1200")),
        ProposedCost(2030, "01", INSIDE, D("9")),  # not a year of the programme: ignored
    ]
    first, second, third = ceiling_lines((2024, 2025, 2026), costs, {2024: D(1000), 2025: D(1000)})
    assert (first.internal, first.external, first.total) == (D("1000.50"), D(250), D("1250.50"))
    assert first.over
    assert first.remaining == D("-0.50")
    assert first.share == D("100.05")
    assert second.over
    assert second.remaining == D(-200)
    assert (third.internal, third.ceiling, third.remaining, third.share) == (D(0), None, None, None)
    assert not third.over  # no ceiling entered: nothing is over it


def test_a_total_equal_to_its_ceiling_is_not_over_and_a_zero_ceiling_has_no_share() -> None:
    (line,) = ceiling_lines((2024,), [ProposedCost(2024, "01", INSIDE, D(5))], {2024: D(5)})
    assert not line.over
    assert line.remaining == 0
    (zero,) = ceiling_lines((2024,), [], {2024: D(0)})
    assert zero.share is None
    assert not zero.over


def test_costs_by_economic_code_in_code_order() -> None:
    costs = [
        ProposedCost(2024, "03", INSIDE, D(4)),
        ProposedCost(2024, "01", REVOLVING, D(2)),
        ProposedCost(2024, "01", INSIDE, D(1)),
        ProposedCost(2025, "01", INSIDE, D(100)),
    ]
    assert list(by_economic_code(costs, 2024).items()) == [("01", D(3)), ("03", D(4))]


def test_a_cost_is_never_negative() -> None:
    assert check_cost(D(0)) == []
    assert check_cost(None) == []
    (finding,) = check_cost(D("-0.01"))
    assert finding.problem is Problem.NEGATIVE_AMOUNT
    assert not finding.confirmable


def test_costs_by_unit() -> None:
    costs = [
        ProposedCost(2024, "03", INSIDE, D(4), "YGM"),
        ProposedCost(2024, "01", REVOLVING, D(2), "YGM"),
        ProposedCost(2024, "01", INSIDE, D(1), "UKGM"),
        ProposedCost(2025, "01", INSIDE, D(100), "YGM"),
    ]
    assert by_unit(costs, 2024) == {"YGM": D(6), "UKGM": D(1)}
