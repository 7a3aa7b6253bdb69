"""Monitoring periods: a year and a quarter, or the whole year."""

from __future__ import annotations

import datetime
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
