"""The Performance Program's cost tables (PP Tablo 9/12, 14, 15, 16) from `core.costs`.

The activity × economic code × source × year cells are the only inputs; totals and the blocks by
economic code and source are the core's roll-ups (`CostTables.by_economic_code`), which the audit
compares the printed tables with.
"""

from __future__ import annotations

from karne.core.budget import ECONOMIC_CODES, EXTERNAL_SOURCES
from karne.core.costs import (
    EXTERNAL_TOTAL,
    INTERNAL_TOTAL,
    TOTAL,
    CostCell,
    CostColumn,
    CostRow,
    CostTables,
)
from karne.core.records import CostMeasure, SubProgram
from karne.core.report_content.cells import group, money, note, row, text
from karne.core.report_content.context import ReportContext
from karne.core.report_content.model import (
    Cell,
    Chart,
    ChartKind,
    Column,
    Figure,
    Fmt,
    HeaderGroup,
    Row,
    RowKind,
    Series,
    Table,
    table_or_none,
)

_MEASURE_LABEL = {
    CostMeasure.BUDGET: "Bütçe",
    CostMeasure.SPENT_JUNE: "Harcama (Haziran)",
    CostMeasure.FORECAST: "Tahmin",
}


def column_label(column: CostColumn) -> str:
    return f"{column.year} {_MEASURE_LABEL[column.measure]}"


def plan_columns(costs: CostTables, year: int) -> tuple[CostColumn, ...]:
    """The budget year and the forecast years: the columns of Tablo 14 and 16."""
    return tuple(
        c
        for c in costs.columns
        if (c.year == year and c.measure is CostMeasure.BUDGET)
        or (c.year > year and c.measure is CostMeasure.FORECAST)
    )


def activity_costs_table(ctx: ReportContext, costs: CostTables, sub: SubProgram) -> Table | None:
    """PP Tablo 9 / 12: the sub-program's activities, each split budget-internal / external."""
    rows_by_code = {r.code: r for r in costs.by_activity}
    if sub.code not in rows_by_code:
        return None
    rows: list[Row] = []
    for activity in sub.activities:
        cost = rows_by_code.get(activity.code)
        if cost is None:
            continue
        rows.append(row(text(activity.name), *_totals(cost, costs.columns), kind=RowKind.SUBTOTAL))
        rows.append(
            row(text("Bütçe İçi"), *(money(cost.cell(c).internal) for c in costs.columns), indent=1)
        )
        rows.append(
            row(
                text("Bütçe Dışı"), *(money(cost.cell(c).external) for c in costs.columns), indent=1
            )
        )
    rows.append(
        row(text("TOPLAM"), *_totals(rows_by_code[sub.code], costs.columns), kind=RowKind.TOTAL)
    )
    return Table(
        key=f"pp.activity_costs.{sub.code}",
        title="Alt Program Kapsamında Yürütülecek Faaliyet Maliyetleri",
        columns=(
            Column("Faaliyetler", width=3),
            *(Column(column_label(c), Fmt.MONEY) for c in costs.columns),
        ),
        rows=tuple(rows),
    )


def _totals(cost: CostRow, columns: tuple[CostColumn, ...]) -> tuple[Cell, ...]:
    return tuple(money(cost.cell(c).total) for c in columns)


def activity_descriptions_table(sub: SubProgram) -> Table | None:
    """PP Tablo 10 / 13: what each activity is for (the dataset's own words)."""
    if not sub.activities:
        return None
    return Table(
        key=f"pp.activity_descriptions.{sub.code}",
        title="Faaliyetlere İlişkin Açıklamalar",
        columns=(Column("Faaliyet", width=2), Column("Açıklama", width=6)),
        rows=tuple(row(text(a.name), text(a.description)) for a in sub.activities),
    )


_BLOCK_LABELS = {
    **ECONOMIC_CODES,
    INTERNAL_TOTAL: "BÜTÇE İÇİ TOPLAM KAYNAK",
    **{s.value: s.label_tr for s in EXTERNAL_SOURCES},
    EXTERNAL_TOTAL: "BÜTÇE DIŞI TOPLAM KAYNAK",
}
_BLOCK_KIND = {INTERNAL_TOTAL: RowKind.SUBTOTAL, EXTERNAL_TOTAL: RowKind.SUBTOTAL}
_ECONOMIC_INDENT = {code: 1 for code in ECONOMIC_CODES} | {s.value: 1 for s in EXTERNAL_SOURCES}


def economic_table(ctx: ReportContext, costs: CostTables) -> Table | None:
    """PP Tablo 14: economic codes and sources × (year × program, total)."""
    columns = plan_columns(costs, ctx.year)
    programs = list(ctx.programs())
    if not columns or not programs:
        return None
    owners = [p.code for p in programs] + [TOTAL]
    blocks = [costs.by_economic_code(o, c) for c in columns for o in owners]
    rows = [
        row(text(label), *(money(b[key]) for b in blocks), kind=_BLOCK_KIND.get(key, RowKind.BODY))
        for key, label in _BLOCK_LABELS.items()
    ]
    rows.append(row(text("GENEL TOPLAM"), *(money(b[TOTAL]) for b in blocks), kind=RowKind.TOTAL))
    names = [p.name for p in programs] + ["TOPLAM"]
    return Table(
        key="pp.economic",
        title="Ekonomik Sınıflandırma Düzeyinde İdare Performans Programı Maliyeti",
        columns=(
            Column("Ekonomik Kod", width=3),
            *(Column(n, Fmt.MONEY) for _c in columns for n in names),
        ),
        header_groups=(
            HeaderGroup("", 1),
            *(HeaderGroup(column_label(c), len(names)) for c in columns),
        ),
        rows=tuple(rows),
        landscape=True,
    )


def activity_economic_table(ctx: ReportContext, costs: CostTables) -> Table | None:
    """PP Tablo 15: one block per activity, economic codes and sources × every cost column."""
    totals = {r.code for r in costs.by_activity}
    columns = costs.columns
    rows: list[Row] = []
    for program, sub in ctx.sub_programs():
        for activity in sub.activities:
            if activity.code not in totals:
                continue
            rows.append(group(activity.name))
            rows.append(note(f"{program.name} / {sub.name} — {activity.description}".rstrip(" —")))
            blocks = [costs.by_economic_code(activity.code, c) for c in columns]
            rows.extend(
                row(
                    text(label),
                    *(money(b[key]) for b in blocks),
                    kind=_BLOCK_KIND.get(key, RowKind.BODY),
                    indent=_ECONOMIC_INDENT.get(key, 0),
                )
                for key, label in _BLOCK_LABELS.items()
            )
            rows.append(
                row(
                    text("FAALİYET MALİYETİ TOPLAMI"),
                    *(money(b[TOTAL]) for b in blocks),
                    kind=RowKind.TOTAL,
                )
            )
    return table_or_none(
        key="pp.activity_economic",
        title="Faaliyet Maliyetleri Tablosu",
        columns=(
            Column("Ekonomik Kod", width=4),
            *(Column(column_label(c), Fmt.MONEY) for c in columns),
        ),
        rows=rows,
        landscape=True,
    )


_LEVEL = {
    "program": (RowKind.SUBTOTAL, 0),
    "sub_program": (RowKind.SUBTOTAL, 1),
    "activity": (RowKind.BODY, 2),
    "total": (RowKind.TOTAL, 0),
}


def program_table(ctx: ReportContext, costs: CostTables) -> Table | None:
    """PP Tablo 16: program / sub-program / activity × (year × internal, external, total)."""
    columns = plan_columns(costs, ctx.year)
    if not columns or len(costs.by_activity) < 2:
        return None

    def cells(cell: CostCell) -> tuple[Cell, ...]:
        return money(cell.internal), money(cell.external), money(cell.total)

    rows = []
    for r in costs.by_activity:
        kind, indent = _LEVEL.get(r.level, (RowKind.BODY, 0))
        rows.append(
            row(
                text(r.name),
                *(x for c in columns for x in cells(r.cell(c))),
                kind=kind,
                indent=indent,
            )
        )
    return Table(
        key="pp.by_program",
        title=f"Faaliyetler Düzeyinde {ctx.admin_name} Performans Programı Maliyeti",
        columns=(
            Column("Program Sınıflandırması", width=4),
            *(
                Column(label, Fmt.MONEY)
                for _c in columns
                for label in ("Bütçe İçi", "Bütçe Dışı", "Toplam")
            ),
        ),
        header_groups=(HeaderGroup("", 1), *(HeaderGroup(column_label(c), 3) for c in columns)),
        rows=tuple(rows),
        landscape=True,
    )


def economic_figure(ctx: ReportContext, costs: CostTables) -> Figure | None:
    """The budget year's cost by economic code, all sources together."""
    column = next((c for c in plan_columns(costs, ctx.year) if c.year == ctx.year), None)
    if column is None:
        return None
    totals = {r.code: r for r in costs.program_economic}
    pairs = [
        (name, totals[f"{TOTAL}/{code}"].cell(column).total)
        for code, name in ECONOMIC_CODES.items()
        if f"{TOTAL}/{code}" in totals and totals[f"{TOTAL}/{code}"].cell(column).total
    ]
    if not pairs:
        return None
    return Figure(
        key="pp.economic",
        title=f"{ctx.year} Yılı Bütçesinin Ekonomik Sınıflandırmaya Göre Dağılımı",
        chart=Chart(
            ChartKind.HBAR,
            tuple(n for n, _ in pairs),
            (Series(column_label(column), tuple(v for _, v in pairs)),),
            value_fmt=Fmt.MONEY,
            axis_label="TL",
        ),
    )
