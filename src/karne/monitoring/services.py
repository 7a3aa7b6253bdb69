"""Writes of the monitoring workflow. Each is one transaction: permission check, change, trail.

Views, the command line and the admin call these; nothing else writes monitoring data.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _

from karne.accounts.access import (
    User,
    check_unit,
    indicator_for,
    require,
    sp_indicator_for,
    submission_by_id,
)
from karne.accounts.models import Membership
from karne.core.decimals import decimal_text
from karne.core.formatting import format_number
from karne.core.periods import PeriodCode
from karne.core.permissions import Capability
from karne.core.plausibility import EXPLANATION_LIMIT, Finding, Problem
from karne.core.workflow import (
    STATE_LABELS,
    Action,
    Refusal,
    State,
    TransitionRefused,
    is_editable,
    transition,
)
from karne.monitoring.errors import Conflict, Refused
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Realization, Submission
from karne.monitoring.selectors import entry_rows, programme_codes, programme_years
from karne.organisation.models import Unit
from karne.planning.models import PPIndicatorValue, SPIndicator

log = logging.getLogger("karne.actions")


def _text(value: Decimal | None) -> str:
    return "" if value is None else decimal_text(value)


def _record(
    membership: Membership, subject: str, key: str, field: str, old: str, new: str, reason: str = ""
) -> None:
    log.info("%s changed %s %s (%s)", membership.user.get_username(), subject, key, field or "-")
    ChangeRecord.objects.create(
        administration=membership.administration,
        user=membership.user,
        username=membership.user.get_username(),
        subject=subject,
        key=key,
        field=field,
        old=old,
        new=new,
        reason=reason,
    )


@transaction.atomic
def period_open(
    *, user: User, year: int, quarter: int, deadline: datetime.date
) -> MonitoringPeriod:
    """Open a quarter: every unit responsible for an indicator of the year gets a draft."""
    membership = require(user, Capability.PERIOD_OPEN)
    admin = membership.administration
    if not 1 <= quarter <= 4:
        raise Refused(_("Çeyrek 1 ile 4 arasında olmalı."))
    if deadline < timezone.localdate():
        raise Refused(
            _("Son tarih (%(date)s) geçmişte; bugünden sonra bir tarih seçin.")
            % {"date": f"{deadline:%d.%m.%Y}"}
        )
    years = programme_years(admin)
    if year not in years:
        known = ", ".join(str(y) for y in sorted(years)) or "-"
        raise Refused(
            _(
                "%(year)s yılının performans programı göstergesi yok; "
                "izlenebilecek yıllar: %(known)s."
            )
            % {"year": year, "known": known}
        )
    if MonitoringPeriod.objects.filter(administration=admin, year=year, quarter=quarter).exists():
        raise Refused(
            _("%(year)s yılının %(quarter)s. çeyreği zaten açık.")
            % {"year": year, "quarter": quarter}
        )
    period = MonitoringPeriod.objects.create(
        administration=admin,
        year=year,
        quarter=quarter,
        deadline=deadline,
        opened_by=membership.user,
    )
    units = Unit.objects.filter(pp_indicators__year=year, administration=admin).distinct()
    Submission.objects.bulk_create(Submission(period=period, unit=u) for u in units)
    _record(membership, "period", f"{year}-Q{quarter}", "deadline", "", deadline.isoformat())
    return period


@transaction.atomic
def period_remove(*, user: User, year: int, quarter: int, reason: str) -> None:
    """Remove a period opened by mistake: only while nothing was entered or moved in it (every
    submission a draft, no value saved through karne); the trail keeps the removal."""
    membership = require(user, Capability.PERIOD_OPEN)
    if not reason.strip():
        raise Refused(_("Dönemi kaldırmak için bir gerekçe yazın."))
    period = (
        MonitoringPeriod.objects.select_for_update()
        .filter(administration=membership.administration, year=year, quarter=quarter)
        .first()
    )
    if period is None:
        raise Refused(
            _("%(year)s yılının %(quarter)s. çeyreği açık değil.")
            % {"year": year, "quarter": quarter}
        )
    moved = period.submissions.exclude(state=State.DRAFT.value).exists()
    entered = ChangeRecord.objects.filter(
        administration=membership.administration,
        subject="realization",
        key__endswith=f"/{year}/Q{quarter}",
    ).exists()
    if moved or entered:
        raise Refused(
            _("Bu dönemde değer girilmiş ya da gönderilmiş; kaldırılamaz (kayıtlar korunur).")
        )
    key = f"{year}-Q{quarter}"
    old = period.deadline.isoformat()
    period.delete()
    _record(membership, "period", key, "deadline", old, "", reason.strip())


def _editable_submission(
    membership: Membership, period: MonitoringPeriod, unit: Unit
) -> Submission:
    submission = Submission.objects.select_for_update().filter(period=period, unit=unit).first()
    if submission is None:
        raise Refused(_("Bu birim için bu dönemde giriş açılmamış."))
    if not is_editable(submission.state_enum):
        raise Refused(_("Bu dönemin girişleri gönderilmiş ya da kilitlenmiş; değiştirilemez."))
    return submission


@transaction.atomic
def realization_save(
    *,
    user: User,
    period: MonitoringPeriod,
    indicator: str,
    value: Decimal | None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    explanation: str = "",
    expected_version: int,
    confirmed: bool = False,
) -> Realization:
    """Save one indicator's value for a period; refuses a stale form instead of overwriting.

    The entry must be plausible by the core's rules (`karne.core.plausibility`); a likely
    magnitude slip is saved only when `confirmed`.
    """
    membership = require(user, Capability.ENTRY_EDIT)
    ind = indicator_for(membership, indicator, Capability.ENTRY_EDIT)
    assert ind.responsible_unit is not None  # an indicator no unit owns is no one's to edit
    _editable_submission(membership, period, ind.responsible_unit)
    explanation = explanation.strip()
    if len(explanation) > EXPLANATION_LIMIT:
        limits = {
            "limit": format_number(Decimal(EXPLANATION_LIMIT)),
            "length": format_number(Decimal(len(explanation))),
        }
        raise Refused(
            gettext("Açıklama en çok %(limit)s karakter olabilir; yazdığınız %(length)s karakter.")
            % limits,
            field="exp",
        )
    code = period.code.value
    current = (
        Realization.objects.select_for_update()
        .filter(indicator=ind, year=period.year, period=code)
        .first()
    )
    key = f"{indicator}/{period.year}/{code}"
    if current is None:
        if expected_version != 0:
            raise Conflict(None, value, "?")
        position = (Realization.objects.aggregate(m=Max("position"))["m"] or 0) + 1
        current = Realization(indicator=ind, year=period.year, period=code, position=position)
        old = {"value": "", "numerator": "", "denominator": "", "explanation": ""}
    else:
        if current.version != expected_version:
            by = current.updated_by.get_username() if current.updated_by else "?"
            raise Conflict(current.value, value, by)
        old = {
            "value": _text(current.value),
            "numerator": _text(current.numerator),
            "denominator": _text(current.denominator),
            "explanation": current.explanation,
        }
    # A stale form is a conflict before anything else: the checks below read the stored values.
    row = next(r for r in entry_rows(period, ind.responsible_unit) if r.code == indicator)
    for finding in row.findings_for(value, numerator, denominator):
        if not (finding.confirmable and confirmed):
            raise Refused(
                _finding_message(finding), field=finding.field, confirmable=finding.confirmable
            )
    if row.explanation_needed_for(value, numerator, denominator) and not explanation:
        raise Refused(
            gettext("Değer hedefin gerektirdiği hızdan sapıyor: sapmanın nedenini açıklayın."),
            field="exp",
        )
    current.value, current.numerator, current.denominator = value, numerator, denominator
    current.explanation = explanation
    current.version += 1
    current.updated_by = membership.user
    current.updated_at = timezone.now()
    current.save()
    new = {
        "value": _text(value),
        "numerator": _text(numerator),
        "denominator": _text(denominator),
        "explanation": current.explanation,
    }
    for field, before in old.items():
        if before != new[field]:
            _record(membership, "realization", key, field, before, new[field])
    return current


_FINDING_MESSAGES = {
    Problem.NEGATIVE_COUNT: gettext_lazy("Bir sayı göstergesinin değeri negatif olamaz."),
    Problem.RATIO_OUT_OF_BOUNDS: gettext_lazy("Oran 0 ile %(figure)s arasında olmalı."),
    Problem.PARTS_INCOMPLETE: gettext_lazy("Pay ve payda birlikte girilmeli."),
    Problem.DENOMINATOR_NOT_POSITIVE: gettext_lazy("Payda sıfırdan büyük olmalı."),
    Problem.NUMERATOR_OUT_OF_BOUNDS: gettext_lazy("Pay 0 ile payda (%(figure)s) arasında olmalı."),
    Problem.PARTS_INCONSISTENT: gettext_lazy(
        "Değer pay ve paydayla uyuşmuyor: pay / payda ile %(figure)s çıkıyor. Değeri düzeltin "
        "ya da boş bırakın."
    ),
    Problem.TOO_LARGE: gettext_lazy(
        "Bu değer göstergenin önceki en büyük değerinin (%(figure)s) 100 katından büyük. Yazım "
        "hatası değilse “Bu değeri onaylıyorum” kutusunu işaretleyip yeniden kaydedin."
    ),
    Problem.TOO_SMALL: gettext_lazy(
        "Bu değer göstergenin önceki en büyük değerinin (%(figure)s) yüzde birinden küçük. Yazım "
        "hatası değilse “Bu değeri onaylıyorum” kutusunu işaretleyip yeniden kaydedin."
    ),
}


def _finding_message(finding: Finding) -> str:
    """The message, with its figure to two decimals at most ("1.237.803", "33,33")."""
    figure = "" if finding.figure is None else format_number(finding.figure, 2)
    return str(_FINDING_MESSAGES[finding.problem]) % {"figure": figure.removesuffix(",00")}


def _refusal(reason: Refusal, submission: Submission) -> str:
    if reason is Refusal.NOT_FROM_STATE:
        return _("Bu işlem şu durumda yapılamaz: %(state)s.") % {
            "state": _(STATE_LABELS[submission.state_enum])
        }
    if reason is Refusal.NEEDS_REASON:
        return _("Bu işlem için bir gerekçe yazın.")
    return _("Bu işlem sizin rolünüz için değil.")


@transaction.atomic
def submission_act(
    *, user: User, submission_id: int, action: Action, reason: str = ""
) -> Submission:
    """Move a unit's submission through the workflow (the table lives in karne.core.workflow)."""
    membership = require(user, action)
    submission = submission_by_id(membership, submission_id, action, for_update=True)
    try:
        target = transition(submission.state_enum, action, membership.role_enum, reason)
    except TransitionRefused as exc:
        raise Refused(_refusal(exc.reason, submission)) from exc
    if action is Action.SUBMIT:
        missing = [r for r in entry_rows(submission.period, submission.unit) if r.problem]
        if missing:
            names = ", ".join(f"{r.code} ({r.problem})" for r in missing)
            raise Refused(_("Gönderilemez; eksikler: %(names)s.") % {"names": names})
    old = submission.state
    submission.state = target.value
    submission.comment = reason.strip()
    submission.save()
    key = f"{submission.period.year}-Q{submission.period.quarter}/{submission.unit.code}"
    _record(membership, "submission", key, "state", old, target.value, reason.strip())
    return submission


@transaction.atomic
def target_set(
    *, user: User, indicator: str, year: int, value: Decimal, reason: str
) -> PPIndicatorValue:
    """Change an indicator's target for a year (strategy unit only, with a reason).

    A locked quarter's status was approved against the target it had: while any quarter of the
    year is locked for the indicator's unit, the target cannot change (reopen it first). Setting
    the target it already has changes nothing and writes no trail row.
    """
    membership = require(user, Capability.TARGET_SET)
    ind = indicator_for(membership, indicator, Capability.TARGET_SET)
    if not reason.strip():
        raise Refused(_("Hedef değişikliği için bir gerekçe yazın."))
    locked = Submission.objects.filter(
        period__administration=membership.administration,
        period__year=year,
        unit=ind.responsible_unit,
        state=State.LOCKED.value,
    ).select_related("period")
    if ind.responsible_unit is not None and locked.exists():
        quarters = ", ".join(
            _(PeriodCode(f"Q{s.period.quarter}").label_tr)
            for s in locked.order_by("period__quarter")
        )
        raise Refused(
            _(
                "%(year)s yılının kilitli dönemleri var (%(quarters)s); onaylanan durumlar bu "
                "hedefe göre verildi. Hedefi değiştirmek için önce kilidi açın."
            )
            % {"year": year, "quarters": quarters}
        )
    programme = programme_codes(membership.administration, year)
    rows = list(ind.values.select_for_update().filter(year=year, measure="target"))
    # The same row karne.core.evaluation.pick_target reads: the programme's own figure.
    row = next((r for r in rows if r.source in programme), None)
    row = row or (rows[0] if rows else None)
    old = _text(row.value) if row else ""
    if row is None:
        if not programme:
            raise Refused(
                _("%(year)s yılı için bir performans programı belgesi yok.") % {"year": year}
            )
        position = (PPIndicatorValue.objects.aggregate(m=Max("position"))["m"] or 0) + 1
        row = PPIndicatorValue(
            indicator=ind,
            year=year,
            measure="target",
            position=position,
            source=min(programme),
        )
    if row.pk is not None and row.value == value:
        return row  # nothing changes: no save, no trail row
    row.value = value
    row.save()
    _record(membership, "target", f"{indicator}/{year}", "target", old, _text(value), reason)
    return row


@transaction.atomic
def sp_weight_set(*, user: User, indicator: str, weight: Decimal, reason: str) -> SPIndicator:
    """Change a strategic-plan indicator's weight (strategy unit only, with a reason)."""
    membership = require(user, Capability.WEIGHT_SET)
    sp = sp_indicator_for(membership, indicator, Capability.WEIGHT_SET, for_update=True)
    if not reason.strip():
        raise Refused(_("Ağırlık değişikliği için bir gerekçe yazın."))
    old = _text(sp.weight)
    sp.weight = weight
    sp.save()
    _record(membership, "weight", indicator, "weight", old, _text(weight), reason)
    return sp


@dataclass(frozen=True)
class EntryInput:
    """One row of an entry form as posted: the version it was opened at proves what it saw."""

    indicator: str
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    explanation: str
    version: int
    confirmed: bool = False  # the person confirmed a value the magnitude rule questions


class EntriesRefused(Exception):
    """Some rows could not be saved; none were (the form is one transaction)."""

    def __init__(self, errors: dict[str, Refused | Conflict]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors

    @property
    def conflict(self) -> bool:
        return any(isinstance(e, Conflict) for e in self.errors.values())


@transaction.atomic
def entries_save(
    *, user: User, period: MonitoringPeriod, unit: Unit, entries: Sequence[EntryInput]
) -> int:
    """Save every changed row of a unit's form, or none of them; returns how many changed.

    The caller passes only the rows the person changed (the view compares each row with what
    the form showed); a row equal to what is stored is not saved (and so cannot conflict).
    """
    membership = require(user, Capability.ENTRY_EDIT)
    check_unit(membership, Capability.ENTRY_EDIT, unit.code)
    stored = {r.code: r for r in entry_rows(period, unit)}
    errors: dict[str, Refused | Conflict] = {}
    saved = 0
    for entry in entries:
        row = stored.get(entry.indicator)
        if row is None:
            errors[entry.indicator] = Refused(gettext("Bu gösterge bu birimin formunda yok."))
            continue
        new = (entry.value, entry.numerator, entry.denominator, entry.explanation)
        if new == (row.value, row.numerator, row.denominator, row.explanation):
            continue
        try:
            realization_save(
                user=user,
                period=period,
                indicator=entry.indicator,
                value=entry.value,
                numerator=entry.numerator,
                denominator=entry.denominator,
                explanation=entry.explanation,
                expected_version=entry.version,
                confirmed=entry.confirmed,
            )
        except (Conflict, Refused) as exc:
            errors[entry.indicator] = exc
        else:
            saved += 1
    if errors:
        raise EntriesRefused(errors)
    return saved


__all__ = [
    "Conflict",
    "EntriesRefused",
    "EntryInput",
    "PeriodCode",
    "Refused",
    "entries_save",
    "period_open",
    "period_remove",
    "realization_save",
    "sp_weight_set",
    "submission_act",
    "target_set",
]
