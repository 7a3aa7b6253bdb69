"""The entry forms that travel as workbooks, each described once: where its rows come from, how
its period is named, which cells it shows beside the input, and which service checks and saves.

The quarterly form of the performance programme and the strategic plan's half-year / year-end
form share everything else (the layout, the signature, the reading, the preview, the job): their
rows answer the same questions (`FormRow`) and their saves judge them with the same code. A
workbook names its form and its period in its identity; the form's `locate` turns them back into
the period and the unit, with the permission checks of the form's web page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.http import Http404
from django.utils.translation import gettext

from karne.accounts.access import (
    User,
    check_unit,
    period_for,
    require,
    sp_period_for,
    submission_for,
    unit_for,
)
from karne.accounts.models import Membership
from karne.core.forms import FormField, quarterly_fields, sp_fields
from karne.core.indicators import IndicatorKind, PeriodValue
from karne.core.monitoring import progress
from karne.core.periods import QUARTERS, SPPeriodCode
from karne.core.permissions import Capability
from karne.monitoring.computed_selectors import Proposal
from karne.monitoring.errors import Conflict, Refused
from karne.monitoring.models import MonitoringPeriod, Submission
from karne.monitoring.selectors import EntryRow, entry_rows
from karne.monitoring.services import EntryInput, entries_save, sp_entries_save
from karne.monitoring.services.entries import JudgedRow, judge_entries
from karne.monitoring.sp_selectors import SPEntryRow, sp_entry_rows
from karne.organisation.models import Unit


class FormRow(JudgedRow, Protocol):
    """What the workbook reads of a row of either form (`EntryRow`, `SPEntryRow`) besides what
    the save judges."""

    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def is_ratio(self) -> bool: ...
    @property
    def has_value(self) -> bool: ...


@dataclass(frozen=True)
class Located:
    membership: Membership
    period: MonitoringPeriod
    unit: Unit


Save = Callable[[User, Located, Sequence[EntryInput], str], int]


def _no_proposal(row: FormRow) -> Proposal | None:
    return None


@dataclass(frozen=True)
class EntryForm:
    """One form: `name` in the workbook's identity, `what` its name in a sentence (a Turkish
    msgid), `periods` the words its identity may carry for the period, `proposal` a row's
    figure computed from the events (only the quarterly form's rows have one)."""

    name: str
    what: str
    periods: tuple[str, ...]
    fields: Callable[[str], tuple[FormField, ...]]
    locate_period: Callable[[Membership, int, str], MonitoringPeriod]
    rows: Callable[[MonitoringPeriod, Unit], Sequence[FormRow]]
    shown: Callable[[FormRow], Mapping[str, Decimal | None]]
    bounds: Callable[[FormRow], tuple[Decimal, Decimal] | None]
    title: Callable[[int, str], str]
    save: Save
    proposal: Callable[[FormRow], Proposal | None] = _no_proposal

    def locate(
        self, user: User, year: int, period: str, unit: str, capability: Capability
    ) -> Located:
        """The period and the unit of the form, as its web page finds them (PermissionDenied,
        Http404 for a period this form does not have or that is not open)."""
        if period not in self.periods:
            raise Http404
        membership, unit_obj = unit_for(user, unit, capability)
        found = self.locate_period(membership, year, period)
        submission_for(membership, found, unit_obj)  # no submission: no form (404)
        return Located(membership, found, unit_obj)

    def check(
        self, user: User, located: Located, entries: Sequence[EntryInput], rows: Sequence[FormRow]
    ) -> dict[str, Refused | Conflict]:
        """What the save would refuse of these rows, writing nothing (`judge_entries` is the
        save's own judgement of both forms)."""
        membership = require(user, Capability.ENTRY_EDIT)
        check_unit(membership, Capability.ENTRY_EDIT, located.unit.code)
        submission = Submission.objects.filter(period=located.period, unit=located.unit).first()
        errors: dict[str, Refused | Conflict] = {}
        judge_entries(entries, rows, submission, errors)
        return errors


def _slope_bounds(
    measure: Callable[[Decimal], Decimal | None],
    low_at: Decimal,
    high_at: Decimal,
    *,
    increasing: bool = False,
) -> tuple[Decimal, Decimal] | None:
    """The values between which a measure that is a straight line of the value stays within
    [low_at, high_at]; None when it is not a straight line (or is flat, or falls when only a
    rising line is asked for)."""
    f0, f1, f2 = measure(Decimal(0)), measure(Decimal(1)), measure(Decimal(2))
    if f0 is None or f1 is None or f2 is None:
        return None
    slope = f1 - f0
    if slope == 0 or (increasing and slope < 0):
        return None
    if abs(f2 - f0 - 2 * slope) > abs(slope) * Decimal(
        "1e-12"
    ):  # exact up to division's last digit
        return None
    a, b = (low_at - f0) / slope, (high_at - f0) / slope
    low, high = min(a, b), max(a, b)
    return low.quantize(Decimal("0.000001")), high.quantize(Decimal("0.000001"))


def pace_bounds(row: EntryRow) -> tuple[Decimal, Decimal] | None:
    """The values of this quarter between which the pace rule asks for no explanation, when
    the year so far is an increasing straight line of this quarter's value (a sum, the
    latest, an average); None otherwise (a ratio by its parts): the server checks anyway,
    the bounds only colour the explanation cell as the person types."""
    if row.target is None or row.kind is IndicatorKind.RATIO:
        return None

    def so_far(value: Decimal) -> Decimal | None:
        reported = dict(row.earlier)
        reported[row.period] = PeriodValue(value, None, None)
        return progress(
            row.kind, row.direction, row.target, reported, row.period, row.policy
        ).value_to_date

    expected = progress(row.kind, row.direction, row.target, {}, row.period, row.policy).expected
    if expected is None or expected < 0:
        return None
    tolerance = row.policy.pace_tolerance
    return _slope_bounds(
        so_far, expected * (1 - tolerance), expected * (1 + tolerance), increasing=True
    )


def sp_bounds(row: SPEntryRow) -> tuple[Decimal, Decimal] | None:
    """The values of C whose performance (C−A)/(B−A) is within the tolerance of 100."""
    tolerance = row.policy.pace_tolerance * 100
    return _slope_bounds(
        lambda value: row.performance_for(value).raw, 100 - tolerance, 100 + tolerance
    )


def _quarter_shown(row: FormRow) -> Mapping[str, Decimal | None]:
    assert isinstance(row, EntryRow)
    return {
        "target": row.target,
        **{f"earlier-{code.value}": v.value for code, v in row.earlier.items()},
    }


def _sp_shown(row: FormRow) -> Mapping[str, Decimal | None]:
    assert isinstance(row, SPEntryRow)
    return {
        "baseline": row.baseline,
        "target": row.target,
        **{f"earlier-{code.value}": v for code, v in row.earlier.items()},
    }


def _quarter_proposal(row: FormRow) -> Proposal | None:
    assert isinstance(row, EntryRow)
    return row.proposal


def _quarter_bounds(row: FormRow) -> tuple[Decimal, Decimal] | None:
    assert isinstance(row, EntryRow)
    return pace_bounds(row)


def _sp_row_bounds(row: FormRow) -> tuple[Decimal, Decimal] | None:
    assert isinstance(row, SPEntryRow)
    return sp_bounds(row)


def _quarter_save(user: User, at: Located, entries: Sequence[EntryInput], reason: str) -> int:
    return entries_save(user=user, period=at.period, unit=at.unit, entries=entries, reason=reason)


def _sp_save(user: User, at: Located, entries: Sequence[EntryInput], reason: str) -> int:
    return sp_entries_save(
        user=user, period=at.period, unit=at.unit, entries=entries, reason=reason
    )


def _quarter_title(year: int, period: str) -> str:
    return gettext("%(year)s yılı %(quarter)s. çeyrek") % {"year": year, "quarter": period}


def _sp_title(year: int, period: str) -> str:
    return gettext("%(year)s yılı stratejik plan izlemesi (%(period)s)") % {
        "year": year,
        "period": gettext(SPPeriodCode(period).label_tr),
    }


QUARTERLY = EntryForm(
    name="ceyrek-girisi",
    what="çeyrek giriş formu",
    periods=tuple(str(q.quarter) for q in QUARTERS),
    fields=lambda period: quarterly_fields(QUARTERS[int(period) - 1]),
    locate_period=lambda membership, year, period: period_for(membership, year, int(period)),
    rows=entry_rows,
    shown=_quarter_shown,
    bounds=_quarter_bounds,
    title=_quarter_title,
    save=_quarter_save,
    proposal=_quarter_proposal,
)

STRATEGIC = EntryForm(
    name="sp-izleme",
    what="stratejik plan izleme formu",
    periods=tuple(code.value for code in SPPeriodCode),
    fields=lambda period: sp_fields(SPPeriodCode(period)),
    locate_period=lambda membership, year, period: sp_period_for(
        membership, year, SPPeriodCode(period)
    ),
    rows=sp_entry_rows,
    shown=_sp_shown,
    bounds=_sp_row_bounds,
    title=_sp_title,
    save=_sp_save,
)

FORMS = {form.name: form for form in (QUARTERLY, STRATEGIC)}
