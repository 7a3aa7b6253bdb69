from __future__ import annotations

import pytest

from karne.core.periods import (
    QUARTERS,
    SP_PERIODS,
    Period,
    PeriodCode,
    SPPeriodCode,
    next_quarter,
)


def test_quarter_labels_are_the_form_3_headings() -> None:
    assert [q.label_tr for q in QUARTERS] == [
        "1. Üç Aylık",
        "2. Üç Aylık",
        "3. Üç Aylık",
        "4. Üç Aylık",
    ]
    assert PeriodCode.YEAR.label_tr == "Yıl"


def test_a_period_is_labelled_by_its_code() -> None:
    assert Period(2023, PeriodCode.Q3).label_tr == "3. Üç Aylık"
    assert Period(2023, PeriodCode.YEAR).label_tr == "Yıl"


def test_the_plans_periods_close_with_the_second_and_the_fourth_quarter() -> None:
    assert [c.last_quarter for c in SP_PERIODS] == [2, 4]
    assert [c.label_tr for c in SP_PERIODS] == ["1. Altı Aylık", "Yıl Sonu"]
    assert SPPeriodCode.closing_with(2) is SPPeriodCode.H1
    assert SPPeriodCode.closing_with(4) is SPPeriodCode.YEAR_END
    with pytest.raises(ValueError, match="quarter 3"):
        SPPeriodCode.closing_with(3)


def test_the_quarter_to_open_follows_the_latest_opened() -> None:
    # Before any: the first quarter of the latest programme year, not the calendar's year.
    assert next_quarter([], {2022, 2023}, 2026) == (2023, 1)
    assert next_quarter([], set(), 2026) == (2026, 1)
    # Then the quarter after the latest opened, whatever order they were opened in.
    assert next_quarter([(2023, 2), (2023, 1)], {2023}, 2026) == (2023, 3)
    assert next_quarter([(2023, 4), (2023, 1)], {2023, 2024}, 2026) == (2024, 1)
