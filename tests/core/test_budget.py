from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karne.core.budget import ExecutionLine, ancestors, increase_rate, roll_up, sum_by
from karne.core.decimals import ZERO, round_half_up


def test_fr_tablo_5_personnel_row() -> None:
    line = ExecutionLine.from_movements(
        D("2109980000.00"), D("2556870000.00"), D("381980000.00"), D("4263894967.00")
    )
    assert line.total_appropriation == D("4284870000.00")
    assert line.remaining == D("20975033.00")
    assert line.realization_rate is not None
    assert round_half_up(line.realization_rate, 2) == D("99.51")


def test_fr_tablo_5_total_row() -> None:
    line = ExecutionLine.from_movements(
        D("9508170000.00"), D("7887413140.00"), D("672501688.00"), D("16527630426.00")
    )
    assert line.total_appropriation == D("16723081452.00")
    assert line.remaining == D("195451026.00")
    assert line.realization_rate is not None
    assert round_half_up(line.realization_rate, 2) == D("98.83")  # and the text's "% 98,83"


@pytest.mark.parametrize(
    ("old", "new", "printed"),
    [
        ("1132970000", "2109980000", "86.23"),  # FR Tablo 3, 01
        ("4493997000", "9508170000", "111.57"),  # FR Tablo 3, total
        ("25600000", "24000000", "-6.25"),  # FR Tablo 9, 07
    ],
)
def test_year_on_year_increase(old: str, new: str, printed: str) -> None:
    rate = increase_rate(D(old), D(new))
    assert rate is not None
    assert round_half_up(rate, 2) == D(printed)


def test_division_by_zero_is_undefined() -> None:
    empty = ExecutionLine(D(80000), ZERO, ZERO)  # Kamuoyu İlişkileri: "-" in FR Tablo 6
    assert empty.realization_rate is None
    assert empty.spent_to_kbo_rate == 0
    assert increase_rate(ZERO, D(5)) is None


def test_roll_up_activities_to_programs() -> None:
    parent = {"a1": "s1", "a2": "s1", "a3": "s2", "s1": "p", "s2": "p", "p": None}
    leaves = {"a1": D(1), "a2": D(2), "a3": D(4)}
    totals = roll_up(leaves, parent.get, ZERO)
    assert totals == {"a1": D(1), "a2": D(2), "a3": D(4), "s1": D(3), "s2": D(4), "p": D(7)}


money = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False)
lines = st.builds(ExecutionLine.from_movements, money, money, money, money)


@given(st.lists(st.tuples(st.sampled_from(["01", "03", "05"]), lines), max_size=12))
def test_totals_are_the_sum_of_their_parts(rows: list[tuple[str, ExecutionLine]]) -> None:
    zero = ExecutionLine(ZERO, ZERO, ZERO, ZERO, ZERO)
    by_code = sum_by(rows, zero)
    grand = sum((line for _, line in rows), zero)
    assert sum(by_code.values(), zero) == grand
    assert grand.total_appropriation == grand.kbo + (grand.added or 0) - (grand.deducted or 0)
    assert grand.remaining == grand.total_appropriation - grand.spent


def test_a_hierarchy_that_leads_back_to_itself_is_refused_not_walked_for_ever() -> None:
    # A programme coded like the total it rolls up into is its own parent.
    parent = {"A": "GENEL_TOPLAM", "GENEL_TOPLAM": "GENEL_TOPLAM"}
    with pytest.raises(ValueError, match="leads back"):
        roll_up({"A": D(1)}, parent.get, ZERO)
    assert ancestors("A", {"A": "P", "P": "T"}.get) == ["A", "P", "T"]
