"""Reads for the monitoring pages: entry rows of a unit, the overview, what waits for whom."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, Protocol, TypeVar

from django.db.models import Q

from karne.accounts.access import User, can, period_for, restrict, submission_for, unit_for
from karne.accounts.models import Membership
from karne.core import records
from karne.core.budget import ExecutionLine
from karne.core.decimals import percent
from karne.core.documents import programme_codes as core_programme_codes
from karne.core.evaluation import IndicatorResult, evaluate, pick_target
from karne.core.indicators import Direction, IndicatorKind, PeriodValue, Status, shown_value
from karne.core.monitoring import Progress, progress
from karne.core.periods import QUARTERS, OpenDefaults, PeriodCode, PeriodKind
from karne.core.periods import open_defaults as core_open_defaults
from karne.core.permissions import Capability
from karne.core.plausibility import Finding, check_entry
from karne.core.policy import Policy
from karne.core.workflow import State, awaited_states, is_editable, needs_explanation
from karne.datasets.mapping import from_model
from karne.datasets.selectors import dataset_read
from karne.monitoring.computed_selectors import Proposal, proposals_for
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Realization, Submission
from karne.organisation.models import Administration, Unit
from karne.planning.models import PPIndicator, PPIndicatorValue

HISTORY_MEASURES = ("actual", "estimate")  # what an indicator had before: not plans or targets


def policy_of(period: MonitoringPeriod) -> Policy:
    return Policy.from_mapping(period.administration.policy)


@dataclass
class EntryRow:
    code: str
    name: str
    unit: str
    kind: IndicatorKind
    direction: Direction
    target: Decimal | None
    period: PeriodCode
    policy: Policy
    earlier: dict[PeriodCode, PeriodValue] = field(default_factory=dict)
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    explanation: str = ""
    version: int = 0
    updated_by: str = ""
    sub_program: str = ""
    history: tuple[Decimal, ...] = ()  # the previous years' actuals and estimates
    proposal: Proposal | None = None  # the figure computed from the events, if any

    def override_for(self, value: Decimal | None, num: Decimal | None, den: Decimal | None) -> bool:
        """Whether this entry sets a value other than the computed one (an empty entry sets
        none): such an entry needs a reason."""
        if self.proposal is None or (value is None and num is None and den is None):
            return False
        return not self.proposal.matches(value, num, den)

    def findings_for(
        self, value: Decimal | None, num: Decimal | None, den: Decimal | None
    ) -> list[Finding]:
        """The core's plausibility rules on this entry, against what the indicator had before."""
        return check_entry(
            kind=self.kind,
            unit=self.unit,
            name=self.name,
            value=value,
            numerator=num,
            denominator=den,
            previous=(*self.history, *(v.value for v in self.earlier.values())),
            policy=self.policy,
        )

    @property
    def is_ratio(self) -> bool:
        return self.kind is IndicatorKind.RATIO

    def explanation_needed_for(
        self, value: Decimal | None, num: Decimal | None, den: Decimal | None
    ) -> bool:
        """The core's pace rule on what this entry makes the year so far."""
        reported = dict(self.earlier)
        reported[self.period] = PeriodValue(value, num, den)
        so_far = progress(
            self.kind, self.direction, self.target, reported, self.period, self.policy
        ).value_to_date
        return needs_explanation(
            self.kind, self.target, so_far, self.period, self.policy.pace_tolerance
        )

    @property
    def explanation_needed(self) -> bool:
        return self.explanation_needed_for(self.value, self.numerator, self.denominator)

    @property
    def has_value(self) -> bool:
        return self.value is not None or self.numerator is not None

    @property
    def problem(self) -> str:
        """Why this row stops the unit from submitting, or ""."""
        if not self.has_value:
            return "değer girilmemiş"
        if self.explanation_needed and not self.explanation:
            return "sapma açıklaması yok"
        return ""

    @property
    def progress(self) -> Progress:
        reported = dict(self.earlier)
        if self.value is not None or self.numerator is not None:
            reported[self.period] = PeriodValue(self.value, self.numerator, self.denominator)
        return progress(self.kind, self.direction, self.target, reported, self.period, self.policy)


def programme_codes(administration: Administration, year: int) -> frozenset[str]:
    """The codes of the year's performance-programme documents, by the core's one rule."""
    documents = [from_model(d, records.Document, tables=()) for d in administration.documents.all()]
    return core_programme_codes(documents, year)


def programme_years(administration: Administration) -> frozenset[int]:
    """The years the administration has performance-programme indicators for (monitorable)."""
    return frozenset(
        PPIndicator.objects.filter(sub_program__program__administration=administration)
        .values_list("year", flat=True)
        .distinct()
    )


def open_defaults(administration: Administration, this_year: int) -> OpenDefaults:
    """What the home page's forms propose to open (`core.periods.open_defaults`)."""
    opened = MonitoringPeriod.objects.filter(
        administration=administration, kind=PeriodKind.QUARTER.value
    ).values_list("year", "quarter")
    sp = MonitoringPeriod.objects.filter(
        administration=administration, kind=PeriodKind.SP.value
    ).values_list("year", "quarter")
    return core_open_defaults(
        ((y, q) for y, q in opened if q is not None),
        programme_years(administration),
        this_year,
        ((y, q) for y, q in sp if q is not None),
    )


def target_of(indicator: PPIndicator, year: int, programme: AbstractSet[str]) -> Decimal | None:
    """The indicator's target for the year by the core's rule (prefetch `values` for lists)."""
    return pick_target(
        (
            (v.source, v.value)
            for v in indicator.values.all()
            if v.year == year and v.measure == "target"
        ),
        programme,
    )


@dataclass(frozen=True)
class IndicatorYear:
    """An indicator's year on its page: the target and what each period reported."""

    indicator: PPIndicator
    target: Decimal | None
    reported: dict[PeriodCode, Realization]

    policy: Policy

    def shown(self, period: PeriodCode) -> Decimal | None:
        """The period's figure as documents print it (a ratio given by its parts alone shows
        their quotient)."""
        r = self.reported.get(period)
        if r is None:
            return None
        return shown_value(PeriodValue(r.value, r.numerator, r.denominator), self.policy)

    def values(self) -> tuple[Decimal | None, ...]:
        return tuple(self.shown(q) for q in QUARTERS)


def indicator_year(indicator: PPIndicator) -> IndicatorYear:
    administration = indicator.sub_program.program.administration
    programme = programme_codes(administration, indicator.year)
    reported = {
        PeriodCode(r.period): r
        for r in Realization.objects.filter(indicator=indicator, year=indicator.year)
    }
    return IndicatorYear(
        indicator,
        target_of(indicator, indicator.year, programme),
        reported,
        Policy.from_mapping(administration.policy),
    )


@dataclass
class EntryForm:
    """A unit's entry form in a period, as one person may see it: its rows, and whether that
    person can change them now."""

    membership: Membership
    unit: Unit
    period: MonitoringPeriod
    submission: Submission
    rows: list[EntryRow]
    editable: bool


def entry_form(user: User, year: int, quarter: int, unit: str, capability: Capability) -> EntryForm:
    """The form, if the person's role has `capability` for the unit (else PermissionDenied)."""
    membership, unit_obj = unit_for(user, unit, capability)
    period = period_for(membership, year, quarter)
    submission = submission_for(membership, period, unit_obj)
    editable = is_editable(submission.state_enum) and can(
        membership, Capability.ENTRY_EDIT, unit_obj.code
    )
    rows = entry_rows(period, unit_obj)
    return EntryForm(membership, unit_obj, period, submission, rows, editable)


def entry_rows(period: MonitoringPeriod, unit: Unit) -> list[EntryRow]:
    """The indicators a unit is responsible for, with this period's entry and the year so far."""
    return entry_rows_of_units(period, [unit]).get(unit.pk, [])


def entry_rows_of_units(
    period: MonitoringPeriod, units: Sequence[Unit]
) -> dict[int, list[EntryRow]]:
    """`entry_rows` of several units with one query per table, not one per unit (the
    overview of a whole administration)."""
    policy = policy_of(period)
    found = PPIndicator.objects.filter(
        responsible_unit__in=units,
        year=period.year,
        sub_program__program__administration=period.administration,
    )
    indicators = list(found.select_related("sub_program"))
    # The indicators' figures as plain tuples, in one query: a form of thousands of rows would
    # spend seconds making a model object of each (the workbook's preview reads every row).
    figures: dict[int, list[tuple[int, str, str, Decimal | None]]] = defaultdict(list)
    for indicator_id, year, measure, source, value in (
        PPIndicatorValue.objects.filter(indicator__in=found.values("pk"))
        .order_by("position")
        .values_list("indicator_id", "year", "measure", "source", "value")
    ):
        figures[indicator_id].append((year, measure, source, value))
    reported: dict[int, dict[PeriodCode, Realization]] = defaultdict(dict)
    for r in Realization.objects.filter(indicator__in=indicators, year=period.year).select_related(
        "updated_by"
    ):
        reported[r.indicator_id][PeriodCode(r.period)] = r
    proposals = proposals_for(indicators, period.year, period.code)
    out: dict[int, list[EntryRow]] = {}
    earlier_codes = QUARTERS[: QUARTERS.index(period.code)]
    programme = programme_codes(period.administration, period.year)
    for ind in indicators:
        mine_figures = figures[ind.pk]
        target = pick_target(
            (
                (source, value)
                for year, measure, source, value in mine_figures
                if year == period.year and measure == "target" and value is not None
            ),
            programme,
        )
        mine = reported[ind.pk]
        current = mine.get(period.code)
        row = EntryRow(
            code=ind.code,
            name=ind.name,
            unit=ind.unit,
            kind=IndicatorKind(ind.kind),
            direction=Direction(ind.direction),
            target=target,
            period=period.code,
            policy=policy,
            sub_program=ind.sub_program.name,
            history=tuple(
                value
                for year, measure, _source, value in mine_figures
                if year < period.year and measure in HISTORY_MEASURES and value is not None
            ),
            earlier={
                q: PeriodValue(mine[q].value, mine[q].numerator, mine[q].denominator)
                for q in earlier_codes
                if q in mine
            },
            proposal=proposals.get(ind.pk),
        )
        if current is not None:
            row.value, row.numerator, row.denominator = (
                current.value,
                current.numerator,
                current.denominator,
            )
            row.explanation = current.explanation
            row.version = current.version
            row.updated_by = current.updated_by.get_username() if current.updated_by else ""
        assert ind.responsible_unit_id is not None  # filtered on the unit above
        out.setdefault(ind.responsible_unit_id, []).append(row)
    return out


class _Entered(Protocol):
    @property
    def has_value(self) -> bool: ...


R = TypeVar("R", bound=_Entered)


@dataclass(frozen=True)
class UnitOverview(Generic[R]):
    """A unit's submission in a period and its rows (a quarter's or the strategic plan's)."""

    unit: Unit
    submission: Submission
    rows: list[R]

    @property
    def entered(self) -> int:
        return sum(1 for r in self.rows if r.has_value)

    @property
    def completeness(self) -> Decimal | None:
        return percent(Decimal(self.entered), Decimal(len(self.rows))) if self.rows else None


def period_submissions(
    period: MonitoringPeriod, membership: Membership, capability: Capability
) -> list[Submission]:
    """The period's submissions in the documents' order of units, those of the person's reach
    (clerks and heads: their own units)."""
    found = restrict(
        Submission.objects.filter(period=period).select_related("unit").order_by("unit__position"),
        membership,
        capability,
        "unit__code",
    )
    return list(found)


def overview(period: MonitoringPeriod, membership: Membership) -> list[UnitOverview[EntryRow]]:
    """Each unit's submission state, completeness and indicator statuses for the period.

    Clerks and heads see their own units; the strategy unit and readers see all.
    """
    submissions = period_submissions(period, membership, Capability.OVERVIEW_VIEW)
    rows = entry_rows_of_units(period, [s.unit for s in submissions])
    return [UnitOverview(s.unit, s, rows.get(s.unit.pk, [])) for s in submissions]


def status_summary(units: list[UnitOverview[EntryRow]]) -> dict[str, dict[Status | None, int]]:
    """How many indicators of each sub-programme are in each status band (None: no data)."""
    summary: dict[str, dict[Status | None, int]] = {}
    for item in units:
        for row in item.rows:
            counts = summary.setdefault(row.sub_program, dict.fromkeys([*Status, None], 0))
            counts[row.progress.status] += 1
    return summary


def waiting_for(membership: Membership) -> list[Submission]:
    """The submissions this person has to act on now: those in a state their role moves
    forward from (the transition table says which), of units within their reach."""
    states = awaited_states(membership.role_enum)
    qs = (
        Submission.objects.filter(
            period__administration=membership.administration,
            state__in=[s.value for s in states],
        )
        .select_related("period", "unit")
        .order_by("period__deadline", "unit__position")
    )
    return list(restrict(qs, membership, Capability.HOME_VIEW, "unit__code"))


def periods_of(membership: Membership) -> list[MonitoringPeriod]:
    return list(MonitoringPeriod.objects.filter(administration=membership.administration))


def periods_not_locked(membership: Membership) -> frozenset[int]:
    """The ids of periods with a unit's submission not yet locked (overdue once past the
    deadline)."""
    return frozenset(
        Submission.objects.filter(period__administration=membership.administration)
        .exclude(state=State.LOCKED.value)
        .values_list("period_id", flat=True)
    )


def changes_for(membership: Membership, key_prefix: str = "") -> list[ChangeRecord]:
    qs = ChangeRecord.objects.filter(administration=membership.administration)
    if key_prefix:
        qs = qs.filter(key__startswith=key_prefix)
    return list(qs)


TrailRow = ChangeRecord


# What the year at a glance evaluates besides the nested structures: the programme's indicators
# with their targets and values, and the budget execution (not the resources, the costs or the
# printed layer, which it does not show).
GLANCE_TABLES = frozenset(
    {
        "units",
        "pp_indicators",
        "pp_indicator_values",
        "realizations",
        "budget_economic",
        "budget_activity",
        "budget_unit",
        "budget_carryover",
    }
)


@dataclass(frozen=True)
class Glance:
    """The year's indicators by their year-end status (None: no value or no target yet, as
    the core leaves them) and the budget's total execution (None: none recorded)."""

    year: int
    by_status: tuple[tuple[Status | None, tuple[IndicatorResult, ...]], ...]
    budget: ExecutionLine | None

    @property
    def total(self) -> int:
        return sum(len(found) for _, found in self.by_status)


def latest_reported_year(administration: Administration) -> int | None:
    """The latest year for which any programme indicator has a value reported."""
    return (
        Realization.objects.filter(indicator__sub_program__program__administration=administration)
        .filter(Q(value__isnull=False) | Q(numerator__isnull=False))
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


def year_at_a_glance(administration: Administration) -> Glance | None:
    """The latest reported year as `karne evaluate` and the documents compute it: the
    statuses and the budget's realization are the core's (`evaluate`), only counted here."""
    year = latest_reported_year(administration)
    if year is None:
        return None
    evaluation = evaluate(
        dataset_read(administration=administration.code, tables=GLANCE_TABLES), year
    )
    bands: list[Status | None] = [*Status, None]
    return Glance(
        year=year,
        by_status=tuple(
            (band, tuple(i for i in evaluation.indicators if i.status is band)) for band in bands
        ),
        budget=evaluation.budget.economic_total.execution,
    )
