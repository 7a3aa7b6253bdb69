"""Writes: load a validated dataset into the database in one transaction.

The dataset's tables go through the one mapper (`datasets.mapping`); only the nested structures
(administration, documents, strategic plan, programmes, narrative) are walked here by hand, and
even their one-value fields are copied by the mapper.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import ProtectedError

from karne.core.records import Dataset
from karne.datasets.mapping import InsertPlan, Refs, TableModel, table_models, to_model
from karne.monitoring.models import DefinitionSet
from karne.organisation import models as org
from karne.planning import models as plan
from karne.publications import models as pub

log = logging.getLogger("karne.actions")


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
    admin = to_model(a, org.Administration, policy=a.policy.to_mapping())
    admin.save()
    refs = Refs()
    org.Abbreviation.objects.bulk_create(
        to_model(x, org.Abbreviation, administration=admin, position=i)
        for i, x in enumerate(a.abbreviations)
    )
    documents = [
        to_model(
            d,
            org.Document,
            administration=admin,
            position=i,
            tables=[[label, kind.value] for label, kind in d.tables],
        )
        for i, d in enumerate(dataset.documents)
    ]
    refs.add_all(org.Document.objects.bulk_create(documents))
    pending = table_models()
    # What is loaded is known by step, not by the rows it left: an administration may have no
    # document or no plan yet (one started in the browser), and its tables are still ready.
    loaded: set[type[models.Model]] = {org.Administration, org.Document}
    _load_ready(pending, dataset, admin, refs, loaded)  # units first: activities point at them
    _strategic_plans(admin, dataset, refs)
    _programs(admin, dataset, refs)
    loaded |= {plan.StrategicPlan, plan.Aim, plan.Objective, plan.Program, plan.SubProgram}
    loaded |= {plan.SubProgramObjective, plan.Activity}
    _load_ready(pending, dataset, admin, refs, loaded)
    _narratives(dataset, refs)
    if dataset.indicator_definitions:
        DefinitionSet.objects.create(administration=admin, text=dataset.indicator_definitions)
    assert not pending, f"tables never ready: {[t.table.attr for t in pending]}"
    counts = {
        "units": len(dataset.units),
        "sp_indicators": len(dataset.sp_indicators),
        "pp_indicators": len(dataset.pp_indicators),
        "realizations": len(dataset.realizations),
        "activity_costs": len(dataset.activity_costs),
        "budget_rows": len(dataset.budget_economic)
        + len(dataset.budget_activity)
        + len(dataset.budget_unit)
        + len(dataset.budget_carryover),
        "printed": len(dataset.printed),
        "claims": len(dataset.claims),
    }
    log.info("dataset %s %s: %s", code, "replaced" if existing else "loaded", counts)
    return LoadSummary(code, existing is not None, counts)


def _load_ready(
    pending: list[TableModel],
    dataset: Dataset,
    admin: org.Administration,
    refs: Refs,
    loaded: set[type[models.Model]],
) -> None:
    """Load every table whose referenced rows are all loaded, until none is left that is."""
    progress = True
    while progress:
        progress = False
        for item in list(pending):
            if item.depends_on <= loaded:
                _load_table(item, dataset, admin, refs)
                loaded.add(item.model)
                pending.remove(item)
                progress = True


# Model rows built and inserted at a time: a table's rows are never all held as models, unless
# other rows refer to them by code (units, indicators: those are few).
BATCH_ROWS = 2000


def _load_table(item: TableModel, dataset: Dataset, admin: org.Administration, refs: Refs) -> None:
    context = dict.fromkeys(item.context_fields(), admin)
    records = getattr(dataset, item.table.attr)
    coded = any(f.name == "code" for f in item.model._meta.concrete_fields)
    keep = coded or any(f.related_model is item.model for f in item.relations.values())
    if not keep and InsertPlan.usable(item.model):
        plan = InsertPlan(item.table.record, item.model, **context)
        for start in range(0, len(records), BATCH_ROWS):
            plan.insert(records[start : start + BATCH_ROWS], start, refs)
        return
    kept: list[models.Model] = []
    for start in range(0, len(records), BATCH_ROWS):
        batch = records[start : start + BATCH_ROWS]
        rows = [
            to_model(r, item.model, refs, position=start + i, **context)
            for i, r in enumerate(batch)
        ]
        item.model._default_manager.bulk_create(rows)
        if coded:
            refs.add_all(rows)
        if keep:
            kept.extend(rows)
    if keep:
        _self_references(item, records, kept, refs)


def _self_references(
    item: TableModel, records: tuple[object, ...], rows: list[models.Model], refs: Refs
) -> None:
    """Rows that point at rows of their own table (a unit's parent), now that all exist."""
    for name, field in item.relations.items():
        if field.related_model is not item.model:
            continue
        changed = []
        for record, row in zip(records, rows, strict=True):
            code = getattr(record, name)
            if code:
                setattr(row, field.name, refs.get(item.model, code, None))
                changed.append(row)
        item.model._default_manager.bulk_update(changed, [field.name])


def _strategic_plans(admin: org.Administration, dataset: Dataset, refs: Refs) -> None:
    for i, p in enumerate(dataset.strategic_plans):
        sp = to_model(p, plan.StrategicPlan, administration=admin, position=i)
        sp.save()
        for j, aim in enumerate(p.aims):
            a = to_model(aim, plan.Aim, plan=sp, position=j)
            a.save()
            objectives = [
                to_model(o, plan.Objective, aim=a, position=k) for k, o in enumerate(aim.objectives)
            ]
            refs.add_all(plan.Objective.objects.bulk_create(objectives))


def _programs(admin: org.Administration, dataset: Dataset, refs: Refs) -> None:
    position = 0
    for structure in dataset.program_structures:
        for p in structure.programs:
            program = to_model(
                p, plan.Program, administration=admin, position=position, year=structure.year
            )
            program.save()
            position += 1
            for j, s in enumerate(p.sub_programs):
                sub = to_model(s, plan.SubProgram, program=program, position=j)
                sub.save()
                refs.add(sub, year=structure.year)
                plan.SubProgramObjective.objects.bulk_create(
                    to_model(o, plan.SubProgramObjective, sub_program=sub, position=k)
                    for k, o in enumerate(s.objectives)
                )
                activities = [
                    to_model(act, plan.Activity, refs, sub_program=sub, position=k)
                    for k, act in enumerate(s.activities)
                ]
                refs.add_all(plan.Activity.objects.bulk_create(activities))


def _narratives(dataset: Dataset, refs: Refs) -> None:
    sections = []
    toc = []
    for narrative in dataset.narratives:
        document = refs.get(org.Document, narrative.document, None)
        for i, s in enumerate(narrative.sections):
            sections.append(to_model(s, pub.NarrativeSection, document=document, position=i))
        for i, t in enumerate(narrative.toc):
            toc.append(to_model(t, pub.TocEntry, document=document, position=i))
    pub.NarrativeSection.objects.bulk_create(sections)
    pub.TocEntry.objects.bulk_create(toc)
