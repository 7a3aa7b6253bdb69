from __future__ import annotations

import pytest

from karne.core.periods import (
    QUARTERS,
    SP_PERIODS,
    OpenDefaults,
    Period,
    PeriodCode,
    SPPeriodCode,
    open_defaults,
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


def test_the_forms_propose_what_the_data_says_is_next() -> None:
    # Before any quarter: the latest programme year (not the calendar's), its first quarter,
    # and the year after it to prepare.
    assert open_defaults([], {2022, 2023}, 2026) == OpenDefaults(2023, 1, 2023, 2024)
    assert open_defaults([], set(), 2026) == OpenDefaults(2026, 1, 2026, 2027)
    # Then the quarter after the latest opened, whatever order they were opened in; the
    # strategic plan's year is the one being monitored.
    assert open_defaults([(2023, 2), (2023, 1)], {2023}, 2026) == OpenDefaults(2023, 3, 2023, 2024)
    # The strategic plan's point: the first of its year not yet opened (stored by the quarter
    # it closes with), the year-end once both are.
    assert open_defaults([(2023, 2)], {2023}, 2026).sp_point is SPPeriodCode.H1
    assert open_defaults([(2023, 3)], {2023}, 2026, [(2023, 2)]).sp_point is SPPeriodCode.YEAR_END
    assert open_defaults([(2023, 3)], {2023}, 2026, [(2022, 2)]).sp_point is SPPeriodCode.H1
    both = open_defaults([(2023, 4)], {2023}, 2026, [(2023, 2), (2023, 4)])
    assert both.sp_point is SPPeriodCode.YEAR_END
    after_q4 = open_defaults([(2023, 4), (2023, 1)], {2023, 2024}, 2026)
    assert after_q4 == OpenDefaults(2024, 1, 2023, 2025)
