"""The domain model as frozen records: what a dataset holds, independent of storage.

The dataset reader builds these from files, the Django selectors build them from the database,
and the computations read only these. Field names follow docs/data-format.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from karne.core.budget import BudgetSource
from karne.core.indicators import Direction, IndicatorKind
from karne.core.periods import PeriodCode
from karne.core.policy import Policy
from karne.core.schema import BlankText, Bounds, CodeForm, Codes, OptionalYear, Ref, Year
from karne.core.table_kinds import TableKind

# Fields that name another record of the dataset by its code (checked by the reader, stored as
# foreign keys).
OptionalUnitRef = Annotated[str | None, Ref("units")]
UnitRef = Annotated[str, Ref("units")]
DocumentRef = Annotated[str, Ref("documents")]
PPIndicatorRef = Annotated[str, Ref("pp_indicators")]
SPIndicatorRef = Annotated[str, Ref("sp_indicators")]
OptionalSPIndicatorRef = Annotated[str | None, Ref("sp_indicators")]

# A record's own code, one form per entity (docs/data-format.md, "Codes"): ASCII only, nothing
# that needs escaping in a URL, none of the total keys (`budget.TOTAL_KEYS`).
_UPPER = r"[A-Z0-9]+(?:[._-][A-Z0-9]+)*"
_SLUG = r"[a-z0-9]+(?:[._-][a-z0-9]+)*"
AdministrationCode = Annotated[str, CodeForm(_SLUG, "goc-idaresi")]
DocumentCode = Annotated[str, CodeForm(r"[A-Z]+[0-9]{4}", "PP2023")]
UnitCode = Annotated[str, CodeForm(r"[A-Z0-9]+(?:\.[A-Z0-9]+)*", "YHGM.SGDB")]
PlanCode = Annotated[str, CodeForm(_UPPER, "SP2019, A1, H1.1")]
ProgrammeCode = Annotated[str, CodeForm(_UPPER, "GY.GYH.VERI")]
IndicatorCode = Annotated[str, CodeForm(_UPPER, "GYH-01, PG1.1.3")]
SectionId = Annotated[str, CodeForm(_SLUG, "mali-bilgiler.butce-uygulama-sonuclari", 200)]
ClaimId = Annotated[str, CodeForm(r"[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*", "staff_total")]
# Abbreviations are printed words ("GİB", "m.", "IpSec VPN"): short, no URL syntax.
_WORD = r"[^\s/\\?#%&<>\"'`]+"
AbbreviationCode = Annotated[str, CodeForm(f"{_WORD}(?: {_WORD})*", "KBÖ", 32)]

# Numbers: money and counts are never negative; a weight is a percentage.
Money = Annotated[Decimal, Bounds(0)]
OptionalMoney = Annotated[Decimal | None, Bounds(0)]
Count = Annotated[Decimal, Bounds(0)]
OptionalCount = Annotated[Decimal | None, Bounds(0)]
Weight = Annotated[Decimal, Bounds(0, 100)]
Sort = Annotated[int, Bounds(0, 999_999_999)]


class DocumentKind(StrEnum):
    PERFORMANS_PROGRAMI = "performans-programi"
    FAALIYET_RAPORU = "faaliyet-raporu"


class UnitLocation(StrEnum):
    CENTRAL = "central"
    PROVINCIAL = "provincial"
    ABROAD = "abroad"
    BOARD = "board"


class ValueMeasure(StrEnum):
    """Which figure of an indicator's year a performance-program value is."""

    ACTUAL = "actual"
    PLANNED = "planned"
    ESTIMATE = "estimate"  # yıl sonu gerçekleşme tahmini
    TARGET = "target"
    FORECAST = "forecast"


class CostMeasure(StrEnum):
    BUDGET = "budget"
    SPENT_JUNE = "spent_june"
    FORECAST = "forecast"


class ResourceCategory(StrEnum):
    STAFF = "staff"
    STAFF_GENDER = "staff_gender"
    STAFF_EDUCATION = "staff_education"
    IT = "it"
    PHYSICAL = "physical"


@dataclass(frozen=True, slots=True)
class Document:
    code: DocumentCode
    kind: DocumentKind
    year: Year
    title: BlankText
    tables: tuple[tuple[str, TableKind], ...] = ()  # table label as printed → what it is
    date: BlankText = ""  # the document's date as its cover prints it ("Şubat 2024"); "" none

    def table_kind(self, label: str) -> TableKind | None:
        return dict(self.tables).get(label)


@dataclass(frozen=True, slots=True)
class Abbreviation:
    code: AbbreviationCode
    meaning: str
    documents: Codes = ()


@dataclass(frozen=True, slots=True)
class Administration:
    code: AdministrationCode
    name: str
    short_name: str = ""
    parent: str = ""
    address: str = ""
    mission: str = ""
    vision: str = ""
    values: tuple[str, ...] = ()
    duties: tuple[str, ...] = ()
    abbreviations: tuple[Abbreviation, ...] = ()
    policy: Policy = field(default_factory=Policy)


@dataclass(frozen=True, slots=True)
class Unit:
    code: UnitCode
    name: str
    parent: OptionalUnitRef
    location: UnitLocation
    is_spending_unit: bool
    sort: Sort
    # The years the unit exists in (either end open when empty): a unit founded or closed
    # keeps its code and its history instead of being deleted.
    valid_from: OptionalYear = None
    valid_to: OptionalYear = None

    def exists_in(self, year: int) -> bool:
        return in_years(self.valid_from, self.valid_to, year)


@dataclass(frozen=True, slots=True)
class Duty:
    """One duty of a unit, in the unit's order. The administration's own duties (those the law
    gives it) are its top unit's; the other units' are what "Sunulan Hizmetler" lists. A duty
    given or taken away keeps its row with the years it held."""

    unit: UnitRef
    text: str
    valid_from: OptionalYear = None
    valid_to: OptionalYear = None

    def exists_in(self, year: int) -> bool:
        return in_years(self.valid_from, self.valid_to, year)


def in_years(valid_from: int | None, valid_to: int | None, year: int) -> bool:
    """Whether a year lies within a validity (either end open when None)."""
    return (valid_from is None or valid_from <= year) and (valid_to is None or year <= valid_to)


@dataclass(frozen=True, slots=True)
class Objective:
    code: PlanCode
    short_title: str = ""
    statement: str = ""
    responsible_units: Codes = ()
    coordinating_units: Codes = ()
    deviation_reason: str = ""
    measures: str = ""


@dataclass(frozen=True, slots=True)
class Aim:
    code: PlanCode
    title: BlankText
    statement: str = ""
    objectives: tuple[Objective, ...] = ()


@dataclass(frozen=True, slots=True)
class StrategicPlan:
    code: PlanCode
    title: BlankText
    start_year: Year
    end_year: Year
    aims: tuple[Aim, ...] = ()


@dataclass(frozen=True, slots=True)
class SPIndicator:
    code: IndicatorCode
    objective: str
    name: str
    unit: BlankText
    weight: Weight
    baseline: Decimal | None
    direction: Direction
    sort: Sort
    # The year-end evaluations of the indicator (FR "Performans Göstergelerine İlişkin
    # Değerlendirmeler"): İlgililik, Etkililik, Etkinlik, Sürdürülebilirlik; own words, short.
    relevance: str = ""
    effectiveness: str = ""
    efficiency: str = ""
    sustainability: str = ""


@dataclass(frozen=True, slots=True)
class SPIndicatorValue:
    indicator: SPIndicatorRef
    year: Year
    target: Decimal | None
    actual: Decimal | None


@dataclass(frozen=True, slots=True)
class Activity:
    code: ProgrammeCode
    name: str
    responsible_unit: str | None = None
    description: str = ""
    # The sub-program objectives the activity serves (FR Tablo 10 pairs each activity with its
    # own); empty: every objective of its sub-program.
    objectives: Codes = ()


@dataclass(frozen=True, slots=True)
class SubProgramObjective:
    code: ProgrammeCode
    text: BlankText
    sp_aims: Codes = ()


@dataclass(frozen=True, slots=True)
class SubProgram:
    code: ProgrammeCode
    name: str
    rationale: str = ""
    objectives: tuple[SubProgramObjective, ...] = ()
    activities: tuple[Activity, ...] = ()
    # The objective in one statement, as the Activity Report prints it over Form-3 and in
    # Form-4 ("Alt Program Hedefi"); empty: the objectives' texts.
    objective_statement: str = ""

    def objectives_served(self, activity: Activity) -> tuple[SubProgramObjective, ...]:
        """The objectives an activity of this sub-program serves: those it names, else all."""
        own = {o.code: o for o in self.objectives}
        named = tuple(own[code] for code in activity.objectives if code in own)
        return named or self.objectives


@dataclass(frozen=True, slots=True)
class Program:
    code: ProgrammeCode
    name: str
    sub_programs: tuple[SubProgram, ...] = ()


@dataclass(frozen=True, slots=True)
class ProgramStructure:
    """The program budget structure of one year."""

    year: Year
    programs: tuple[Program, ...] = ()


@dataclass(frozen=True, slots=True)
class PPIndicator:
    code: IndicatorCode
    year: Year
    sub_program: str
    sort: Sort
    name: str
    unit: str
    kind: IndicatorKind
    direction: Direction
    description: str = ""
    calculation_method: str = ""
    data_source: OptionalUnitRef = None
    responsible_administration: str = ""
    responsible_unit: OptionalUnitRef = None
    sp_indicator: OptionalSPIndicatorRef = None


@dataclass(frozen=True, slots=True)
class PPIndicatorValue:
    indicator: PPIndicatorRef
    year: Year
    measure: ValueMeasure
    value: Decimal
    source: DocumentRef


@dataclass(frozen=True, slots=True)
class Realization:
    indicator: PPIndicatorRef
    year: Year
    period: PeriodCode
    value: Decimal | None
    numerator: OptionalCount = None
    denominator: OptionalCount = None
    explanation: str = ""
    # A known slip of the published document, corrected in this input: what was printed and
    # why the value here is the right one. The printed figure stays in the printed layer.
    correction: str = ""


@dataclass(frozen=True, slots=True)
class ActivityCost:
    year: Year
    activity: str
    economic_code: str
    source: BudgetSource
    measure: CostMeasure
    amount: Money
    document: DocumentRef


@dataclass(frozen=True, slots=True)
class BudgetEconomic:
    year: Year
    economic_code: str
    source: BudgetSource
    kbo: Money
    added: OptionalMoney
    deducted: OptionalMoney
    spent: OptionalMoney
    document: DocumentRef


@dataclass(frozen=True, slots=True)
class BudgetCarryover:
    """An appropriation carried over into `year` from an earlier year's budget, for a purpose:
    part of the year's added appropriations that the Activity Report names apart."""

    year: Year
    from_year: Year
    purpose: str
    amount: Money
    document: DocumentRef


@dataclass(frozen=True, slots=True)
class BudgetActivity:
    year: Year
    activity: str
    kbo: Money
    total_appropriation: Money
    spent: Money
    document: DocumentRef


@dataclass(frozen=True, slots=True)
class BudgetUnit:
    year: Year
    unit: str
    kbo: Money
    total_appropriation: Money
    spent: Money
    document: DocumentRef


@dataclass(frozen=True, slots=True)
class Resource:
    document: DocumentRef
    table: str
    category: ResourceCategory
    item: str
    value: Count
    unit: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class NarrativeSection:
    id: SectionId
    number: BlankText
    title: str
    summary: str = ""
    items: tuple[str, ...] = ()
    signatory: str = ""
    signatory_title: str = ""
    place: str = ""
    date: str = ""
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class TocEntry:
    title: str
    page: BlankText
    list: str = ""  # icindekiler (contents) | tablo (tables) | sekil (figures)


@dataclass(frozen=True, slots=True)
class Narrative:
    document: str
    sections: tuple[NarrativeSection, ...] = ()
    toc: tuple[TocEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    document: DocumentRef
    section: str
    claim: ClaimId
    metric: str
    value: str
    as_printed: str


@dataclass(frozen=True, slots=True)
class PrintedFigure:
    document: DocumentRef
    table: str
    row: str
    column: str
    value: BlankText
    as_printed: BlankText


@dataclass(frozen=True, slots=True)
class Dataset:
    administration: Administration
    documents: tuple[Document, ...] = ()
    units: tuple[Unit, ...] = ()
    duties: tuple[Duty, ...] = ()
    strategic_plans: tuple[StrategicPlan, ...] = ()
    sp_indicators: tuple[SPIndicator, ...] = ()
    sp_indicator_values: tuple[SPIndicatorValue, ...] = ()
    program_structures: tuple[ProgramStructure, ...] = ()
    pp_indicators: tuple[PPIndicator, ...] = ()
    pp_indicator_values: tuple[PPIndicatorValue, ...] = ()
    realizations: tuple[Realization, ...] = ()
    activity_costs: tuple[ActivityCost, ...] = ()
    budget_economic: tuple[BudgetEconomic, ...] = ()
    budget_activity: tuple[BudgetActivity, ...] = ()
    budget_unit: tuple[BudgetUnit, ...] = ()
    budget_carryover: tuple[BudgetCarryover, ...] = ()
    resources: tuple[Resource, ...] = ()
    narratives: tuple[Narrative, ...] = ()
    claims: tuple[Claim, ...] = ()
    printed: tuple[PrintedFigure, ...] = ()
    # The administration's indicator_definitions.yaml as written (comments kept), checked when
    # read; "" when it has none (docs/indicators.md).
    indicator_definitions: str = ""

    def structure_for(self, year: int) -> ProgramStructure | None:
        return next((s for s in self.program_structures if s.year == year), None)
