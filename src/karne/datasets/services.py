"""Writes: load a validated dataset into the database in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import ProtectedError

from karne.budget import models as budget
from karne.core.records import Dataset
from karne.monitoring.models import Realization
from karne.organisation import models as org
from karne.planning import models as plan
from karne.publications import models as pub


class AdministrationExists(Exception):
    """Loading would replace data that is already there; the caller must ask for it."""


@dataclass(frozen=True)
class LoadSummary:
    administration: str
    replaced: bool
    counts: dict[str, int]


@transaction.atomic
def dataset_load(*, dataset: Dataset, replace: bool = False) -> LoadSummary:
    """Load everything or nothing. With `replace`, the administration's old data goes first."""
    code = dataset.administration.code
    existing = org.Administration.objects.filter(code=code).first()
    if existing is not None:
        if not replace:
            raise AdministrationExists(code)
        # Units are protected while activities and indicators point at them: programs go first.
        try:
            plan.Program.objects.filter(administration=existing).delete()
            existing.delete()
        except ProtectedError as exc:
            raise AdministrationExists(
                f"{code} has a monitoring change trail; it cannot be replaced by a dataset load"
            ) from exc
    a = dataset.administration
    admin = org.Administration.objects.create(
        code=a.code,
        name=a.name,
        short_name=a.short_name,
        parent=a.parent,
        address=a.address,
        mission=a.mission,
        vision=a.vision,
        values=list(a.values),
        duties=list(a.duties),
        policy=a.policy.to_mapping(),
    )
    org.Abbreviation.objects.bulk_create(
        org.Abbreviation(
            administration=admin,
            position=i,
            code=x.code,
            meaning=x.meaning,
            documents=list(x.documents),
        )
        for i, x in enumerate(a.abbreviations)
    )
    documents = {
        d.code: org.Document.objects.create(
            administration=admin,
            position=i,
            code=d.code,
            kind=d.kind.value,
            year=d.year,
            title=d.title,
            tables=[[label, kind.value] for label, kind in d.tables],
        )
        for i, d in enumerate(dataset.documents)
    }
    units = _units(admin, dataset)
    sp_indicators = _strategic_plans(admin, dataset)
    activities, indicators = _programs(admin, dataset, units, sp_indicators)
    Realization.objects.bulk_create(
        Realization(
            indicator=indicators[r.indicator],
            position=i,
            year=r.year,
            period=r.period.value,
            value=r.value,
            numerator=r.numerator,
            denominator=r.denominator,
            explanation=r.explanation,
        )
        for i, r in enumerate(dataset.realizations)
    )
    _budget(admin, dataset, documents, units, activities)
    _publications(dataset, documents)
    counts = {
        "units": len(dataset.units),
        "sp_indicators": len(dataset.sp_indicators),
        "pp_indicators": len(dataset.pp_indicators),
        "realizations": len(dataset.realizations),
        "activity_costs": len(dataset.activity_costs),
        "budget_rows": len(dataset.budget_economic)
        + len(dataset.budget_activity)
        + len(dataset.budget_unit),
        "printed": len(dataset.printed),
        "claims": len(dataset.claims),
    }
    return LoadSummary(code, existing is not None, counts)


def _units(admin: org.Administration, dataset: Dataset) -> dict[str, org.Unit]:
    units = {
        u.code: org.Unit(
            administration=admin,
            position=i,
            code=u.code,
            name=u.name,
            location=u.location.value,
            is_spending_unit=u.is_spending_unit,
            sort=u.sort,
        )
        for i, u in enumerate(dataset.units)
    }
    org.Unit.objects.bulk_create(units.values())
    for u in dataset.units:
        if u.parent:
            units[u.code].parent = units[u.parent]
    org.Unit.objects.bulk_update([units[u.code] for u in dataset.units if u.parent], ["parent"])
    return units


def _strategic_plans(admin: org.Administration, dataset: Dataset) -> dict[str, plan.SPIndicator]:
    objectives: dict[str, plan.Objective] = {}
    for i, p in enumerate(dataset.strategic_plans):
        sp = plan.StrategicPlan.objects.create(
            administration=admin,
            position=i,
            code=p.code,
            title=p.title,
            start_year=p.start_year,
            end_year=p.end_year,
        )
        for j, aim in enumerate(p.aims):
            a = plan.Aim.objects.create(
                plan=sp, position=j, code=aim.code, title=aim.title, statement=aim.statement
            )
            for k, o in enumerate(aim.objectives):
                objectives[o.code] = plan.Objective.objects.create(
                    aim=a,
                    position=k,
                    code=o.code,
                    short_title=o.short_title,
                    statement=o.statement,
                    responsible_units=list(o.responsible_units),
                    coordinating_units=list(o.coordinating_units),
                    deviation_reason=o.deviation_reason,
                    measures=o.measures,
                )
    indicators = {
        s.code: plan.SPIndicator(
            objective=objectives[s.objective],
            position=i,
            code=s.code,
            name=s.name,
            unit=s.unit,
            weight=s.weight,
            baseline=s.baseline,
            direction=s.direction.value,
            sort=s.sort,
        )
        for i, s in enumerate(dataset.sp_indicators)
    }
    plan.SPIndicator.objects.bulk_create(indicators.values())
    plan.SPIndicatorValue.objects.bulk_create(
        plan.SPIndicatorValue(
            indicator=indicators[v.indicator],
            position=i,
            year=v.year,
            target=v.target,
            actual=v.actual,
        )
        for i, v in enumerate(dataset.sp_indicator_values)
    )
    return indicators


def _programs(
    admin: org.Administration,
    dataset: Dataset,
    units: dict[str, org.Unit],
    sp_indicators: dict[str, plan.SPIndicator],
) -> tuple[dict[str, plan.Activity], dict[str, plan.PPIndicator]]:
    activities: dict[str, plan.Activity] = {}
    sub_programs: dict[tuple[int, str], plan.SubProgram] = {}
    position = 0
    for structure in dataset.program_structures:
        for p in structure.programs:
            program = plan.Program.objects.create(
                administration=admin,
                position=position,
                year=structure.year,
                code=p.code,
                name=p.name,
            )
            position += 1
            for j, s in enumerate(p.sub_programs):
                sub = plan.SubProgram.objects.create(
                    program=program, position=j, code=s.code, name=s.name, rationale=s.rationale
                )
                sub_programs[(structure.year, s.code)] = sub
                plan.SubProgramObjective.objects.bulk_create(
                    plan.SubProgramObjective(
                        sub_program=sub,
                        position=k,
                        code=o.code,
                        text=o.text,
                        sp_aims=list(o.sp_aims),
                    )
                    for k, o in enumerate(s.objectives)
                )
                for k, act in enumerate(s.activities):
                    activities[act.code] = plan.Activity.objects.create(
                        sub_program=sub,
                        position=k,
                        code=act.code,
                        name=act.name,
                        responsible_unit=units.get(act.responsible_unit or ""),
                        description=act.description,
                    )
    indicators = {
        i.code: plan.PPIndicator(
            sub_program=sub_programs[(i.year, i.sub_program)],
            position=n,
            code=i.code,
            year=i.year,
            sort=i.sort,
            name=i.name,
            unit=i.unit,
            kind=i.kind.value,
            direction=i.direction.value,
            description=i.description,
            calculation_method=i.calculation_method,
            data_source=units.get(i.data_source or ""),
            responsible_administration=i.responsible_administration,
            responsible_unit=units.get(i.responsible_unit or ""),
            sp_indicator=sp_indicators.get(i.sp_indicator or ""),
        )
        for n, i in enumerate(dataset.pp_indicators)
    }
    plan.PPIndicator.objects.bulk_create(indicators.values())
    plan.PPIndicatorValue.objects.bulk_create(
        plan.PPIndicatorValue(
            indicator=indicators[v.indicator],
            position=n,
            year=v.year,
            measure=v.measure.value,
            value=v.value,
            source=v.source,
        )
        for n, v in enumerate(dataset.pp_indicator_values)
    )
    return activities, indicators


def _budget(
    admin: org.Administration,
    dataset: Dataset,
    documents: dict[str, org.Document],
    units: dict[str, org.Unit],
    activities: dict[str, plan.Activity],
) -> None:
    budget.ActivityCost.objects.bulk_create(
        budget.ActivityCost(
            activity=activities[c.activity],
            document=documents[c.document],
            position=i,
            year=c.year,
            economic_code=c.economic_code,
            source=c.source.value,
            measure=c.measure.value,
            amount=c.amount,
        )
        for i, c in enumerate(dataset.activity_costs)
    )
    budget.BudgetEconomic.objects.bulk_create(
        budget.BudgetEconomic(
            administration=admin,
            document=documents[b.document],
            position=i,
            year=b.year,
            economic_code=b.economic_code,
            source=b.source.value,
            kbo=b.kbo,
            added=b.added,
            deducted=b.deducted,
            spent=b.spent,
        )
        for i, b in enumerate(dataset.budget_economic)
    )
    budget.BudgetActivity.objects.bulk_create(
        budget.BudgetActivity(
            activity=activities[b.activity],
            document=documents[b.document],
            position=i,
            year=b.year,
            kbo=b.kbo,
            total_appropriation=b.total_appropriation,
            spent=b.spent,
        )
        for i, b in enumerate(dataset.budget_activity)
    )
    budget.BudgetUnit.objects.bulk_create(
        budget.BudgetUnit(
            unit=units[b.unit],
            document=documents[b.document],
            position=i,
            year=b.year,
            kbo=b.kbo,
            total_appropriation=b.total_appropriation,
            spent=b.spent,
        )
        for i, b in enumerate(dataset.budget_unit)
    )


def _publications(dataset: Dataset, documents: dict[str, org.Document]) -> None:
    pub.Resource.objects.bulk_create(
        pub.Resource(
            document=documents[r.document],
            position=i,
            table=r.table,
            category=r.category.value,
            item=r.item,
            value=r.value,
            unit=r.unit,
            note=r.note,
        )
        for i, r in enumerate(dataset.resources)
    )
    sections = []
    toc = []
    for narrative in dataset.narratives:
        document = documents[narrative.document]
        for i, s in enumerate(narrative.sections):
            sections.append(
                pub.NarrativeSection(
                    document=document,
                    position=i,
                    section_id=s.id,
                    parent_id_text=s.parent or "",
                    number=s.number,
                    title=s.title,
                    summary=s.summary,
                    items=list(s.items),
                    signatory=s.signatory,
                    signatory_title=s.signatory_title,
                    place=s.place,
                    date=s.date,
                )
            )
        for i, t in enumerate(narrative.toc):
            toc.append(
                pub.TocEntry(document=document, position=i, title=t.title, page=t.page, list=t.list)
            )
    pub.NarrativeSection.objects.bulk_create(sections)
    pub.TocEntry.objects.bulk_create(toc)
    pub.Claim.objects.bulk_create(
        pub.Claim(
            document=documents[c.document],
            position=i,
            section=c.section,
            claim=c.claim,
            metric=c.metric,
            value=c.value,
            as_printed=c.as_printed,
        )
        for i, c in enumerate(dataset.claims)
    )
    pub.PrintedFigure.objects.bulk_create(
        pub.PrintedFigure(
            document=documents[p.document],
            position=i,
            table=p.table,
            row=p.row,
            column=p.column,
            value=p.value,
            as_printed=p.as_printed,
        )
        for i, p in enumerate(dataset.printed)
    )
