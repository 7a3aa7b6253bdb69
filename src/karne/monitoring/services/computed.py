"""Storing the figures computed from the operational events, and deciding on restatements.

The computation runs in its own process (`karne indicators compute --store`, DuckDB embedded
or Spark); what it hands over here is plain data, stored in one transaction. A figure is a
proposal beside the unit's entry and never the entry: while the quarter is open to its unit
the clerk accepts or overrides it; once the quarter is sent, approved or locked, a figure that
differs from the stored value becomes a restatement the strategy unit accepts or dismisses.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karne.accounts.access import User, require
from karne.core.periods import PeriodKind
from karne.core.permissions import Capability
from karne.core.workflow import State, is_editable
from karne.monitoring.errors import Refused
from karne.monitoring.models import (
    ComputedFigure,
    DefinitionSet,
    MonitoringPeriod,
    Realization,
    Restatement,
    RestatementState,
    Submission,
)
from karne.monitoring.services.trail import Change, as_text, record_change, record_changes
from karne.organisation.models import Administration
from karne.planning.models import PPIndicator

STORE_REASON = "olaylardan hesaplandı (karne indicators compute)"


@dataclass(frozen=True)
class FigureInput:
    """One computed figure as the computation hands it over."""

    indicator: str
    year: int
    quarter: int
    value: Decimal | None
    definition: str
    definition_hash: str
    fingerprint: str
    provenance: Mapping[str, object] = field(default_factory=dict)
    # a count per group, or a ratio's {"numerator": n, "denominator": d} per group
    breakdowns: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    numerator: Decimal | None = None
    denominator: Decimal | None = None

    @property
    def period(self) -> str:
        return f"Q{self.quarter}"


@dataclass(frozen=True)
class StoreResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    restatements: int = 0


def figure_stamps(user: User, year: int) -> dict[tuple[str, int, int], tuple[str, str]]:
    """What each stored figure of the year was computed from, by (indicator, year, quarter):
    its definition's hash and its files' fingerprint (the next computation skips the equal)."""
    membership = require(user, Capability.COMPUTED_STORE)
    rows = ComputedFigure.objects.filter(
        year=year, indicator__sub_program__program__administration=membership.administration
    ).values_list("indicator__code", "period", "definition_hash", "fingerprint")
    return {(code, year, int(period[1])): (h, f) for code, period, h, f in rows}


def stored_definitions(user: User) -> str:
    """The administration's indicator_definitions.yaml as loaded with its dataset ("": none)."""
    membership = require(user, Capability.COMPUTED_STORE)
    found = DefinitionSet.objects.filter(administration=membership.administration).first()
    return "" if found is None else found.text


def indicator_codes(user: User, year: int) -> set[str]:
    """The codes of the administration's indicators of the year (definitions name them)."""
    membership = require(user, Capability.COMPUTED_STORE)
    return set(
        PPIndicator.objects.filter(
            sub_program__program__administration=membership.administration, year=year
        ).values_list("code", flat=True)
    )


@transaction.atomic
def figures_store(*, user: User, figures: Sequence[FigureInput]) -> StoreResult:
    """Store every figure or none. An indicator the administration does not have that year is
    refused (naming it); a figure equal to the stored one, computed from the same definition
    and files, changes nothing; only the figures handed over are touched (a quarter computed
    alone leaves the others as they are)."""
    membership = require(user, Capability.COMPUTED_STORE)
    administration = membership.administration
    indicators = _indicators(administration, figures)
    missing = sorted({f"{f.indicator} ({f.year})" for f in figures} - set(indicators))
    if missing:
        raise Refused(
            _("Bu göstergeler yönetimin o yılki programında yok: %(codes)s")
            % {"codes": ", ".join(missing)}
        )
    keys = {(indicators[f"{f.indicator} ({f.year})"].pk, f.year, f.period) for f in figures}
    stored = {
        (c.indicator_id, c.year, c.period): c
        for c in ComputedFigure.objects.select_for_update().filter(
            indicator__in=[k[0] for k in keys], year__in={k[1] for k in keys}
        )
    }
    states = _states(administration, figures)
    values = {
        (r.indicator_id, r.year, r.period): r.value
        for r in Realization.objects.filter(
            indicator__in=[k[0] for k in keys], year__in={k[1] for k in keys}
        )
    }
    now = timezone.now()
    created = updated = unchanged = restated = 0
    changes: list[Change] = []
    for figure in figures:
        indicator = indicators[f"{figure.indicator} ({figure.year})"]
        key = (indicator.pk, figure.year, figure.period)
        current = stored.get(key)
        trail_key = f"{figure.indicator}/{figure.year}/{figure.period}"
        if current is not None and _same(current, figure):
            unchanged += 1
            continue
        old = "" if current is None else as_text(current.value)
        if current is None:
            current = ComputedFigure(indicator=indicator, year=figure.year, period=figure.period)
            created += 1
        else:
            updated += 1
        _fill(current, figure, now)
        current.save()
        # trailed even when only the files changed: the provenance the pages show is new
        changes.append(Change(trail_key, "computed", old, as_text(current.value)))
        unit = indicator.responsible_unit.code if indicator.responsible_unit else ""
        state = states.get((figure.year, figure.quarter, unit))
        stored_value = values.get(key)
        if (
            state is not None
            and not is_editable(state)
            and stored_value != current.value
            and not current.restatements.filter(
                state=RestatementState.OPEN, computed=current.value
            ).exists()
        ):
            Restatement.objects.create(
                figure=current,
                stored=stored_value,
                computed=current.value,
                fingerprint=current.fingerprint,
                found_at=now,
            )
            restated += 1
            changes.append(
                Change(trail_key, "restatement", as_text(stored_value), as_text(current.value))
            )
    record_changes(membership, "computed", changes, reason=STORE_REASON)
    return StoreResult(created, updated, unchanged, restated)


@transaction.atomic
def restatement_decide(*, user: User, restatement: int, accept: bool, reason: str) -> Restatement:
    """Accept (the quarter's value becomes the computed one) or dismiss an open restatement,
    always with a reason; both are trailed."""
    membership = require(user, Capability.RESTATEMENT_DECIDE)
    reason = reason.strip()
    if not reason:
        raise Refused(_("Kararın gerekçesini yazın."), field="reason")
    found = (
        Restatement.objects.select_for_update()
        .select_related("figure__indicator")
        .filter(
            pk=restatement,
            figure__indicator__sub_program__program__administration=membership.administration,
        )
        .first()
    )
    if found is None:
        raise Refused(_("Böyle bir yeniden düzenleme yok."))
    if found.state != RestatementState.OPEN:
        raise Refused(_("Bu yeniden düzenleme için karar verilmiş."))
    figure = found.figure
    key = f"{figure.indicator.code}/{figure.year}/{figure.period}"
    if accept:
        realization = (
            Realization.objects.select_for_update()
            .filter(indicator=figure.indicator, year=figure.year, period=figure.period)
            .first()
        )
        if realization is None:
            raise Refused(_("Bu dönemin değeri artık yok; yeniden düzenleme uygulanamaz."))
        old = as_text(realization.value)
        realization.value = found.computed
        if figure.numerator is not None or figure.denominator is not None:
            realization.numerator, realization.denominator = figure.numerator, figure.denominator
        realization.version += 1
        realization.updated_by = membership.user
        realization.updated_at = timezone.now()
        realization.save()
        record_change(membership, "realization", key, "value", old, as_text(found.computed), reason)
    found.state = RestatementState.ACCEPTED if accept else RestatementState.DISMISSED
    found.decided_by = membership.user
    found.decided_at = timezone.now()
    found.reason = reason
    found.save()
    record_change(
        membership, "restatement", key, "state", RestatementState.OPEN.value, found.state, reason
    )
    return found


def _indicators(
    administration: Administration, figures: Sequence[FigureInput]
) -> dict[str, PPIndicator]:
    rows = PPIndicator.objects.filter(
        sub_program__program__administration=administration,
        year__in={f.year for f in figures},
        code__in={f.indicator for f in figures},
    ).select_related("responsible_unit")
    return {f"{i.code} ({i.year})": i for i in rows}


def _states(
    administration: Administration, figures: Sequence[FigureInput]
) -> dict[tuple[int, int, str], State]:
    """The workflow state of each unit's submission of each quarter the figures are of."""
    submissions = Submission.objects.filter(
        period__in=MonitoringPeriod.objects.filter(
            administration=administration,
            kind=PeriodKind.QUARTER.value,
            year__in={f.year for f in figures},
            quarter__in={f.quarter for f in figures},
        )
    ).values_list("period__year", "period__quarter", "unit__code", "state")
    return {(y, q, u): State(s) for y, q, u, s in submissions}


def _same(current: ComputedFigure, figure: FigureInput) -> bool:
    return (
        current.value,
        current.numerator,
        current.denominator,
        current.definition_hash,
        current.fingerprint,
    ) == (
        figure.value,
        figure.numerator,
        figure.denominator,
        figure.definition_hash,
        figure.fingerprint,
    )


def _fill(current: ComputedFigure, figure: FigureInput, now: datetime.datetime) -> None:
    current.value = figure.value
    current.numerator, current.denominator = figure.numerator, figure.denominator
    current.definition = figure.definition
    current.definition_hash = figure.definition_hash
    current.fingerprint = figure.fingerprint
    current.provenance = dict(figure.provenance)
    current.breakdowns = {k: dict(v) for k, v in figure.breakdowns.items()}
    current.computed_at = now
