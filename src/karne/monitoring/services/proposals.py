"""A unit's proposal for next year's programme, the budget ceilings and the lock (the opening
and its copy forward are in `preparation.py`). Each write is one transaction and is trailed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from karne.accounts.access import User, check_unit, preparation_for, require
from karne.budget.models import ActivityCost
from karne.core.formatting import format_number
from karne.core.permissions import Capability
from karne.core.preparation import cost_measure, proposal_years, target_measure
from karne.monitoring.errors import Conflict, Refused
from karne.monitoring.models import BudgetCeiling, MonitoringPeriod, Submission
from karne.monitoring.prep_selectors import (
    PROPOSAL,
    CellKind,
    PrepCell,
    base_indicators,
    document_code,
    prep_cells,
    prep_overview,
    units_not_approved,
)
from karne.monitoring.services.entries import EntriesRefused, EntryInput, judge_entries
from karne.monitoring.services.trail import Change, as_text, record_change, record_changes
from karne.organisation.models import Document, Unit
from karne.planning.models import Activity, PPIndicatorValue


@transaction.atomic
def preparation_save(
    *,
    user: User,
    period: MonitoringPeriod,
    unit: Unit,
    entries: Sequence[EntryInput],
    reason: str = "",
) -> int:
    """Save every changed cell of a unit's proposal, or none; returns how many changed. The
    cells are judged by the quarterly form's code (`judge_entries`): an open submission, the
    version the form saw, and the core's rules (plausible targets, no negative cost).
    `reason` goes to the trail (the workbook upload names its file there)."""
    membership = require(user, Capability.PREPARATION_EDIT)
    check_unit(membership, Capability.PREPARATION_EDIT, unit.code)
    if not period.is_preparation:
        raise Refused(_("Bu dönem bir program hazırlığı değil."))
    submission = Submission.objects.select_for_update().filter(period=period, unit=unit).first()
    errors: dict[str, Refused | Conflict] = {}
    if period.locked_at is not None:
        raise Refused(_("Program kilitlendi; öneriler değiştirilemez."))
    accepted = judge_entries(entries, prep_cells(period, unit), submission, errors)
    if errors:
        raise EntriesRefused(errors)
    document = Document.objects.get(
        administration=period.administration, code=document_code(period.administration, period.year)
    )
    changes = [_write(period, document, entry, cell) for entry, cell in accepted]
    record_changes(membership, PROPOSAL, changes, reason)
    return len(accepted)


def _write(
    period: MonitoringPeriod, document: Document, entry: EntryInput, cell: PrepCell
) -> Change:
    """Store one cell (an empty one removes its figure) and say what changed."""
    admin = period.administration
    if cell.kind is CellKind.TARGET:
        value = (
            PPIndicatorValue.objects.select_for_update()
            .filter(
                indicator__code=cell.owner,
                indicator__sub_program__program__administration=admin,
                indicator__year=period.year - 1,
                year=cell.year,
                measure=target_measure(cell.year, period.year).value,
                source=document.code,
            )
            .first()
        )
        if value is not None and entry.value is None:
            value.delete()
        elif value is not None and entry.value is not None:
            value.value = entry.value
            value.save()
        elif entry.value is not None:
            _create(period, document, cell, entry.value)
    else:
        cost = (
            ActivityCost.objects.select_for_update()
            .filter(
                activity__code=cell.owner,
                activity__sub_program__program__administration=admin,
                activity__sub_program__program__year=period.year,
                document=document,
                year=cell.year,
                economic_code=cell.economic_code,
                source=cell.source.value,
                measure=cost_measure(cell.year, period.year).value,
            )
            .first()
        )
        if cost is not None and entry.value is None:
            cost.delete()
        elif cost is not None and entry.value is not None:
            cost.amount = entry.value
            cost.save()
        elif entry.value is not None:
            _create(period, document, cell, entry.value)
    return Change(f"{period.key}/{cell.code}", "value", as_text(cell.value), as_text(entry.value))


def _create(period: MonitoringPeriod, document: Document, cell: PrepCell, value: Decimal) -> None:
    admin = period.administration
    if cell.kind is CellKind.TARGET:
        indicator = next(i for i in base_indicators(admin, period.year) if i.code == cell.owner)
        position = PPIndicatorValue.objects.aggregate(m=Max("position"))["m"] or 0
        PPIndicatorValue.objects.create(
            indicator=indicator,
            year=cell.year,
            measure=target_measure(cell.year, period.year).value,
            value=value,
            source=document.code,
            position=position + 1,
        )
        return
    activity = Activity.objects.get(
        code=cell.owner,
        sub_program__program__administration=admin,
        sub_program__program__year=period.year,
    )
    position = ActivityCost.objects.aggregate(m=Max("position"))["m"] or 0
    ActivityCost.objects.create(
        activity=activity,
        document=document,
        year=cell.year,
        economic_code=cell.economic_code,
        source=cell.source.value,
        measure=cost_measure(cell.year, period.year).value,
        amount=value,
        position=position + 1,
    )


@transaction.atomic
def ceilings_set(*, user: User, year: int, ceilings: Mapping[int, Decimal | None]) -> int:
    """Enter the budget ceilings of the programme's three years (None removes one); returns
    how many changed. Refused once the programme is locked, for a year outside the three, and
    for a negative ceiling; nothing changes then."""
    membership = require(user, Capability.PREPARATION_MANAGE)
    period = preparation_for(membership, year, for_update=True)
    if period.locked_at is not None:
        raise Refused(_("Program kilitlendi; tavanlar değiştirilemez."))
    years = proposal_years(year)
    for y, amount in ceilings.items():
        if y not in years:
            raise Refused(_("%(year)s bu programın yıllarından değil.") % {"year": y})
        if amount is not None and amount < 0:
            raise Refused(_("Tavan negatif olamaz."))
    stored = {c.year: c for c in period.ceilings.all()}
    changes: list[Change] = []
    for y, amount in sorted(ceilings.items()):
        current = stored.get(y)
        old = current.amount if current is not None else None
        if old == amount:
            continue
        if amount is None:
            assert current is not None
            current.delete()
        elif current is None:
            BudgetCeiling.objects.create(period=period, year=y, amount=amount)
        else:
            current.amount = amount
            current.save()
        changes.append(Change(f"{period.key}/{y}", "ceiling", as_text(old), as_text(amount)))
    record_changes(membership, "ceiling", changes)
    return len(changes)


@transaction.atomic
def preparation_lock(*, user: User, year: int) -> MonitoringPeriod:
    """Lock the programme: only once every unit's proposal is approved and no year's
    budget-internal costs are over its ceiling. Nothing of it changes afterwards (no save, no
    ceiling, no workflow move)."""
    membership = require(user, Capability.PREPARATION_MANAGE)
    period = preparation_for(membership, year, for_update=True)
    if period.locked_at is not None:
        raise Refused(_("Program zaten kilitli."))
    waiting = units_not_approved(period)
    if waiting:
        raise Refused(
            _("Henüz onaylanmamış birimler var: %(units)s.") % {"units": ", ".join(waiting)}
        )
    over = prep_overview(period, membership).over
    if over:
        years = ", ".join(
            f"{line.year} ({format_number(line.internal)} > "
            f"{format_number(line.ceiling or Decimal(0))})"
            for line in over
        )
        raise Refused(_("Önerilen maliyetler tavanı aşıyor: %(years)s.") % {"years": years})
    period.locked_at = timezone.now()
    period.save(update_fields=["locked_at"])
    record_change(membership, "period", period.key, "locked", "", "locked")
    return period
