"""Saving a unit's quarterly values: one row, or a whole form in one transaction."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol, TypeVar

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
from karne.core.formatting import format_exact, format_number
from karne.core.permissions import Capability
from karne.core.plausibility import EXPLANATION_LIMIT, Finding, Problem
from karne.core.workflow import (
    is_editable,
)
from karne.monitoring.errors import Conflict, Refused
from karne.monitoring.models import MonitoringPeriod, Realization, Submission
from karne.monitoring.selectors import EntryRow, entry_rows
from karne.monitoring.services.trail import Change, as_text, record_changes
from karne.organisation.models import Unit
from karne.planning.models import PPIndicator


class JudgedRow(Protocol):
    """What the form's checks read of a stored row: a quarterly `EntryRow` and a
    strategic-plan `SPEntryRow` alike, so both forms are judged by the one set of rules."""

    @property
    def code(self) -> str: ...
    @property
    def value(self) -> Decimal | None: ...
    @property
    def numerator(self) -> Decimal | None: ...
    @property
    def denominator(self) -> Decimal | None: ...
    @property
    def explanation(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def updated_by(self) -> str: ...

    def findings_for(
        self, value: Decimal | None, num: Decimal | None, den: Decimal | None
    ) -> list[Finding]: ...

    def explanation_needed_for(
        self, value: Decimal | None, num: Decimal | None, den: Decimal | None
    ) -> bool: ...


R = TypeVar("R", bound=JudgedRow)


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
) -> Realization:
    """Save one indicator's value for a period: the form's save (`entries_save`) of one row.

    Refuses a stale form (`Conflict`) instead of overwriting, and an entry the core's rules
    refuse (`Refused`); a likely magnitude slip is saved only when `confirmed`. A value equal to
    what is stored changes nothing.
    """
    membership = require(user, Capability.ENTRY_EDIT)
    ind = indicator_for(membership, indicator, Capability.ENTRY_EDIT)
    assert ind.responsible_unit is not None  # an indicator no unit owns is no one's to edit
    entry = EntryInput(
        indicator, value, numerator, denominator, explanation, expected_version, confirmed
    )
    try:
        entries_save(
            user=user, period=period, unit=ind.responsible_unit, entries=[entry], reason=reason
        )
    except EntriesRefused as exc:
        raise exc.errors[indicator] from None
    return Realization.objects.get(indicator=ind, year=period.year, period=period.code.value)


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
    row: JudgedRow,
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
    Problem.NEGATIVE_AMOUNT: gettext_lazy("Maliyet negatif olamaz."),
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
    # Why the value is not the figure computed from the events (the row's proposal), if not.
    override_reason: str = ""

    def sets_figures(self, row: JudgedRow) -> bool:
        """Whether this entry changes the row's figures (not only its explanation)."""
        return (self.value, self.numerator, self.denominator) != (
            row.value,
            row.numerator,
            row.denominator,
        )


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
    stored: Mapping[str, R],
    errors: dict[str, Refused | Conflict],
) -> Iterator[tuple[EntryInput, R]]:
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
    Every save of a unit's form locks its submission first, so the rows read after it are the
    stored ones until this transaction ends. The rows are then written together (a workbook of
    thousands of rows is a few statements, not thousands), each change with its trail row;
    `reason` goes to the trail (the workbook upload names its file there).
    """
    membership = require(user, Capability.ENTRY_EDIT)
    check_unit(membership, Capability.ENTRY_EDIT, unit.code)
    submission = Submission.objects.select_for_update().filter(period=period, unit=unit).first()
    errors: dict[str, Refused | Conflict] = {}
    accepted = judge_entries(entries, entry_rows(period, unit), submission, errors)
    if errors:
        raise EntriesRefused(errors)
    _write(membership, period, unit, accepted, reason)
    return len(accepted)


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
    errors: dict[str, Refused | Conflict] = {}
    judge_entries(entries, entry_rows(period, unit) if rows is None else rows, submission, errors)
    return errors


def judge_entries(
    entries: Sequence[EntryInput],
    rows: Sequence[R],
    submission: Submission | None,
    errors: dict[str, Refused | Conflict],
) -> list[tuple[EntryInput, R]]:
    """The changed entries the save may write, with their stored rows; why each other changed
    entry is refused goes to `errors`. A stale form is a conflict before anything else: the
    other checks read the stored values."""
    stored = {r.code: r for r in rows}
    accepted = []
    for entry, row in _changed(entries, stored, errors):
        problem = _problem(entry, row, submission)
        if problem is None:
            accepted.append((entry, row))
        else:
            errors[entry.indicator] = problem
    return accepted


def _problem(
    entry: EntryInput, row: JudgedRow, submission: Submission | None
) -> Refused | Conflict | None:
    if submission is None:
        return Refused(_("Bu birim için bu dönemde giriş açılmamış."))
    if not is_editable(submission.state_enum):
        return Refused(_("Bu dönemin girişleri gönderilmiş ya da kilitlenmiş; değiştirilemez."))
    if row.version != entry.version:
        return Conflict(row.value, entry.value, row.updated_by or "?")
    explanation = entry.explanation.strip()
    try:
        _check_length(explanation)
    except Refused as exc:
        return exc
    refused = _refusal(
        row, entry.value, entry.numerator, entry.denominator, explanation, entry.confirmed
    )
    if refused is None and _overrides(entry, row) and not entry.override_reason.strip():
        assert isinstance(row, EntryRow)
        assert row.proposal is not None
        figure = format_exact(row.proposal.value)
        return Refused(
            gettext("Hesaplanan değerden (%(figure)s) farklı bir değer için gerekçe yazın.")
            % {"figure": figure},
            field="reason",
        )
    return refused


def _overrides(entry: EntryInput, row: JudgedRow) -> bool:
    """Whether the entry sets a quarter's figures other than those computed from the events
    (the quarterly form's rows carry the computed figure as their proposal)."""
    return (
        isinstance(row, EntryRow)
        and entry.sets_figures(row)
        and row.override_for(entry.value, entry.numerator, entry.denominator)
    )


def trail_reason(entry: EntryInput, row: EntryRow, reason: str) -> str:
    """The trail's reason for an entry's changes: the save's own (a workbook's file), and
    whether the entry took the computed figure or overrode it, and why."""
    proposal = row.proposal
    note = ""
    if proposal is not None and entry.sets_figures(row):
        if _overrides(entry, row):
            why = entry.override_reason.strip()
            note = f"hesaplanan değerden ({as_text(proposal.value)}) farklı: {why}"
        else:
            note = proposal.trail_note
    return "; ".join(part for part in (reason, note) if part)


_TRAILED = ("value", "numerator", "denominator", "explanation")


def _texts(r: Realization | None) -> dict[str, str]:
    if r is None:
        return dict.fromkeys(_TRAILED, "")
    return {
        "value": as_text(r.value),
        "numerator": as_text(r.numerator),
        "denominator": as_text(r.denominator),
        "explanation": r.explanation,
    }


def _write(
    membership: Membership,
    period: MonitoringPeriod,
    unit: Unit,
    accepted: list[tuple[EntryInput, EntryRow]],
    reason: str,
) -> None:
    if not accepted:
        return
    code = period.code.value
    indicators = {
        i.code: i
        for i in PPIndicator.objects.filter(
            responsible_unit=unit,
            year=period.year,
            code__in=[entry.indicator for entry, _row in accepted],
            sub_program__program__administration=period.administration,
        )
    }
    stored = {
        r.indicator_id: r
        for r in Realization.objects.select_for_update().filter(
            indicator__in=list(indicators.values()), year=period.year, period=code
        )
    }
    position = Realization.objects.aggregate(m=Max("position"))["m"] or 0
    now = timezone.now()
    added: list[Realization] = []
    updated: list[Realization] = []
    changes: dict[str, list[Change]] = {}
    for entry, row in accepted:
        ind = indicators[entry.indicator]
        current = stored.get(ind.pk)
        old = _texts(current)
        if current is None:
            position += 1
            current = Realization(indicator=ind, year=period.year, period=code, position=position)
            added.append(current)
        else:
            updated.append(current)
        current.value, current.numerator = entry.value, entry.numerator
        current.denominator, current.explanation = entry.denominator, entry.explanation.strip()
        current.version += 1
        current.updated_by = membership.user
        current.updated_at = now
        new = _texts(current)
        key = f"{entry.indicator}/{period.year}/{code}"
        changes.setdefault(trail_reason(entry, row, reason), []).extend(
            Change(key, f, old[f], new[f]) for f in _TRAILED if old[f] != new[f]
        )
    Realization.objects.bulk_create(added, batch_size=_BATCH)
    Realization.objects.bulk_update(
        updated,
        ["value", "numerator", "denominator", "explanation", "version", "updated_by", "updated_at"],
        batch_size=_BATCH,
    )
    for why, trailed in changes.items():
        record_changes(membership, "realization", trailed, why)


_BATCH = 500
