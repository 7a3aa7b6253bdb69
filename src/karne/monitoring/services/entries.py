"""Saving a unit's quarterly values: one row, or a whole form in one transaction."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
)
from karne.accounts.models import Membership
from karne.core.formatting import format_number
from karne.core.permissions import Capability
from karne.core.plausibility import EXPLANATION_LIMIT, Finding, Problem
from karne.core.workflow import (
    is_editable,
)
from karne.monitoring.errors import Conflict, Refused
from karne.monitoring.models import MonitoringPeriod, Realization, Submission
from karne.monitoring.selectors import EntryRow, entry_rows
from karne.monitoring.services.trail import as_text, record_change
from karne.organisation.models import Unit


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
    reason: str = "",
    row: EntryRow | None = None,
) -> Realization:
    """Save one indicator's value for a period; refuses a stale form instead of overwriting.

    The entry must be plausible by the core's rules (`karne.core.plausibility`); a likely
    magnitude slip is saved only when `confirmed`. `reason` goes to the trail with each change
    (the workbook upload names its file there). `row`: the form row as `entries_save` read it
    in this transaction, so that a form of thousands of rows is not re-read once per row.
    """
    membership = require(user, Capability.ENTRY_EDIT)
    ind = indicator_for(membership, indicator, Capability.ENTRY_EDIT)
    assert ind.responsible_unit is not None  # an indicator no unit owns is no one's to edit
    _editable_submission(membership, period, ind.responsible_unit)
    explanation = explanation.strip()
    _check_length(explanation)
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
            "value": as_text(current.value),
            "numerator": as_text(current.numerator),
            "denominator": as_text(current.denominator),
            "explanation": current.explanation,
        }
    # A stale form is a conflict before anything else: the checks below read the stored values.
    if row is None or row.code != indicator:
        row = next(r for r in entry_rows(period, ind.responsible_unit) if r.code == indicator)
    refusal = _refusal(row, value, numerator, denominator, explanation, confirmed)
    if refusal is not None:
        raise refusal
    current.value, current.numerator, current.denominator = value, numerator, denominator
    current.explanation = explanation
    current.version += 1
    current.updated_by = membership.user
    current.updated_at = timezone.now()
    current.save()
    new = {
        "value": as_text(value),
        "numerator": as_text(numerator),
        "denominator": as_text(denominator),
        "explanation": current.explanation,
    }
    for field, before in old.items():
        if before != new[field]:
            record_change(membership, "realization", key, field, before, new[field], reason)
    return current


def _check_length(explanation: str) -> None:
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


def _refusal(
    row: EntryRow,
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
    explanation: str,
    confirmed: bool,
) -> Refused | None:
    """Why the form's rules refuse this entry of the row, or None: the one check the web
    form, the workbook preview and the save all run."""
    for finding in row.findings_for(value, numerator, denominator):
        if not (finding.confirmable and confirmed):
            return Refused(
                _finding_message(finding), field=finding.field, confirmable=finding.confirmable
            )
    if row.explanation_needed_for(value, numerator, denominator) and not explanation:
        return Refused(
            gettext("Değer hedefin gerektirdiği hızdan sapıyor: sapmanın nedenini açıklayın."),
            field="exp",
        )
    return None


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


def _changed(
    entries: Sequence[EntryInput],
    stored: dict[str, EntryRow],
    errors: dict[str, Refused | Conflict],
) -> Iterator[tuple[EntryInput, EntryRow]]:
    """The entries that differ from what is stored, with their stored row; an entry for an
    indicator that is not on the unit's form goes to `errors`. Saving and checking read the
    same rows, so a row the save would skip is never refused by the check."""
    for entry in entries:
        row = stored.get(entry.indicator)
        if row is None:
            errors[entry.indicator] = Refused(gettext("Bu gösterge bu birimin formunda yok."))
            continue
        new = (entry.value, entry.numerator, entry.denominator, entry.explanation)
        if new != (row.value, row.numerator, row.denominator, row.explanation):
            yield entry, row


@transaction.atomic
def entries_save(
    *,
    user: User,
    period: MonitoringPeriod,
    unit: Unit,
    entries: Sequence[EntryInput],
    reason: str = "",
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
    for entry, row in _changed(entries, stored, errors):
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
                reason=reason,
                row=row,
            )
        except (Conflict, Refused) as exc:
            errors[entry.indicator] = exc
        else:
            saved += 1
    if errors:
        raise EntriesRefused(errors)
    return saved


def entries_check(
    *,
    user: User,
    period: MonitoringPeriod,
    unit: Unit,
    entries: Sequence[EntryInput],
    rows: Sequence[EntryRow] | None = None,
) -> dict[str, Refused | Conflict]:
    """What `entries_save` would refuse of these rows, by indicator, writing nothing: the
    workbook preview runs the save's own checks (permission, open submission, version, the
    form's rules) before anyone confirms. `rows`: the unit's `entry_rows` if the caller has
    just read them (a form of thousands of rows is read once, not twice)."""
    membership = require(user, Capability.ENTRY_EDIT)
    check_unit(membership, Capability.ENTRY_EDIT, unit.code)
    submission = Submission.objects.filter(period=period, unit=unit).first()
    stored = {r.code: r for r in (entry_rows(period, unit) if rows is None else rows)}
    errors: dict[str, Refused | Conflict] = {}
    for entry, row in _changed(entries, stored, errors):
        if submission is None:
            errors[entry.indicator] = Refused(_("Bu birim için bu dönemde giriş açılmamış."))
        elif not is_editable(submission.state_enum):
            errors[entry.indicator] = Refused(
                _("Bu dönemin girişleri gönderilmiş ya da kilitlenmiş; değiştirilemez.")
            )
        elif row.version != entry.version:
            errors[entry.indicator] = Conflict(row.value, entry.value, row.updated_by or "?")
        else:
            try:
                _check_length(entry.explanation.strip())
            except Refused as exc:
                errors[entry.indicator] = exc
                continue
            refusal = _refusal(
                row,
                entry.value,
                entry.numerator,
                entry.denominator,
                entry.explanation.strip(),
                entry.confirmed,
            )
            if refusal is not None:
                errors[entry.indicator] = refusal
    return errors
