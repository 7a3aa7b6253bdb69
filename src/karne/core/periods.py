"""Monitoring periods: a year and a quarter, or the whole year; and the strategic plan's two
monitoring points of a year, the half-year and the year-end."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class PeriodCode(StrEnum):
    Q1 = "Q1"
    Q2 = "Q2"
    Q3 = "Q3"
    Q4 = "Q4"
    YEAR = "Y"

    @property
    def quarter(self) -> int | None:
        """1…4 for a quarter, None for the whole year."""
        return None if self is PeriodCode.YEAR else int(self.value[1])

    @property
    def label_tr(self) -> str:
        """The Form-3 column label ("1. Üç Aylık") or "Yıl": one spelling for every document."""
        quarter = self.quarter
        return "Yıl" if quarter is None else f"{quarter}. Üç Aylık"


QUARTERS: tuple[PeriodCode, ...] = (PeriodCode.Q1, PeriodCode.Q2, PeriodCode.Q3, PeriodCode.Q4)


class PeriodKind(StrEnum):
    """What a monitoring period collects: one workflow serves every kind."""

    QUARTER = "quarter"  # the performance programme's indicators, quarter by quarter (Form-3)
    SP = "sp"  # the strategic plan's indicators, at the half-year and at the year-end
    PREPARATION = "preparation"  # next year's performance programme: targets and costs proposed


class SPPeriodCode(StrEnum):
    """The strategic plan's monitoring points of a year: twice a year, as the plan is followed."""

    H1 = "H1"
    YEAR_END = "Y"

    @property
    def last_quarter(self) -> int:
        """The quarter the period closes with (2 for the half-year, 4 for the year-end): a
        monitoring period is stored by its year and this quarter, whichever its kind."""
        return 2 if self is SPPeriodCode.H1 else 4

    @property
    def label_tr(self) -> str:
        return "1. Altı Aylık" if self is SPPeriodCode.H1 else "Yıl Sonu"

    @classmethod
    def closing_with(cls, quarter: int) -> SPPeriodCode:
        """The SP period that closes with this quarter; ValueError for any other quarter."""
        for code in cls:
            if code.last_quarter == quarter:
                return code
        raise ValueError(f"no strategic-plan period closes with quarter {quarter}")


SP_PERIODS: tuple[SPPeriodCode, ...] = (SPPeriodCode.H1, SPPeriodCode.YEAR_END)


@dataclass(frozen=True, order=True)
class Period:
    year: int
    code: PeriodCode

    def __str__(self) -> str:
        return f"{self.year}-{self.code.value}"

    @property
    def label_tr(self) -> str:
        return self.code.label_tr


def elapsed_share(code: PeriodCode) -> Decimal:
    """Share of the year elapsed at the end of the period: the pace a flow target needs."""
    quarter = code.quarter
    return Decimal(1) if quarter is None else Decimal(quarter) / Decimal(4)


# A deadline this near is announced on the entry page, so nobody learns of it the day after.
DEADLINE_WARNING_DAYS = 3


def days_to_deadline(deadline: datetime.date, today: datetime.date) -> int:
    """Days left until the deadline (0 on the day itself, negative once it has passed)."""
    return (deadline - today).days


@dataclass(frozen=True)
class OpenDefaults:
    """What the home page's forms propose to open: a quarter, a strategic-plan monitoring year
    and the year of next year's programme to prepare."""

    year: int
    quarter: int
    sp_year: int
    prep_year: int
    sp_point: SPPeriodCode = SPPeriodCode.H1  # the first of that year's not yet opened


def open_defaults(
    opened: Iterable[tuple[int, int]],
    programme_years: Iterable[int],
    this_year: int,
    sp_opened: Iterable[tuple[int, int]] = (),
) -> OpenDefaults:
    """Read from the data, not the calendar. The quarter: the one after the latest quarter
    opened (the next year's first after a fourth); before any, the first of the latest year with
    performance-programme indicators (this calendar year when there is none). The strategic
    plan's year: the year being monitored, that of the latest quarter opened (before any, the
    latest programme year), and of its two points (`sp_opened`: year and closing quarter of the
    strategic-plan periods opened) the first not yet opened — the year-end once both are. The
    year to prepare: the one after the latest programme year."""
    latest_programme = max(programme_years, default=None)
    latest = max(opened, default=None)
    if latest is None:
        year = this_year if latest_programme is None else latest_programme
        return OpenDefaults(year, 1, year, year + 1, _sp_point(year, sp_opened))
    year, quarter = latest
    following = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
    prep = (this_year if latest_programme is None else latest_programme) + 1
    return OpenDefaults(following[0], following[1], year, prep, _sp_point(year, sp_opened))


def _sp_point(year: int, sp_opened: Iterable[tuple[int, int]]) -> SPPeriodCode:
    done = {q for y, q in sp_opened if y == year}
    return next((c for c in SP_PERIODS if c.last_quarter not in done), SPPeriodCode.YEAR_END)
