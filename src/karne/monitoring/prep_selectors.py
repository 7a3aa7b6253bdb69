"""Reads for preparing next year's performance programme: the cells a unit proposes (its
indicators' targets and its activities' costs, three years each, with the previous figures
beside them), each unit's submission, and the proposed costs against the ceilings.

A cell answers the quarterly form's questions (`JudgedRow`: `findings_for`,
`explanation_needed_for`, `version`), so the form is read, judged and refused by the quarterly
form's code. A cell's version is the number of trailed changes of it: the trail is where every
change of a proposal is written, so a form that saw an older count saw an older value.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.db.models import Q

from karne.accounts.access import (
    User,
    can,
    preparation_for,
    submission_for,
    unit_for,
)
from karne.accounts.models import Membership
from karne.budget.models import ActivityCost
from karne.core.budget import ECONOMIC_CODES, BudgetSource
from karne.core.indicators import IndicatorKind
from karne.core.permissions import Capability
from karne.core.plausibility import Finding, check_entry
from karne.core.policy import Policy
from karne.core.preparation import (
    CeilingLine,
    ProposedCost,
    by_economic_code,
    by_unit,
    ceiling_lines,
    check_cost,
    cost_measure,
    proposal_years,
    target_measure,
)
from karne.core.records import CostMeasure
from karne.core.workflow import State, is_editable
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Submission
from karne.monitoring.selectors import period_submissions, policy_of, programme_codes
from karne.organisation.models import Administration, Unit
from karne.planning.models import Activity, PPIndicator

# The trail's subject of a proposed figure.
PROPOSAL = "proposal"


class CellKind(StrEnum):
    TARGET = "target"
    COST = "cost"


@dataclass
class PrepCell:
    """One figure a unit proposes: an indicator's target or forecast for a year, or an
    activity's cost for a year under an economic code and a budget source."""

    code: str  # the form's name of the cell: "GYH-01/2024", "GY.GYH.VERI/01/butce_ici/2024"
    kind: CellKind
    owner: str  # the indicator's or the activity's code
    year: int
    policy: Policy
    indicator_kind: IndicatorKind = IndicatorKind.FLOW
    unit: str = ""  # the indicator's unit of measure
    name: str = ""
    economic_code: str = ""
    source: BudgetSource = BudgetSource.BUTCE_ICI
    value: Decimal | None = None
    version: int = 0
    updated_by: str = ""
    history: tuple[Decimal, ...] = ()
    # A proposal has no parts and no explanation: the quarterly form's readers see them empty.
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    explanation: str = ""
    is_ratio: bool = False

    def findings_for(
        self, value: Decimal | None, num: Decimal | None, den: Decimal | None
    ) -> list[Finding]:
        if self.kind is CellKind.COST:
            return check_cost(value)
        return check_entry(
            kind=self.indicator_kind,
            unit=self.unit,
            name=self.name,
            value=value,
            numerator=None,
            denominator=None,
            previous=self.history,
            policy=self.policy,
        )

    def explanation_needed_for(
        self, value: Decimal | None, num: Decimal | None, den: Decimal | None
    ) -> bool:
        return False

    @property
    def problem(self) -> str:
        """Why the cell stops the unit from submitting: every target must be proposed."""
        if self.kind is CellKind.TARGET and self.value is None:
            return "hedef önerilmemiş"
        return ""


@dataclass
class TargetLine:
    """An indicator of the unit: what it had (the base programme's figures) and its cells."""

    code: str
    name: str
    unit: str
    before: list[tuple[int, str, Decimal]]  # (year, measure, value) of the base programme
    cells: list[PrepCell]


@dataclass
class CostLine:
    """An activity's economic code under a source: last year's budget and the three cells."""

    activity: str
    activity_name: str
    economic_code: str
    source: BudgetSource
    before: Decimal | None  # the base year's budget of the same activity, code and source
    cells: list[PrepCell]

    @property
    def economic_label(self) -> str:
        return ECONOMIC_CODES.get(self.economic_code, "")


@dataclass
class PrepForm:
    targets: list[TargetLine]
    costs: list[CostLine]

    @property
    def cells(self) -> list[PrepCell]:
        return [c for line in self.targets for c in line.cells] + [
            c for line in self.costs for c in line.cells
        ]


def document_code(administration: Administration, year: int) -> str | None:
    """The code of the year's performance programme (the first, by the core's rule)."""
    codes = programme_codes(administration, year)
    return min(codes) if codes else None


def base_indicators(
    administration: Administration, year: int, unit: Unit | None = None
) -> list[PPIndicator]:
    """The indicators a programme of `year` carries: those of the year before. Indicator codes
    are the dataset's keys across years, so a programme in preparation proposes figures for
    the indicators it continues, as values of its own document."""
    found = PPIndicator.objects.filter(
        sub_program__program__administration=administration, year=year - 1
    )
    if unit is not None:
        found = found.filter(responsible_unit=unit)
    return list(
        found.select_related("responsible_unit")
        .prefetch_related("values")
        .order_by("sub_program__program__position", "sub_program__position", "sort", "position")
    )


def programme_activities(
    administration: Administration, year: int, unit: Unit | None = None
) -> list[Activity]:
    found = Activity.objects.filter(
        sub_program__program__administration=administration, sub_program__program__year=year
    )
    if unit is not None:
        found = found.filter(responsible_unit=unit)
    return list(
        found.select_related("responsible_unit").order_by(
            "sub_program__program__position", "sub_program__position", "position"
        )
    )


def preparation_unit_codes(administration: Administration, year: int) -> list[str]:
    """The units that propose figures for the programme of `year`: those responsible for an
    indicator it continues or for one of its activities, in that order."""
    codes: list[str] = []
    units = [i.responsible_unit for i in base_indicators(administration, year)] + [
        a.responsible_unit for a in programme_activities(administration, year)
    ]
    for unit in units:
        if unit is not None and unit.code not in codes:
            codes.append(unit.code)
    return codes


def _versions(period: MonitoringPeriod) -> tuple[Counter[str], dict[str, str]]:
    prefix = f"{period.key}/"
    counts: Counter[str] = Counter()
    last: dict[str, str] = {}
    for key, username in ChangeRecord.objects.filter(
        administration=period.administration, subject=PROPOSAL, key__startswith=prefix
    ).values_list("key", "username"):
        code = key.removeprefix(prefix)
        counts[code] += 1
        last[code] = username
    return counts, last


def _cell(cell: PrepCell, counts: Counter[str], last: dict[str, str]) -> PrepCell:
    cell.version = counts[cell.code]
    cell.updated_by = last.get(cell.code, "")
    return cell


def prep_form(period: MonitoringPeriod, unit: Unit) -> PrepForm:
    """The unit's cells: its indicators' targets and its activities' costs, for the
    programme's year and the two after it, each beside what the base programme had."""
    admin, year = period.administration, period.year
    years = proposal_years(year)
    policy = policy_of(period)
    document = document_code(admin, year)
    base_codes = programme_codes(admin, year - 1)
    counts, last = _versions(period)
    targets: list[TargetLine] = []
    for ind in base_indicators(admin, year, unit):
        values = list(ind.values.all())
        proposed = {
            v.year: v.value
            for v in values
            if v.source == document and v.measure == target_measure(v.year, year).value
        }
        before = sorted(
            (v.year, v.measure, v.value)
            for v in values
            if v.source in base_codes and v.year <= year - 1
        )
        history = tuple(v for _y, _m, v in before)
        cells = [
            _cell(
                PrepCell(
                    code=f"{ind.code}/{y}",
                    kind=CellKind.TARGET,
                    owner=ind.code,
                    year=y,
                    policy=policy,
                    indicator_kind=IndicatorKind(ind.kind),
                    unit=ind.unit,
                    name=ind.name,
                    value=proposed.get(y),
                    history=history,
                ),
                counts,
                last,
            )
            for y in years
        ]
        targets.append(TargetLine(ind.code, ind.name, ind.unit, before, cells))
    return PrepForm(targets, _cost_lines(period, unit, document, base_codes, counts, last))


def _cost_lines(
    period: MonitoringPeriod,
    unit: Unit,
    document: str | None,
    base_codes: frozenset[str],
    counts: Counter[str],
    last: dict[str, str],
) -> list[CostLine]:
    admin, year = period.administration, period.year
    years = proposal_years(year)
    activities = programme_activities(admin, year, unit)
    codes = [a.code for a in activities]
    stored = ActivityCost.objects.filter(
        Q(activity__in=activities, document__code=document)
        | Q(
            activity__code__in=codes,
            activity__sub_program__program__administration=admin,
            activity__sub_program__program__year=year - 1,
            document__code__in=base_codes,
        )
    ).select_related("activity", "document")
    proposed: dict[tuple[str, str, str, int], Decimal] = {}
    before: dict[tuple[str, str, str], Decimal] = {}
    combos: dict[str, set[tuple[str, str]]] = {c: set() for c in codes}
    for cost in stored:
        key = (cost.activity.code, cost.economic_code, cost.source)
        combos[cost.activity.code].add((cost.economic_code, cost.source))
        if cost.document.code == document:
            if cost.year in years and cost.measure == cost_measure(cost.year, year).value:
                proposed[(*key, cost.year)] = cost.amount
        elif cost.year == year - 1 and cost.measure == CostMeasure.BUDGET.value:
            before[key] = cost.amount
    policy = policy_of(period)
    lines: list[CostLine] = []
    for activity in activities:
        # An activity with no cost yet is offered every economic code of the general budget.
        found = combos[activity.code] or {(e, BudgetSource.BUTCE_ICI.value) for e in ECONOMIC_CODES}
        for economic, source in sorted(found):
            key = (activity.code, economic, source)
            cells = [
                _cell(
                    PrepCell(
                        code=f"{activity.code}/{economic}/{source}/{y}",
                        kind=CellKind.COST,
                        owner=activity.code,
                        year=y,
                        policy=policy,
                        economic_code=economic,
                        source=BudgetSource(source),
                        value=proposed.get((*key, y)),
                    ),
                    counts,
                    last,
                )
                for y in years
            ]
            lines.append(
                CostLine(
                    activity.code,
                    activity.name,
                    economic,
                    BudgetSource(source),
                    before.get(key),
                    cells,
                )
            )
    return lines


@dataclass
class PrepPage:
    """A unit's proposal as one person may see it: its cells, and whether that person can
    change them now (a draft, an unlocked programme, their own unit)."""

    membership: Membership
    period: MonitoringPeriod
    unit: Unit
    submission: Submission
    form: PrepForm
    editable: bool


def prep_page(user: User, year: int, unit: str, capability: Capability) -> PrepPage:
    """The proposal, if the person's role has `capability` for the unit (else
    PermissionDenied; 404 for a year not in preparation)."""
    membership, unit_obj = unit_for(user, unit, capability)
    period = preparation_for(membership, year)
    submission = submission_for(membership, period, unit_obj)
    editable = (
        period.locked_at is None
        and is_editable(submission.state_enum)
        and can(membership, Capability.PREPARATION_EDIT, unit_obj.code)
    )
    return PrepPage(membership, period, unit_obj, submission, prep_form(period, unit_obj), editable)


def prep_cells(period: MonitoringPeriod, unit: Unit) -> list[PrepCell]:
    return prep_form(period, unit).cells


def proposed_costs(period: MonitoringPeriod) -> list[ProposedCost]:
    """Every cost proposed for the programme (its document's cells of the three years)."""
    document = document_code(period.administration, period.year)
    years = proposal_years(period.year)
    rows = ActivityCost.objects.filter(
        document__administration=period.administration, document__code=document, year__in=years
    ).select_related("activity__responsible_unit")
    return [
        ProposedCost(
            c.year,
            c.economic_code,
            BudgetSource(c.source),
            c.amount,
            c.activity.responsible_unit.code if c.activity.responsible_unit else "",
        )
        for c in rows
        if c.measure == cost_measure(c.year, period.year).value
    ]


@dataclass(frozen=True)
class PrepUnit:
    unit: Unit
    submission: Submission
    total: Decimal  # the costs the unit proposes for the programme's year (every source)


@dataclass(frozen=True)
class PrepOverview:
    units: list[PrepUnit]
    lines: list[CeilingLine]
    economic: dict[str, Decimal]  # the programme year's proposed costs by economic code
    ceilings: dict[int, Decimal]
    # The programme year's costs of activities no listed unit proposes (no responsible unit):
    # with it the units' lines add up to the year's total.
    unassigned: Decimal = Decimal(0)

    @property
    def all_approved(self) -> bool:
        locked = State.LOCKED.value
        return bool(self.units) and all(u.submission.state == locked for u in self.units)

    @property
    def over(self) -> list[CeilingLine]:
        return [line for line in self.lines if line.over]


def prep_overview(period: MonitoringPeriod, membership: Membership) -> PrepOverview:
    """Each unit's submission and the costs it proposes for the programme's year (clerks and
    heads see their own units), and the totals of the proposed costs against the ceilings the
    strategy unit entered (the page shows those to the roles that see every unit)."""
    submissions = period_submissions(period, membership, Capability.PREPARATION_VIEW)
    ceilings = {c.year: c.amount for c in period.ceilings.all()}
    costs = proposed_costs(period)
    totals = by_unit(costs, period.year)
    proposing = set(Submission.objects.filter(period=period).values_list("unit__code", flat=True))
    return PrepOverview(
        [PrepUnit(s.unit, s, totals.get(s.unit.code, Decimal(0))) for s in submissions],
        ceiling_lines(proposal_years(period.year), costs, ceilings),
        by_economic_code(costs, period.year),
        ceilings,
        sum((t for code, t in totals.items() if code not in proposing), Decimal(0)),
    )


def units_not_approved(period: MonitoringPeriod) -> list[str]:
    """The codes of the units whose proposals are not yet approved (empty: all are)."""
    return list(
        Submission.objects.filter(period=period)
        .exclude(state=State.LOCKED.value)
        .order_by("unit__position")
        .values_list("unit__code", flat=True)
    )
