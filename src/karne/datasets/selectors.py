"""Reads: an administration's data as a `Dataset`, the shape every computation takes."""

from __future__ import annotations

from collections import defaultdict

from karne.budget import models as budget
from karne.core.budget import BudgetSource
from karne.core.indicators import Direction, IndicatorKind
from karne.core.periods import PeriodCode
from karne.core.policy import Policy
from karne.core.records import (
    Abbreviation,
    Activity,
    ActivityCost,
    Administration,
    Aim,
    BudgetActivity,
    BudgetEconomic,
    BudgetUnit,
    Claim,
    CostMeasure,
    Dataset,
    Document,
    DocumentKind,
    Narrative,
    NarrativeSection,
    Objective,
    PPIndicator,
    PPIndicatorValue,
    PrintedFigure,
    Program,
    ProgramStructure,
    Realization,
    Resource,
    ResourceCategory,
    SPIndicator,
    SPIndicatorValue,
    StrategicPlan,
    SubProgram,
    SubProgramObjective,
    TocEntry,
    Unit,
    UnitLocation,
    ValueMeasure,
)
from karne.core.table_kinds import TableKind
from karne.monitoring.models import Realization as RealizationModel
from karne.organisation import models as org
from karne.planning import models as plan
from karne.publications import models as pub


class AdministrationNotFound(Exception):
    pass


def administration_codes() -> list[str]:
    return list(org.Administration.objects.order_by("code").values_list("code", flat=True))


def dataset_read(*, administration: str | None = None) -> Dataset:
    """The whole dataset of one administration (the only one when there is just one)."""
    admin = _administration(administration)
    docs = list(admin.documents.all())
    return Dataset(
        administration=Administration(
            code=admin.code,
            name=admin.name,
            short_name=admin.short_name,
            parent=admin.parent,
            address=admin.address,
            mission=admin.mission,
            vision=admin.vision,
            values=tuple(admin.values),
            duties=tuple(admin.duties),
            abbreviations=tuple(
                Abbreviation(x.code, x.meaning, tuple(x.documents))
                for x in admin.abbreviations.all()
            ),
            policy=Policy.from_mapping(admin.policy),
        ),
        documents=tuple(
            Document(
                d.code,
                DocumentKind(d.kind),
                d.year,
                d.title,
                tuple((label, TableKind(kind)) for label, kind in d.tables),
            )
            for d in docs
        ),
        units=tuple(
            Unit(
                u.code,
                u.name,
                u.parent.code if u.parent else None,
                UnitLocation(u.location),
                u.is_spending_unit,
                u.sort,
            )
            for u in admin.units.select_related("parent")
        ),
        strategic_plans=_plans(admin),
        sp_indicators=tuple(
            SPIndicator(
                s.code,
                s.objective.code,
                s.name,
                s.unit,
                s.weight,
                s.baseline,
                Direction(s.direction),
                s.sort,
            )
            for s in plan.SPIndicator.objects.filter(
                objective__aim__plan__administration=admin
            ).select_related("objective")
        ),
        sp_indicator_values=tuple(
            SPIndicatorValue(v.indicator.code, v.year, v.target, v.actual)
            for v in plan.SPIndicatorValue.objects.filter(
                indicator__objective__aim__plan__administration=admin
            ).select_related("indicator")
        ),
        program_structures=_programs(admin),
        pp_indicators=tuple(
            PPIndicator(
                code=i.code,
                year=i.year,
                sub_program=i.sub_program.code,
                sort=i.sort,
                name=i.name,
                unit=i.unit,
                kind=IndicatorKind(i.kind),
                direction=Direction(i.direction),
                description=i.description,
                calculation_method=i.calculation_method,
                data_source=i.data_source.code if i.data_source else None,
                responsible_administration=i.responsible_administration,
                responsible_unit=i.responsible_unit.code if i.responsible_unit else None,
                sp_indicator=i.sp_indicator.code if i.sp_indicator else None,
            )
            for i in plan.PPIndicator.objects.filter(
                sub_program__program__administration=admin
            ).select_related("sub_program", "data_source", "responsible_unit", "sp_indicator")
        ),
        pp_indicator_values=tuple(
            PPIndicatorValue(v.indicator.code, v.year, ValueMeasure(v.measure), v.value, v.source)
            for v in plan.PPIndicatorValue.objects.filter(
                indicator__sub_program__program__administration=admin
            ).select_related("indicator")
        ),
        realizations=tuple(
            Realization(
                r.indicator.code,
                r.year,
                PeriodCode(r.period),
                r.value,
                r.numerator,
                r.denominator,
                r.explanation,
            )
            for r in RealizationModel.objects.filter(
                indicator__sub_program__program__administration=admin
            ).select_related("indicator")
        ),
        activity_costs=tuple(
            ActivityCost(
                c.year,
                c.activity.code,
                c.economic_code,
                BudgetSource(c.source),
                CostMeasure(c.measure),
                c.amount,
                c.document.code,
            )
            for c in budget.ActivityCost.objects.filter(
                document__administration=admin
            ).select_related("activity", "document")
        ),
        budget_economic=tuple(
            BudgetEconomic(
                b.year,
                b.economic_code,
                BudgetSource(b.source),
                b.kbo,
                b.added,
                b.deducted,
                b.spent,
                b.document.code,
            )
            for b in admin.budget_economic.select_related("document")
        ),
        budget_activity=tuple(
            BudgetActivity(
                b.year, b.activity.code, b.kbo, b.total_appropriation, b.spent, b.document.code
            )
            for b in budget.BudgetActivity.objects.filter(
                document__administration=admin
            ).select_related("activity", "document")
        ),
        budget_unit=tuple(
            BudgetUnit(b.year, b.unit.code, b.kbo, b.total_appropriation, b.spent, b.document.code)
            for b in budget.BudgetUnit.objects.filter(
                document__administration=admin
            ).select_related("unit", "document")
        ),
        resources=tuple(
            Resource(
                r.document.code,
                r.table,
                ResourceCategory(r.category),
                r.item,
                r.value,
                r.unit,
                r.note,
            )
            for r in pub.Resource.objects.filter(document__administration=admin).select_related(
                "document"
            )
        ),
        narratives=_narratives(docs),
        claims=tuple(
            Claim(c.document.code, c.section, c.claim, c.metric, c.value, c.as_printed)
            for c in pub.Claim.objects.filter(document__administration=admin).select_related(
                "document"
            )
        ),
        printed=tuple(
            PrintedFigure(p.document.code, p.table, p.row, p.column, p.value, p.as_printed)
            for p in pub.PrintedFigure.objects.filter(
                document__administration=admin
            ).select_related("document")
        ),
    )


def _administration(code: str | None) -> org.Administration:
    if code is not None:
        found = org.Administration.objects.filter(code=code).first()
        if found is None:
            raise AdministrationNotFound(f"no administration with code {code!r}")
        return found
    admins = list(org.Administration.objects.all()[:2])
    if len(admins) != 1:
        raise AdministrationNotFound(
            "the database holds no administration"
            if not admins
            else "the database holds several administrations: name one"
        )
    return admins[0]


def _plans(admin: org.Administration) -> tuple[StrategicPlan, ...]:
    plans = []
    for p in admin.strategic_plans.prefetch_related("aims__objectives"):
        aims = tuple(
            Aim(
                a.code,
                a.title,
                a.statement,
                tuple(
                    Objective(
                        o.code,
                        o.short_title,
                        o.statement,
                        tuple(o.responsible_units),
                        tuple(o.coordinating_units),
                        o.deviation_reason,
                        o.measures,
                    )
                    for o in a.objectives.all()
                ),
            )
            for a in p.aims.all()
        )
        plans.append(StrategicPlan(p.code, p.title, p.start_year, p.end_year, aims))
    return tuple(plans)


def _programs(admin: org.Administration) -> tuple[ProgramStructure, ...]:
    by_year: dict[int, list[Program]] = defaultdict(list)
    for p in admin.programs.prefetch_related(
        "sub_programs__objectives", "sub_programs__activities__responsible_unit"
    ):
        subs = tuple(
            SubProgram(
                s.code,
                s.name,
                s.rationale,
                tuple(
                    SubProgramObjective(o.code, o.text, tuple(o.sp_aims))
                    for o in s.objectives.all()
                ),
                tuple(
                    Activity(
                        a.code,
                        a.name,
                        a.responsible_unit.code if a.responsible_unit else None,
                        a.description,
                    )
                    for a in s.activities.all()
                ),
            )
            for s in p.sub_programs.all()
        )
        by_year[p.year].append(Program(p.code, p.name, subs))
    return tuple(ProgramStructure(year, tuple(programs)) for year, programs in by_year.items())


def _narratives(docs: list[org.Document]) -> tuple[Narrative, ...]:
    out = []
    for d in docs:
        sections = tuple(
            NarrativeSection(
                id=s.section_id,
                number=s.number,
                title=s.title,
                summary=s.summary,
                items=tuple(s.items),
                signatory=s.signatory,
                signatory_title=s.signatory_title,
                place=s.place,
                date=s.date,
                parent=s.parent_id_text or None,
            )
            for s in d.sections.all()
        )
        toc = tuple(TocEntry(t.title, t.page, t.list) for t in d.toc.all())
        if sections or toc:
            out.append(Narrative(d.code, sections, toc))
    return tuple(out)
