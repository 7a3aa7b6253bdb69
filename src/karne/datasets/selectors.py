"""Reads: an administration's data as a `Dataset`, the shape every computation takes.

The tables come back through the one mapper (`datasets.mapping`); the nested structures are
assembled here from their rows, whose one-value fields the mapper reads too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator
from typing import Any

from karne.core import records
from karne.core.policy import Policy
from karne.core.table_kinds import TableKind
from karne.dataformat.tables import Table
from karne.datasets.mapping import TableModel, from_model, table_models
from karne.monitoring.models import DefinitionSet
from karne.organisation import models as org


class AdministrationNotFound(Exception):
    pass


def administration_codes() -> list[str]:
    return list(org.Administration.objects.order_by("code").values_list("code", flat=True))


def dataset_read(
    *, administration: str | None = None, tables: Collection[str] | None = None
) -> records.Dataset:
    """The whole dataset of one administration (the only one when there is just one).

    `tables` limits the flat tables read to those named (Dataset field names), for pages that
    need a few of them, and for an export, which reads none here and streams them through
    `dataset_tables`; the nested structures are always read.
    """
    admin = administration_row(administration)
    docs = list(admin.documents.all())
    return records.Dataset(
        administration=from_model(
            admin,
            records.Administration,
            abbreviations=tuple(
                from_model(x, records.Abbreviation) for x in admin.abbreviations.all()
            ),
            policy=Policy.from_mapping(admin.policy),
        ),
        documents=tuple(
            from_model(
                d,
                records.Document,
                tables=tuple((label, TableKind(kind)) for label, kind in d.tables),
            )
            for d in docs
        ),
        strategic_plans=_plans(admin),
        program_structures=_programs(admin),
        narratives=_narratives(docs),
        indicator_definitions=next(
            iter(DefinitionSet.objects.filter(administration=admin).values_list("text", flat=True)),
            "",
        ),
        **{
            item.table.attr: _rows(item, admin)
            for item in table_models()
            if tables is None or item.table.attr in tables
        },
    )


# Rows fetched at a time when a table is streamed.
CHUNK_ROWS = 2000


def dataset_tables(*, administration: str | None = None) -> Iterator[tuple[Table, Iterator[Any]]]:
    """Each flat table of the administration with its records, fetched from the database a
    chunk at a time as they are consumed: an export holds no whole table in memory."""
    admin = administration_row(administration)
    for item in table_models():
        yield item.table, _records(item, admin)


def _rows(item: TableModel, admin: org.Administration) -> tuple[Any, ...]:
    return tuple(_records(item, admin))


def _records(item: TableModel, admin: org.Administration) -> Iterator[Any]:
    rows = item.model._default_manager.filter(**{item.scope: admin}).select_related(
        *(f.name for f in item.relations.values())
    )
    return (from_model(row, item.table.record) for row in rows.iterator(chunk_size=CHUNK_ROWS))


def administration_row(code: str | None) -> org.Administration:
    """The administration with this code, or the only one when no code is given."""
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


def _plans(admin: org.Administration) -> tuple[records.StrategicPlan, ...]:
    return tuple(
        from_model(
            p,
            records.StrategicPlan,
            aims=tuple(
                from_model(
                    a,
                    records.Aim,
                    objectives=tuple(from_model(o, records.Objective) for o in a.objectives.all()),
                )
                for a in p.aims.all()
            ),
        )
        for p in admin.strategic_plans.prefetch_related("aims__objectives")
    )


def _programs(admin: org.Administration) -> tuple[records.ProgramStructure, ...]:
    by_year: dict[int, list[records.Program]] = defaultdict(list)
    for p in admin.programs.prefetch_related(
        "sub_programs__objectives", "sub_programs__activities__responsible_unit"
    ):
        subs = tuple(
            from_model(
                s,
                records.SubProgram,
                objectives=tuple(
                    from_model(o, records.SubProgramObjective) for o in s.objectives.all()
                ),
                activities=tuple(from_model(a, records.Activity) for a in s.activities.all()),
            )
            for s in p.sub_programs.all()
        )
        by_year[p.year].append(from_model(p, records.Program, sub_programs=subs))
    return tuple(
        records.ProgramStructure(year, tuple(programs)) for year, programs in by_year.items()
    )


def _narratives(docs: list[org.Document]) -> tuple[records.Narrative, ...]:
    out = []
    for d in docs:
        sections = tuple(from_model(s, records.NarrativeSection) for s in d.sections.all())
        toc = tuple(from_model(t, records.TocEntry) for t in d.toc.all())
        if sections or toc:
            out.append(records.Narrative(d.code, sections, toc))
    return tuple(out)
