from __future__ import annotations

import pytest

from karne.core.periods import QUARTERS, SP_PERIODS, Period, PeriodCode, SPPeriodCode


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
