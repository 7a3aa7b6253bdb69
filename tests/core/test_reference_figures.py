"""The core reproduces the reference documents' printed figures wherever they are consistent.

Each test compares every computed figure of a table with the figure the document printed, at
the printed precision, and asserts that the disagreements are exactly the known ones — each a
real inconsistency of the documents, recomputed in the comment — so that a regression and a
newly "fixed" document figure both fail.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import pytest

from karne.core.decimals import round_half_up
from karne.core.evaluation import Evaluation, evaluate
from karne.core.records import Dataset


@pytest.fixture(scope="module")
def ev(reference: Dataset) -> Evaluation:
    return evaluate(reference, 2023)


def printed(dataset: Dataset, document: str, table: str, column: str) -> dict[str, str]:
    return {
        p.row: p.value
        for p in dataset.printed
        if p.document == document and p.table == table and p.column == column
    }


def places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def disagreements(computed: Mapping[str, Decimal | None], shown: Mapping[str, str]) -> set[str]:
    out = set()
    for row, text in shown.items():
        value = computed.get(row)
        if text == "-":
            if value is not None:
                out.add(row)
        elif value is None or round_half_up(value, places(text)) != Decimal(text):
            out.add(row)
    return out


def test_form3_year_end_values(ev: Evaluation, reference: Dataset) -> None:
    computed = {i.code: i.year_end for i in ev.indicators}
    shown = printed(reference, "FR2023", "Tablo 11", "year_end")
    shown |= printed(reference, "FR2023", "Tablo 12", "year_end")
    assert len(shown) == 22
    # GYH-08 is cumulative; its 4th quarter, printed 0, is a slip the input corrects to 21.
    assert disagreements(computed, shown) == set()
    assert computed["GYH-08"] == 21


def test_form3_rates(ev: Evaluation, reference: Dataset) -> None:
    computed = {i.code: i.rate for i in ev.indicators}
    shown = printed(reference, "FR2023", "Tablo 11", "rate")
    shown |= printed(reference, "FR2023", "Tablo 12", "rate")
    # GYH-13: 12 / 7 × 100 = 171,428… → 171,43 half up (printed 171,42, truncated).
    assert disagreements(computed, shown) == {"GYH-13"}


def test_form4_statuses(ev: Evaluation, reference: Dataset) -> None:
    computed = {i.code: i.status.value if i.status else None for i in ev.indicators}
    shown = printed(reference, "FR2023", "Tablo 13", "status")
    assert len(shown) == 22
    wrong = {code for code, status in shown.items() if computed[code] != status}
    assert wrong == set()  # GYH-08 21 / 16 = %131,25 "Aşıldı", its Q4 slip corrected


def test_form3_statuses_differ_only_in_wording(ev: Evaluation, reference: Dataset) -> None:
    computed = {i.code: i.status.value if i.status else None for i in ev.indicators}
    shown = printed(reference, "FR2023", "Tablo 11", "status")
    shown |= printed(reference, "FR2023", "Tablo 12", "status")
    wrong = {code for code, status in shown.items() if computed[code] != status}
    # "Hedeflenen Değere Aşıldı" (GYH-03, GYH-05, DG-06) and "Hedeflenen Değere Ulaşamadı"
    # (GYH-10, GYH-12) are not the guide's wording.
    assert wrong == {"GYH-03", "GYH-05", "DG-06", "GYH-10", "GYH-12"}


def test_strategic_plan_indicator_performance(ev: Evaluation, reference: Dataset) -> None:
    computed = {s.code: s.performance.value for s in ev.sp_indicators}
    shown = printed(reference, "FR2023", "Tablo 14", "performance")
    shown = {k: v for k, v in shown.items() if k.startswith("PG")}
    assert len(shown) == 40
    # (C−A)/(B−A): PG1.1.3 (17−3)/(18−3) = 93,33 (printed 95); PG1.1.5 (57−15)/(90−15) = 56
    # (printed 64); PG4.2.2 (4−1)/(6−1) = 60 (printed 67 = C/B); PG4.3.3 (16−1)/(22−1) = 71,43
    # (printed 73 = C/B); PG5.2.3 (66442−5000)/(120000−5000) = 53,43 (printed 55 = C/B);
    # PG6.3.1 (6−1)/(10−1) = 55,56 (printed 55,5, truncated).
    assert disagreements(computed, shown) == {
        "PG1.1.3",
        "PG1.1.5",
        "PG4.2.2",
        "PG4.3.3",
        "PG5.2.3",
        "PG6.3.1",
    }


def test_objective_performance_where_the_objective_is_complete(
    ev: Evaluation, reference: Dataset
) -> None:
    complete = {o.code: o.performance.value for o in ev.objectives if o.performance.complete}
    shown = printed(reference, "FR2023", "Tablo 14", "performance")
    shown = {k: v for k, v in shown.items() if k in complete}
    assert set(shown) == {"H1.3", "H2.1", "H4.2", "H5.1", "H5.2", "H5.3", "H6.3"}
    # H4.2: 70 % × 100 + 30 % × 60 = 88 (printed 90, which needs PG4.2.2's wrong 67);
    # H5.2: 25 × 100 + 50 × 100 + 25 × 53,43 = 88,36 → 88 (printed 90);
    # H6.3: 15 × 55,56 + 50 × 100 + 35 × 100 = 93,33 (printed 94).
    assert disagreements(complete, shown) == {"H4.2", "H5.2", "H6.3"}


def test_budget_execution_by_economic_code(ev: Evaluation, reference: Dataset) -> None:
    lines = {r.code: r.execution for r in ev.budget.economic if r.execution}
    total = ev.budget.economic_total.execution
    assert total is not None
    lines["TOPLAM"] = total
    for column, attr in [
        ("2023.total_appropriation", "total_appropriation"),
        ("2023.remaining", "remaining"),
    ]:
        computed = {k: getattr(v, attr) for k, v in lines.items() if v}
        assert disagreements(computed, printed(reference, "FR2023", "Tablo 5", column)) == set()
    rates = {k: v.realization_rate for k, v in lines.items() if v}
    # 02: 813.025.337 / 817.035.000 = 99,509 → 99,51 (printed 99,50); 03: 99,779 → 99,78
    # (printed 99,77); 06: 73,606 → 73,61 (printed 73,60): truncated, not rounded.
    shown = printed(reference, "FR2023", "Tablo 5", "2023.realization_rate")
    assert disagreements(rates, shown) == {"02", "03", "06"}


@pytest.mark.parametrize("table", ["Tablo 3", "Tablo 9"])
def test_year_on_year_increase(ev: Evaluation, reference: Dataset, table: str) -> None:
    attr = "increase_from_previous" if table == "Tablo 3" else "increase_to_next"
    computed = {r.code: getattr(r, attr) for r in ev.budget.economic}
    computed["TOPLAM"] = getattr(ev.budget.economic_total, attr)
    shown = printed(reference, "FR2023", table, "increase_rate")
    assert len(shown) == 7
    assert disagreements(computed, shown) == set()


def test_budget_by_activity_rates(ev: Evaluation, reference: Dataset) -> None:
    rows = {r.code: r.line for r in ev.budget.by_activity}
    realization = {k: v.realization_rate for k, v in rows.items()}
    to_kbo = {k: v.spent_to_kbo_rate for k, v in rows.items()}
    assert (
        disagreements(realization, printed(reference, "FR2023", "Tablo 6", "2023.realization_rate"))
        == set()
    )
    assert (
        disagreements(to_kbo, printed(reference, "FR2023", "Tablo 6", "2023.spent_to_kbo_rate"))
        == set()
    )


def test_budget_totals_by_activity(ev: Evaluation, reference: Dataset) -> None:
    spent = {r.code: r.line.spent for r in ev.budget.by_activity}
    # The activities add up to 16.527.630.427; the table prints 426 (and Tablo 5 has 426).
    assert disagreements(spent, printed(reference, "FR2023", "Tablo 6", "2023.spent")) == {
        "GENEL_TOPLAM"
    }


def test_performance_program_cost_totals(ev: Evaluation, reference: Dataset) -> None:
    [costs] = ev.costs
    budget_2023 = {
        r.code: r.cell(next(c for c in costs.columns if c.key == "2023.budget")).total
        for r in costs.by_activity
    }
    shown = printed(reference, "PP2023", "Tablo 16", "2023.total")
    # GÖÇ YÖNETİMİ: 351.403.000 + 9.140.344.000 = 9.491.747.000 (printed the grand total).
    assert disagreements(budget_2023, shown) == {"GY"}
