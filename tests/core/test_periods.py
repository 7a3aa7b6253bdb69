from __future__ import annotations

from karne.core.periods import QUARTERS, Period, PeriodCode


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
