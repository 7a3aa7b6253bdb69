"""Preparing next year's performance programme on the monitoring workflow.

The strategy unit opens the preparation of year P: the programme of P-1 is copied forward
(its programmes, sub-programmes, objectives and activities become the structure of P; its
indicators' forecasts and its activities' costs, shifted a year, become the first proposal of
P's document), and every responsible unit gets a draft submission. Each unit proposes its
indicators' targets and its activities' costs for P, P+1 and P+2; its submission then moves
through the quarterly workflow (submit, unit head, strategy unit: return or approve). The
strategy unit enters the budget ceilings and, once every unit is approved and no year is over
its ceiling, locks the programme. Every write is one transaction and is trailed.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from karne.accounts.access import User, require
from karne.accounts.models import Membership
from karne.budget.models import ActivityCost
from karne.core.periods import PeriodKind
from karne.core.permissions import Capability
from karne.core.preparation import cost_measure, proposal_years, target_measure
from karne.core.records import CostMeasure, ValueMeasure
from karne.db.models import OrderedRecord
from karne.monitoring.errors import Refused
from karne.monitoring.models import MonitoringPeriod, Submission
from karne.monitoring.prep_selectors import (
    base_indicators,
    preparation_unit_codes,
)
from karne.monitoring.selectors import programme_codes
from karne.monitoring.services.targets import programme_document
from karne.monitoring.services.trail import Change, as_text, record_change, record_changes
from karne.organisation.models import Document, Unit
from karne.planning.models import (
    Activity,
    PPIndicatorValue,
    Program,
    SubProgram,
    SubProgramObjective,
)

COPIED = "preparation"  # the trail's subject of what the opening copied forward


class _Positions:
    """The next free position of each model: copied rows come after every stored one."""

    def __init__(self) -> None:
        self._next: dict[type[OrderedRecord], int] = {}

    def __call__(self, model: type[OrderedRecord]) -> int:
        if model not in self._next:
            self._next[model] = model.objects.aggregate(m=Max("position"))["m"] or 0  # type: ignore[attr-defined]
        self._next[model] += 1
        return self._next[model]


@transaction.atomic
def preparation_open(*, user: User, year: int, deadline: datetime.date) -> MonitoringPeriod:
    """Open the preparation of the programme of `year`, copied forward from `year - 1`.

    Refused when the base year has no programme, or when `year` already has a programme, a
    programme document or a preparation: copying twice would duplicate the structure."""
    membership = require(user, Capability.PREPARATION_MANAGE)
    admin = membership.administration
    base = year - 1
    if deadline < timezone.localdate():
        raise Refused(
            _("Son tarih (%(date)s) geçmişte; bugünden sonra bir tarih seçin.")
            % {"date": f"{deadline:%d.%m.%Y}"}
        )
    programs = list(
        Program.objects.filter(administration=admin, year=base)
        .prefetch_related("sub_programs__objectives", "sub_programs__activities")
        .order_by("position")
    )
    if not programs:
        raise Refused(
            _("%(year)s yılının programı yok; hazırlık bir önceki yılın programından başlar.")
            % {"year": base}
        )
    exists = (
        Program.objects.filter(administration=admin, year=year).exists()
        or programme_codes(admin, year)
        or MonitoringPeriod.objects.filter(
            administration=admin, kind=PeriodKind.PREPARATION.value, year=year
        ).exists()
    )
    if exists:
        raise Refused(
            _("%(year)s yılının programı ya da hazırlığı zaten var; yeniden kopyalanamaz.")
            % {"year": year}
        )
    document = programme_document(membership, year)
    changes = _copy_structure(programs, year)
    changes += _copy_values(membership, base, year, document)
    changes += _copy_costs(membership, base, year, document)
    period = MonitoringPeriod.objects.create(
        administration=admin,
        kind=PeriodKind.PREPARATION.value,
        year=year,
        quarter=1,
        deadline=deadline,
        opened_by=membership.user,
    )
    codes = preparation_unit_codes(admin, year)
    units = {u.code: u for u in Unit.objects.filter(administration=admin, code__in=codes)}
    Submission.objects.bulk_create(Submission(period=period, unit=units[c]) for c in codes)
    record_changes(membership, COPIED, changes, f"{base} → {year}")
    record_change(membership, "period", period.key, "deadline", "", deadline.isoformat())
    return period


def _copy_structure(programs: Sequence[Program], year: int) -> list[Change]:
    position = _Positions()
    changes: list[Change] = []
    for program in programs:
        new = Program.objects.create(
            administration=program.administration,
            year=year,
            code=program.code,
            name=program.name,
            position=position(Program),
        )
        changes.append(Change(f"{year}/{program.code}", "program", "", program.name))
        for sub in program.sub_programs.all():
            new_sub = SubProgram.objects.create(
                program=new,
                code=sub.code,
                name=sub.name,
                rationale=sub.rationale,
                objective_statement=sub.objective_statement,
                position=position(SubProgram),
            )
            changes.append(Change(f"{year}/{sub.code}", "sub_program", "", sub.name))
            for objective in sub.objectives.all():
                SubProgramObjective.objects.create(
                    sub_program=new_sub,
                    code=objective.code,
                    text=objective.text,
                    sp_aims=objective.sp_aims,
                    position=position(SubProgramObjective),
                )
                changes.append(Change(f"{year}/{objective.code}", "objective", "", objective.text))
            for activity in sub.activities.all():
                Activity.objects.create(
                    sub_program=new_sub,
                    code=activity.code,
                    name=activity.name,
                    responsible_unit=activity.responsible_unit,
                    description=activity.description,
                    objectives=activity.objectives,
                    position=position(Activity),
                )
                changes.append(Change(f"{year}/{activity.code}", "activity", "", activity.name))
    return changes


def _copy_values(membership: Membership, base: int, year: int, document: Document) -> list[Change]:
    """The base programme's figures an indicator carries into the new one: its target of the
    base year becomes the new programme's planned figure of that year, and its forecasts of
    the next years the first proposal of the new target and forecasts."""
    admin = membership.administration
    base_codes = programme_codes(admin, base)
    position = _Positions()
    added: list[PPIndicatorValue] = []
    changes: list[Change] = []
    wanted = {
        (base, ValueMeasure.TARGET.value): ValueMeasure.PLANNED,
        **{(y, ValueMeasure.FORECAST.value): target_measure(y, year) for y in proposal_years(year)},
    }
    for indicator in base_indicators(admin, year):
        for value in indicator.values.all():
            measure = wanted.get((value.year, value.measure))
            if value.source not in base_codes or measure is None:
                continue
            added.append(
                PPIndicatorValue(
                    indicator=indicator,
                    year=value.year,
                    measure=measure.value,
                    value=value.value,
                    source=document.code,
                    position=position(PPIndicatorValue),
                )
            )
            key = f"{indicator.code}/{value.year}/{measure.value}/{document.code}"
            changes.append(Change(key, "value", "", as_text(value.value)))
    PPIndicatorValue.objects.bulk_create(added, batch_size=500)
    return changes


def _copy_costs(membership: Membership, base: int, year: int, document: Document) -> list[Change]:
    """The base programme's costs shifted a year: its forecast of the new year becomes the new
    year's budget, its later forecasts stay forecasts, and its budget of the base year is kept
    beside them (the previous year's column of the new programme)."""
    admin = membership.administration
    base_codes = programme_codes(admin, base)
    activities = {
        a.code: a
        for a in Activity.objects.filter(
            sub_program__program__administration=admin, sub_program__program__year=year
        )
    }
    position = _Positions()
    added: list[ActivityCost] = []
    changes: list[Change] = []
    wanted = {
        (base, CostMeasure.BUDGET.value): CostMeasure.BUDGET,
        **{(y, CostMeasure.FORECAST.value): cost_measure(y, year) for y in proposal_years(year)},
    }
    for cost in ActivityCost.objects.filter(
        activity__sub_program__program__administration=admin,
        activity__sub_program__program__year=base,
        document__code__in=base_codes,
    ).select_related("activity"):
        measure = wanted.get((cost.year, cost.measure))
        activity = activities.get(cost.activity.code)
        if measure is None or activity is None:
            continue
        added.append(
            ActivityCost(
                activity=activity,
                document=document,
                year=cost.year,
                economic_code=cost.economic_code,
                source=cost.source,
                measure=measure.value,
                amount=cost.amount,
                position=position(ActivityCost),
            )
        )
        key = f"{activity.code}/{cost.economic_code}/{cost.source}/{cost.year}/{document.code}"
        changes.append(Change(key, measure.value, "", as_text(cost.amount)))
    ActivityCost.objects.bulk_create(added, batch_size=500)
    return changes
