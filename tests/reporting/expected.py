"""Expected figures, derived independently of the renderers: from `evaluate()` and the inputs,
formatted with `karne.core.formatting` (the one place that formats)."""

from __future__ import annotations

from decimal import Decimal

from karne.core.budget import sum_by
from karne.core.decimals import ZERO
from karne.core.evaluation import Evaluation
from karne.core.formatting import format_money, format_number, format_percent
from karne.core.records import Dataset


def execution_totals(ev: Evaluation) -> list[str]:
    """FR Tablo 5's total row, as text."""
    line = ev.budget.economic_total.execution
    assert line is not None
    places = ev.policy.budget_rate_places
    return [
        format_money(line.kbo),
        format_money(line.total_appropriation),
        format_money(line.spent),
        format_money(line.remaining),
        format_percent(line.realization_rate, places),
    ]


def indicator_rates(ev: Evaluation) -> dict[str, str]:
    return {i.code: format_percent(i.rate, ev.policy.rate_places) for i in ev.indicators}


def budget_year_cost(dataset: Dataset, document: str, year: int) -> str:
    """PP Tablo 16's GENEL TOPLAM of the budget year: the plain sum of the input cells."""
    totals = sum_by(
        (
            (c.year, c.amount)
            for c in dataset.activity_costs
            if c.document == document and c.year == year and c.measure.value == "budget"
        ),
        ZERO,
    )
    return format_money(totals.get(year, Decimal(0)), 0)


def staff_total(dataset: Dataset, document: str) -> str:
    return format_number(
        sum(
            (
                r.value
                for r in dataset.resources
                if r.document == document and r.category.value == "staff"
            ),
            ZERO,
        )
    )
