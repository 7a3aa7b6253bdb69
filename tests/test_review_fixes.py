"""Regression tests for the defects a code review found (each would have failed before)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import pytest

from karne.core.audit.compare import status_band
from karne.core.evaluation import evaluate
from karne.core.evaluation_json import evaluation_to_json
from karne.core.indicators import Direction, IndicatorKind, PeriodValue, Status
from karne.core.monitoring import progress
from karne.core.periods import PeriodCode
from karne.core.policy import Policy
from karne.core.records import BudgetActivity, Dataset
from karne.core.strategic import WeightedPart, objective_performance
from karne.core.workflow import needs_explanation
from karne.dataformat import DatasetInvalid, read_dataset, write_dataset
from karne.dataformat.values import BadValue, decimal
from karne.web.forms import BadNumber, parse_number


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-inf", "sNaN", "1e999999999"])
def test_non_finite_numbers_are_refused_everywhere(text: str) -> None:
    with pytest.raises(BadNumber):
        parse_number(text)
    with pytest.raises(BadValue):
        decimal(text)
    with pytest.raises(ValueError, match=r"finite|number"):
        Policy.from_mapping({"pace_tolerance": text})
    with pytest.raises(BadValue):
        decimal(float("nan"))


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("Hedeflenen Değere Ulaşıldı", Status.ACHIEVED),
        ("hedeflenen değere ulaşıldı", Status.ACHIEVED),
        ("Hedeflenen Değere Ulaşılamadı", Status.NOT_ACHIEVED),
        ("Hedeflenen Değere Ulaşamadı", Status.NOT_ACHIEVED),
        ("Hedeflenen Değere Aşıldı", Status.EXCEEDED),
        ("Hedeflenen Değere Kısmen Ulaşıldı", Status.PARTIALLY_ACHIEVED),
    ],
)
def test_status_bands_are_read_by_whole_words(text: str, band: Status) -> None:
    assert status_band(text) is band


def test_ratio_progress_during_the_year_uses_the_latest_value() -> None:
    reported = {PeriodCode.Q1: PeriodValue(D(90)), PeriodCode.Q2: PeriodValue(D(100))}
    p = progress(IndicatorKind.RATIO, Direction.INCREASE, D(95), reported, PeriodCode.Q2, Policy())
    assert p.value_to_date == D(100)
    assert p.status is Status.EXCEEDED


def test_a_zero_target_needs_an_explanation_when_missed() -> None:
    assert needs_explanation(IndicatorKind.FLOW, D(0), D(3), PeriodCode.Q1, D("0.1"))
    assert not needs_explanation(IndicatorKind.FLOW, D(0), D(0), PeriodCode.Q1, D("0.1"))


def test_an_objective_with_nothing_evaluated_has_no_figure(reference: Dataset) -> None:
    assert objective_performance([WeightedPart(D(40), None)]).value is None
    data = evaluation_to_json(evaluate(reference, 2023))
    h32 = next(o for o in data["objectives"] if o["code"] == "H3.2")
    assert h32["performance"] is None


def test_execution_of_an_activity_outside_the_years_programme_is_refused(
    reference: Dataset, tmp_path: Path
) -> None:
    stray = BudgetActivity(2022, "GY.GYH.VERI", D(1), D(1), D(1), "FR2023")
    write_dataset(replace(reference, budget_activity=(*reference.budget_activity, stray)), tmp_path)
    with pytest.raises(DatasetInvalid) as info:
        read_dataset(tmp_path)
    [problem] = info.value.problems
    assert (problem.file, problem.field) == ("budget_activity.csv", "activity")
    assert "2022 programme" in problem.expected
