"""Tables that describe the plan's structure: aims and objectives (PP Tablo 6), sub-program
objectives and their aims (PP Tablo 7, FR Tablo 10), responsible units (PP Tablo 17, 18)."""

from __future__ import annotations

from karne.core.report_content.cells import group, row, text
from karne.core.report_content.context import ReportContext
from karne.core.report_content.model import Column, Row, Table, table_or_none
from karne.core.textcase import tr_upper


def _aims(ctx: ReportContext) -> dict[str, str]:
    return {
        aim.code: aim.statement or aim.title
        for plan in ctx.dataset.strategic_plans
        for aim in plan.aims
    }


def aims_table(ctx: ReportContext) -> Table | None:
    """PP Tablo 6: the strategic plan's aims with their objectives."""
    rows: list[Row] = []
    for plan in ctx.dataset.strategic_plans:
        if not plan.start_year <= ctx.year <= plan.end_year:
            continue
        for aim in plan.aims:
            rows.append(group(f"{aim.code} {tr_upper(aim.title)}"))
            for objective in aim.objectives:
                rows.append(
                    row(text(objective.code), text(objective.short_title or objective.statement))
                )
    return table_or_none(
        key="pp.aims",
        title="Stratejik Amaç ve Hedeflerimiz",
        columns=(Column("Kod"), Column("Stratejik Amaç ve Hedef", width=8)),
        rows=rows,
    )


def objectives_table(ctx: ReportContext) -> Table | None:
    """PP Tablo 7: each sub-program objective with the strategic aims it serves."""
    aims = _aims(ctx)
    rows = [
        row(
            text(program.name),
            text(sub.name),
            text(objective.text),
            text("; ".join(aims.get(code, code) for code in objective.sp_aims)),
        )
        for program, sub in ctx.sub_programs()
        for objective in sub.objectives
    ]
    return table_or_none(
        key="pp.sub_program_objectives",
        title="Alt Program Hedefleri ve Stratejik Plan İlişkisi",
        columns=(
            Column("Program Adı", width=2),
            Column("Alt Program Adı", width=2),
            Column("Alt Program Hedefleri", width=5),
            Column("İlişkili Olduğu Stratejik Amaç", width=4),
        ),
        rows=rows,
    )


def activities_table(ctx: ReportContext) -> Table | None:
    """FR Tablo 10: each activity with its program, sub-program, the objectives it serves and
    the strategic aims those objectives serve."""
    aims = _aims(ctx)
    rows = []
    for program, sub in ctx.sub_programs():
        for activity in sub.activities:
            served = sub.objectives_served(activity)
            objectives = "; ".join(o.text for o in served if o.text)
            related = "; ".join(
                dict.fromkeys(aims.get(code, code) for o in served for code in o.sp_aims)
            )
            rows.append(
                row(
                    text(program.name),
                    text(sub.name),
                    text(objectives),
                    text(activity.name),
                    text(activity.description),
                    text(related),
                )
            )
    return table_or_none(
        key="fr.activities",
        title="Program, Alt Program ve Faaliyet Bilgileri",
        columns=(
            Column("Program Adı", width=2),
            Column("Alt Program Adı", width=2),
            Column("Alt Program Hedefleri", width=4),
            Column("Faaliyetler", width=2),
            Column("Faaliyet Açıklaması", width=4),
            Column("İlişkili Olduğu Stratejik Amaç", width=3),
        ),
        rows=rows,
        landscape=True,
    )


def responsible_activities_table(ctx: ReportContext) -> Table | None:
    """PP Tablo 17: the spending unit responsible for each activity."""
    rows = [
        row(
            text(program.name),
            text(sub.name),
            text(activity.name),
            text(tr_upper(ctx.unit_name(activity.responsible_unit))),
        )
        for program, sub in ctx.sub_programs()
        for activity in sub.activities
    ]
    return table_or_none(
        key="pp.responsible_activities",
        title="Faaliyetlerden Sorumlu Harcama Birimleri",
        columns=(
            Column("Program Adı", width=2),
            Column("Alt Program", width=2),
            Column("Faaliyet", width=3),
            Column("Sorumlu Harcama Birimi", width=3),
        ),
        rows=rows,
    )


def responsible_indicators_table(ctx: ReportContext) -> Table | None:
    """PP Tablo 18: the spending unit that monitors each indicator."""
    names = {s.code: (p.name, s.name) for p, s in ctx.sub_programs()}
    rows = [
        row(
            text(names.get(i.sub_program, ("", i.sub_program))[0]),
            text(names.get(i.sub_program, ("", i.sub_program))[1]),
            text(i.name),
            text(tr_upper(ctx.unit_name(i.responsible_unit))),
        )
        for i in sorted(
            (i for i in ctx.dataset.pp_indicators if i.year == ctx.year),
            key=lambda i: (
                list(names).index(i.sub_program) if i.sub_program in names else 99,
                i.sort,
            ),
        )
    ]
    return table_or_none(
        key="pp.responsible_indicators",
        title="Performans Göstergelerinin İzlenmesinden Sorumlu Harcama Birimleri",
        columns=(
            Column("Program Adı", width=2),
            Column("Alt Program", width=2),
            Column("Performans Göstergeleri", width=4),
            Column("Sorumlu Harcama Birimi", width=3),
        ),
        rows=rows,
    )
