"""The Activity Report's financial tables (FR Tablo 3–9) and charts, from `core.budget_tables`.

Rows, totals and rates are the core's; this module only chooses columns, labels and order.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from karne.core.budget import BudgetSource, ExecutionLine
from karne.core.budget_tables import (
    BudgetTables,
    EconomicRow,
    HierarchyRow,
    budget_tables,
    rounding_differences,
)
from karne.core.formatting import format_money, format_percent
from karne.core.report_content.cells import money, note, percent, row, text
from karne.core.report_content.context import ReportContext
from karne.core.report_content.model import (
    Cell,
    Chart,
    ChartKind,
    Column,
    Figure,
    Fmt,
    Paragraph,
    Row,
    RowKind,
    Series,
    Table,
)

_CODE = Column("Ekonomik Kod")
_NAME = Column("Açıklama", width=4)
_INDENT = {"program": 0, "sub_program": 1, "activity": 2, "unit": 0, "total": 0}
_KIND = {"program": RowKind.SUBTOTAL, "sub_program": RowKind.SUBTOTAL, "total": RowKind.TOTAL}


def _rate_places(ctx: ReportContext) -> int:
    return ctx.evaluation.policy.budget_rate_places


def comparison_table(ctx: ReportContext, tables: BudgetTables, *, to_next: bool) -> Table | None:
    """Tablo 3 (previous year → this year) and Tablo 9 (this year → next year)."""

    def cells(r: EconomicRow) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
        if to_next:
            return r.kbo, r.next_kbo, r.increase_to_next
        return r.previous_kbo, r.kbo, r.increase_from_previous

    first, second, _rate = cells(tables.economic_total)
    if first is None or second is None:
        return None
    places = _rate_places(ctx)
    rows: list[Row] = []
    for r in (*tables.economic, tables.economic_total):
        a, b, rate = cells(r)
        if a is None and b is None:
            continue
        total = r is tables.economic_total
        rows.append(
            row(
                text("" if total else r.code),
                text("Toplam" if total else r.name),
                money(a, 2),
                money(b, 2),
                percent(rate, places),
                kind=RowKind.TOTAL if total else RowKind.BODY,
            )
        )
    y0, y1 = (ctx.year, ctx.year + 1) if to_next else (ctx.year - 1, ctx.year)
    return Table(
        key="fr.kbo_to_next" if to_next else "fr.kbo_from_previous",
        title=f"{y0}-{y1} Mali Yılları Bütçe Ödenekleri Karşılaştırması",
        columns=(
            _CODE,
            _NAME,
            Column(f"{y0} KBÖ", Fmt.MONEY, 2),
            Column(f"{y1} KBÖ", Fmt.MONEY, 2),
            Column("Artış (%)", Fmt.PERCENT),
        ),
        rows=tuple(rows),
    )


def distribution_table(
    ctx: ReportContext, tables: BudgetTables, *, next_year: bool
) -> Table | None:
    """Tablo 4 (this year's KBÖ by economic code) and Tablo 8 (next year's)."""
    year = ctx.year + 1 if next_year else ctx.year

    def pick(r: EconomicRow) -> Decimal | None:
        return r.next_kbo if next_year else r.kbo

    if pick(tables.economic_total) is None:
        return None
    rows = [
        row(text(r.code), text(r.name), money(pick(r), 2))
        for r in tables.economic
        if pick(r) is not None
    ]
    rows.append(
        row(text(""), text("Toplam"), money(pick(tables.economic_total), 2), kind=RowKind.TOTAL)
    )
    title = (
        f"{year} Mali Yılı Bütçe Ödenekleri"
        if next_year
        else f"{year} Mali Yılı Bütçesinin Ekonomik Sınıflandırma Bazında Ödenek Dağılımı"
    )
    return Table(
        key="fr.kbo_next_year" if next_year else "fr.kbo_by_economic_code",
        title=title,
        columns=(_CODE, _NAME, Column(f"{year} KBÖ", Fmt.MONEY, 2)),
        rows=tuple(rows),
    )


def _execution_cells(line: ExecutionLine, places: int) -> tuple[Cell, ...]:
    return (
        money(line.kbo, 2),
        money(line.added, 2),
        money(line.deducted, 2),
        money(line.total_appropriation, 2),
        money(line.spent, 2),
        money(line.remaining, 2),
        percent(line.realization_rate, places),
    )


_EXECUTION_COLUMNS = (
    Column("KBÖ", Fmt.MONEY, 2),
    Column("Eklenen Ödenek", Fmt.MONEY, 2),
    Column("Düşülen Ödenek", Fmt.MONEY, 2),
    Column("Toplam Ödenek", Fmt.MONEY, 2),
    Column("Harcama", Fmt.MONEY, 2),
    Column("Kalan", Fmt.MONEY, 2),
    Column("Gerçekleşme (%)", Fmt.PERCENT),
)


def execution_table(ctx: ReportContext, tables: BudgetTables) -> Table | None:
    """Tablo 5: KBÖ, added, deducted, total, spent, remaining and rate by economic code."""
    total = tables.economic_total.execution
    if total is None:
        return None
    places = _rate_places(ctx)
    rows = [
        row(text(r.code), text(r.name), *_execution_cells(r.execution, places))
        for r in tables.economic
        if r.execution is not None
    ]
    rows.append(row(text(""), text("Toplam"), *_execution_cells(total, places), kind=RowKind.TOTAL))
    return Table(
        key="fr.execution",
        title=f"{ctx.year} Yılı Bütçe Gerçekleşme Durumu",
        columns=(_CODE, _NAME, *_EXECUTION_COLUMNS),
        rows=tuple(rows),
        landscape=True,
    )


def source_table(ctx: ReportContext, tables: BudgetTables) -> Table | None:
    """Execution by budget source, shown only when more than the general budget is involved."""
    if all(source is BudgetSource.BUTCE_ICI for source, _, _ in tables.by_source):
        return None
    places = _rate_places(ctx)
    rows: list[Row] = []
    for source, line, kbo in tables.by_source:
        if line is None:
            rows.append(row(text(source.label_tr), money(kbo, 2), *(money(None) for _ in range(6))))
        else:
            rows.append(row(text(source.label_tr), *_execution_cells(line, places)))
    total = tables.economic_total.execution
    if total is not None:
        rows.append(row(text("Toplam"), *_execution_cells(total, places), kind=RowKind.TOTAL))
    return Table(
        key="fr.execution_by_source",
        title=f"{ctx.year} Yılı Bütçe Gerçekleşmesinin Kaynaklara Göre Dağılımı",
        columns=(Column("Kaynak", width=3), *_EXECUTION_COLUMNS),
        rows=tuple(rows),
        landscape=True,
    )


_ROUNDED_LABELS = {
    "kbo": "ödenek",
    "total_appropriation": "yılsonu toplam ödenek",
    "spent": "gerçekleşme",
}


def _rounding_note(lines: tuple[HierarchyRow, ...], exact: ExecutionLine | None) -> Row | None:
    """A note under Tablo 6/7 where their total, the sum of whole-lira rows, differs from the
    economic table's exact total by rounding (`budget_tables.rounding_differences`)."""
    differing = [
        f"satırların {_ROUNDED_LABELS[d.measure]} toplamı {format_money(d.shown, 0)} TL, "
        "ekonomik sınıflandırmaya göre bütçe gerçekleşme tablosundaki kuruşlu toplam "
        f"{format_money(d.exact)} TL"
        for d in rounding_differences(lines, exact)
    ]
    if not differing:
        return None
    return note(
        "Tutarlar tam liraya yuvarlanmıştır: "
        + "; ".join(differing)
        + ". Aradaki fark yuvarlamadan kaynaklanmaktadır."
    )


def hierarchy_table(ctx: ReportContext, tables: BudgetTables, *, by_unit: bool) -> Table | None:
    """Tablo 6 (program / sub-program / activity) and Tablo 7 (spending unit)."""
    lines = tables.by_unit if by_unit else tables.by_activity
    if not lines:
        return None
    places = _rate_places(ctx)
    rows = tuple(
        row(
            text(r.name),
            money(r.line.kbo),
            money(r.line.total_appropriation),
            money(r.line.spent),
            percent(r.line.spent_to_kbo_rate, places),
            percent(r.line.realization_rate, places),
            kind=_KIND.get(r.level, RowKind.BODY),
            indent=_INDENT.get(r.level, 0),
        )
        for r in lines
    )
    note = _rounding_note(lines, tables.economic_total.execution)
    if note:
        rows = (*rows, note)
    head = "Kurumsal Sınıflandırma" if by_unit else "Program Sınıflandırması"
    return Table(
        key="fr.by_unit" if by_unit else "fr.by_activity",
        title=(
            "Birim Düzeyinde Ödenek ve Harcama Verileri"
            if by_unit
            else "Faaliyet Düzeyinde Ödenek ve Harcama Verileri"
        ),
        columns=(
            Column(head, width=4),
            Column("Ödenek (TL)", Fmt.MONEY),
            Column("Yılsonu Toplam Ödenek (TL)", Fmt.MONEY),
            Column("Gerçekleşme (TL)", Fmt.MONEY),
            Column("Gerçekleşme/Ödenek (%)", Fmt.PERCENT),
            Column("Gerçekleşme/Toplam Ödenek (%)", Fmt.PERCENT),
        ),
        rows=rows,
    )


def spending_rate_figure(ctx: ReportContext) -> Figure | None:
    """Şekil 7: the realization rate of every year up to this one that has execution data; no
    chart when only one year has it (one bar says nothing "over the years")."""
    years = sorted(
        {b.year for b in ctx.dataset.budget_economic if b.spent is not None and b.year <= ctx.year}
    )
    pairs: list[tuple[str, Decimal | None]] = []
    for year in years:
        tables = ctx.evaluation.budget if year == ctx.year else budget_tables(ctx.dataset, year)
        line = tables.economic_total.execution
        if line is not None:
            pairs.append((str(year), line.realization_rate))
    if len(pairs) < 2:
        return None
    return Figure(
        key="fr.spending_rate",
        title="Yıllar İtibarıyla Bütçe Harcama Oranları",
        chart=Chart(
            ChartKind.BAR,
            tuple(y for y, _ in pairs),
            (Series("Harcama oranı", tuple(v for _, v in pairs)),),
            value_fmt=Fmt.PERCENT,
            places=_rate_places(ctx),
            axis_label="Harcama / toplam ödenek (%)",
        ),
    )


def economic_figure(ctx: ReportContext, tables: BudgetTables) -> Figure | None:
    """Appropriation and spending by economic code: where the money went."""
    rows = [r for r in tables.economic if r.execution is not None]
    if not rows:
        return None
    pick: tuple[tuple[str, Callable[[ExecutionLine], Decimal]], ...] = (
        ("Toplam Ödenek", lambda line: line.total_appropriation),
        ("Harcama", lambda line: line.spent),
    )
    return Figure(
        key="fr.economic",
        title=f"{ctx.year} Yılı Ekonomik Sınıflandırmaya Göre Ödenek ve Harcama",
        chart=Chart(
            ChartKind.HBAR,
            tuple(r.name for r in rows),
            tuple(
                Series(label, tuple(f(r.execution) for r in rows if r.execution is not None))
                for label, f in pick
            ),
            value_fmt=Fmt.MONEY,
            axis_label="TL",
        ),
    )


def budget_summary(ctx: ReportContext, tables: BudgetTables) -> Paragraph | None:
    """The budget figures of the text, computed from the same lines as Tablo 5."""
    line = tables.economic_total.execution
    if line is None:
        return None
    places = _rate_places(ctx)
    return Paragraph(
        f"{ctx.year} yılı bütçe kanunuyla tahsis edilen başlangıç ödeneği (KBÖ) "
        f"{format_money(line.kbo)} TL; yıl içindeki eklemeler ({format_money(line.added)} TL) "
        f"ve düşmelerle ({format_money(line.deducted)} TL) toplam ödenek "
        f"{format_money(line.total_appropriation)} TL olmuş, harcama "
        f"{format_money(line.spent)} TL olarak gerçekleşmiştir. Bütçe gerçekleşme oranı "
        f"{format_percent(line.realization_rate, places)} olmuştur."
    )
