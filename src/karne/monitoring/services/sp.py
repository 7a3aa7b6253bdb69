"""Strategic-plan monitoring: the strategy unit opens a half-year or a year-end, the units
responsible for the plan's objectives enter C and the reason for any deviation, and the
strategy unit's approval makes the values the year's actuals, where the SP evaluation reads
them. The workflow, its permission checks, the form's checks and the trail are the quarterly
ones; only what is entered, and where an approved value lands, is the plan's own."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from karne.accounts.access import User, check_unit, require
from karne.accounts.models import Membership
from karne.core.periods import PeriodKind, SPPeriodCode
from karne.core.permissions import Capability
from karne.core.workflow import State
from karne.monitoring.errors import Conflict, Refused
from karne.monitoring.models import MonitoringPeriod, SPRealization, Submission
from karne.monitoring.services.entries import EntriesRefused, EntryInput, judge_entries
from karne.monitoring.services.trail import Change, as_text, record_change, record_changes
from karne.monitoring.sp_selectors import SPEntryRow, sp_entry_rows, sp_unit_codes
from karne.organisation.models import Unit
from karne.planning.models import SPIndicator, SPIndicatorValue


@transaction.atomic
def sp_period_open(
    *, user: User, year: int, code: SPPeriodCode, deadline: datetime.date
) -> MonitoringPeriod:
    """Open a half-year or a year-end of the strategic plan: every unit responsible for an
    objective with indicators gets a draft."""
    membership = require(user, Capability.PERIOD_OPEN)
    admin = membership.administration
    if deadline < timezone.localdate():
        raise Refused(
            _("Son tarih (%(date)s) geçmişte; bugünden sonra bir tarih seçin.")
            % {"date": f"{deadline:%d.%m.%Y}"}
        )
    codes = sp_unit_codes(admin, year)
    if not codes:
        raise Refused(
            _("%(year)s yılını kapsayan bir stratejik planın göstergesi yok.") % {"year": year}
        )
    periods = MonitoringPeriod.objects.filter(administration=admin, kind=PeriodKind.SP.value)
    if periods.filter(year=year, quarter=code.last_quarter).exists():
        raise Refused(
            _("%(year)s yılının stratejik plan izlemesi (%(period)s) zaten açık.")
            % {"year": year, "period": _(code.label_tr)}
        )
    period = MonitoringPeriod.objects.create(
        administration=admin,
        kind=PeriodKind.SP.value,
        year=year,
        quarter=code.last_quarter,
        deadline=deadline,
        opened_by=membership.user,
    )
    units = {u.code: u for u in Unit.objects.filter(administration=admin, code__in=codes)}
    Submission.objects.bulk_create(
        Submission(period=period, unit=units[c]) for c in codes if c in units
    )
    record_change(membership, "period", period.key, "deadline", "", deadline.isoformat())
    return period


@transaction.atomic
def sp_period_remove(*, user: User, year: int, code: SPPeriodCode, reason: str) -> None:
    """Remove a half-year or a year-end opened by mistake, as a quarter is removed: only while
    nothing was entered or moved in it (every submission a draft, no value saved); the trail
    keeps the removal and its reason."""
    membership = require(user, Capability.PERIOD_OPEN)
    if not reason.strip():
        raise Refused(_("Dönemi kaldırmak için bir gerekçe yazın."))
    period = (
        MonitoringPeriod.objects.select_for_update()
        .filter(
            administration=membership.administration,
            kind=PeriodKind.SP.value,
            year=year,
            quarter=code.last_quarter,
        )
        .first()
    )
    if period is None:
        raise Refused(
            _("%(year)s yılının stratejik plan izlemesi (%(period)s) açık değil.")
            % {"year": year, "period": _(code.label_tr)}
        )
    moved = period.submissions.exclude(state=State.DRAFT.value).exists()
    entered = SPRealization.objects.filter(
        indicator__objective__aim__plan__administration=membership.administration,
        year=year,
        period=code.value,
    ).exists()
    if moved or entered:
        raise Refused(
            _("Bu dönemde değer girilmiş ya da gönderilmiş; kaldırılamaz (kayıtlar korunur).")
        )
    key, old = period.key, period.deadline.isoformat()
    period.delete()
    record_change(membership, "period", key, "deadline", old, "", reason.strip())


@transaction.atomic
def sp_entries_save(
    *,
    user: User,
    period: MonitoringPeriod,
    unit: Unit,
    entries: Sequence[EntryInput],
    reason: str = "",
) -> int:
    """Save every changed row of a unit's SP form, or none of them; returns how many changed.
    The rows are judged by the quarterly form's rules (`judge_entries`): an open submission, the
    version the form saw, plausibility, and the reason a deviation needs."""
    membership = require(user, Capability.ENTRY_EDIT)
    check_unit(membership, Capability.ENTRY_EDIT, unit.code)
    if not period.is_sp:
        raise Refused(_("Bu dönem bir stratejik plan izleme dönemi değil."))
    submission = Submission.objects.select_for_update().filter(period=period, unit=unit).first()
    errors: dict[str, Refused | Conflict] = {}
    accepted = judge_entries(entries, sp_entry_rows(period, unit), submission, errors)
    if errors:
        raise EntriesRefused(errors)
    _write(membership, period, accepted, reason)
    return len(accepted)


_TRAILED = ("value", "explanation")


def _write(
    membership: Membership,
    period: MonitoringPeriod,
    accepted: list[tuple[EntryInput, SPEntryRow]],
    reason: str,
) -> None:
    if not accepted:
        return
    code = period.sp_code.value
    indicators = {
        i.code: i
        for i in SPIndicator.objects.filter(
            objective__aim__plan__administration=period.administration,
            code__in=[entry.indicator for entry, _row in accepted],
        )
    }
    stored = {
        r.indicator_id: r
        for r in SPRealization.objects.select_for_update().filter(
            indicator__in=list(indicators.values()), year=period.year, period=code
        )
    }
    now = timezone.now()
    changes: list[Change] = []
    for entry, _row in accepted:
        ind = indicators[entry.indicator]
        current = stored.get(ind.pk) or SPRealization(indicator=ind, year=period.year, period=code)
        old = {"value": as_text(current.value), "explanation": current.explanation}
        current.value, current.explanation = entry.value, entry.explanation.strip()
        current.version += 1
        current.updated_by, current.updated_at = membership.user, now
        current.save()
        new = {"value": as_text(current.value), "explanation": current.explanation}
        key = f"{entry.indicator}/{period.year}/{code}"
        changes += [Change(key, f, old[f], new[f]) for f in _TRAILED if old[f] != new[f]]
    record_changes(membership, "sp_realization", changes, reason)


def sp_values_approve(membership: Membership, submission: Submission) -> None:
    """The strategy unit's approval of a unit's SP submission: each value it entered becomes
    the year's actual (C) of its indicator in `SPIndicatorValue`, which the SP evaluation, the
    documents and the dataset read (a later period's approval replaces it: the year-end value
    follows the half-year's). Called inside the workflow move's transaction; trailed."""
    period = submission.period
    rows = [r for r in sp_entry_rows(period, submission.unit) if r.value is not None]
    indicators = {
        i.code: i
        for i in SPIndicator.objects.filter(
            objective__aim__plan__administration=period.administration,
            code__in=[r.code for r in rows],
        )
    }
    stored = {
        v.indicator_id: v
        for v in SPIndicatorValue.objects.select_for_update().filter(
            indicator__in=list(indicators.values()), year=period.year
        )
    }
    position = SPIndicatorValue.objects.aggregate(m=Max("position"))["m"] or 0
    changes: list[Change] = []
    for row in rows:
        ind = indicators[row.code]
        value = stored.get(ind.pk)
        if value is None:
            position += 1
            value = SPIndicatorValue(indicator=ind, year=period.year, position=position)
        old = as_text(value.actual)
        if value.pk is not None and value.actual == row.value:
            continue
        value.actual = row.value
        value.save()
        changes.append(Change(f"{row.code}/{period.year}", "actual", old, as_text(row.value)))
    record_changes(membership, "sp_value", changes, period.key)
