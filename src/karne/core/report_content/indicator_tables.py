"""Indicator tables: PP Tablo 8/11 (targets and forecasts), FR Form-3 (Tablo 11/12), Form-4
(Tablo 13) and the quarterly charts; year-ends, rates and statuses are `evaluate()`'s."""

from __future__ import annotations

from karne.core.evaluation import IndicatorResult
from karne.core.indicators import IndicatorKind
from karne.core.periods import QUARTERS
from karne.core.records import PPIndicator, SubProgram, ValueMeasure
from karne.core.report_content.cells import note, number, percent, places_of, row, text
from karne.core.report_content.context import ReportContext
from karne.core.report_content.model import (
    Chart,
    ChartKind,
    Column,
    Figure,
    Fmt,
    HeaderGroup,
    Paragraph,
    Row,
    Series,
    Table,
    table_or_none,
)
from karne.core.textcase import tr_upper

_MEASURE_ORDER = {
    ValueMeasure.ACTUAL: 0,
    ValueMeasure.PLANNED: 1,
    ValueMeasure.ESTIMATE: 2,
    ValueMeasure.TARGET: 3,
    ValueMeasure.FORECAST: 4,
}
_MEASURE_LABEL = {
    ValueMeasure.ACTUAL: "",
    ValueMeasure.PLANNED: " Planlanan",
    ValueMeasure.ESTIMATE: " YS Gerç. Tahmini",
    ValueMeasure.TARGET: " Hedef",
    ValueMeasure.FORECAST: " Tahmin",
}


def _indicators(ctx: ReportContext, sub: SubProgram) -> list[PPIndicator]:
    return sorted(
        (i for i in ctx.dataset.pp_indicators if i.year == ctx.year and i.sub_program == sub.code),
        key=lambda i: i.sort,
    )


def pp_indicator_table(ctx: ReportContext, sub: SubProgram) -> Table | None:
    """PP Tablo 8 / 11: each indicator's past, planned, target and forecast values."""
    indicators = _indicators(ctx, sub)
    if not indicators:
        return None
    codes = {i.code for i in indicators}
    values = {
        (v.indicator, v.year, v.measure): v.value
        for v in ctx.dataset.pp_indicator_values
        if v.indicator in codes and v.source == ctx.document.code
    }
    if not values:  # a dataset whose values carry no document code: take them all
        values = {
            (v.indicator, v.year, v.measure): v.value
            for v in ctx.dataset.pp_indicator_values
            if v.indicator in codes and v.year <= ctx.year + 2
        }
    keys = sorted({(y, m) for _c, y, m in values}, key=lambda k: (k[0], _MEASURE_ORDER[k[1]]))
    rows: list[Row] = []
    for position, indicator in enumerate(indicators, start=1):
        rows.append(
            row(
                text(f"{position}- {indicator.name}"),
                text(indicator.unit),
                *(number(values.get((indicator.code, y, m))) for y, m in keys),
            )
        )
        details = [
            ("Göstergeye İlişkin Açıklama", indicator.description),
            ("Hesaplama Yöntemi", indicator.calculation_method),
            ("Verinin Kaynağı", tr_upper(ctx.unit_name(indicator.data_source))),
            ("Sorumlu İdare", indicator.responsible_administration),
        ]
        rows.append(note(" ".join(f"{label}: {value}" for label, value in details if value)))
    return Table(
        key=f"pp.indicators.{sub.code}",
        title="Performans Göstergeleri",
        columns=(
            Column("Performans Göstergesi", width=5),
            Column("Ölçü Birimi"),
            *(Column(f"{y}{_MEASURE_LABEL[m]}", Fmt.NUMBER) for y, m in keys),
        ),
        rows=tuple(rows),
    )


def _results(ctx: ReportContext, sub: SubProgram) -> list[IndicatorResult]:
    order = {i.code: i.sort for i in ctx.dataset.pp_indicators}
    return sorted(
        (r for r in ctx.evaluation.indicators if r.sub_program == sub.code),
        key=lambda r: order.get(r.code, 0),
    )


def year_end_places(result: IndicatorResult, rate_places: int) -> int:
    """A computed ratio is shown like a rate; an input keeps its own decimals (at most two)."""
    if result.year_end_method.value == "numerator_over_denominator":
        return rate_places
    return places_of(result.year_end)


def form3_table(ctx: ReportContext, sub: SubProgram) -> Table | None:
    """FR Tablo 11 / 12: the quarterly monitoring form of one sub-program."""
    results = _results(ctx, sub)
    if not results:
        return None
    previous = {
        v.indicator: v.value
        for v in ctx.dataset.pp_indicator_values
        if v.year == ctx.year - 1 and v.measure is ValueMeasure.ACTUAL
    }
    places = ctx.evaluation.policy.rate_places
    rows = []
    for position, r in enumerate(results, start=1):
        quarters = dict(r.periods)
        rows.append(
            row(
                text(str(position)),
                text(r.name),
                text(r.unit),
                text(str(ctx.year - 1) if r.code in previous else ""),
                number(previous.get(r.code)),
                number(r.target),
                *(number(quarters.get(q)) for q in QUARTERS),
                number(r.year_end, year_end_places(r, places)),
                percent(r.rate, places),
                text(r.status.value if r.status else "-"),
            )
        )
    return Table(
        key=f"fr.form3.{sub.code}",
        title="Performans Göstergesi Gerçekleşmeleri İzleme Formu (3 Aylık/Form-3)",
        columns=(
            Column("Sıra"),
            Column("Gösterge Adı", width=5),
            Column("Ölçü Birimi"),
            Column("Yılı"),
            Column("Değeri", Fmt.NUMBER, 2),
            Column("Hedeflenen Gösterge Değeri", Fmt.NUMBER, 2),
            *(Column(q.label_tr, Fmt.NUMBER, 2) for q in QUARTERS),
            Column("Yılsonu Değeri", Fmt.NUMBER, 2),
            Column("Gerçekleşme Oranı (%)", Fmt.PERCENT, 2),
            Column("Gerçekleşme Durumu", width=3),
        ),
        header_groups=(
            HeaderGroup("", 3),
            HeaderGroup("Önceki Dönem Gerçekleşmesi", 2),
            HeaderGroup("", 1),
            HeaderGroup("Gerçekleşme", 7),
        ),
        rows=tuple(rows),
        landscape=True,
    )


def evaluation_paragraphs(ctx: ReportContext, sub: SubProgram) -> tuple[Paragraph, ...]:
    """The units' explanations of the year ("Değerlendirme"), indicator by indicator."""
    notes: dict[str, list[str]] = {}
    for r in ctx.dataset.realizations:
        if r.year == ctx.year and r.explanation:
            notes.setdefault(r.indicator, []).append(r.explanation)
    out = []
    for result in _results(ctx, sub):
        if result.code in notes:
            out.append(Paragraph(f"{result.name}: " + " ".join(notes[result.code])))
    return tuple(out)


def sub_program_objective(sub: SubProgram) -> str:
    """The sub-program's objective as Form-3 and Form-4 print it: its own statement, else
    its objectives' texts."""
    return sub.objective_statement or "; ".join(o.text for o in sub.objectives if o.text)


def form4_table(ctx: ReportContext) -> Table | None:
    """FR Tablo 13: target, year-end value and status of every indicator, under its programme,
    sub-programme and the sub-programme's objective — the form's first three columns, written
    on a sub-programme's first row and left empty below it, as the form merges them."""
    places = ctx.evaluation.policy.rate_places
    rows: list[Row] = []
    for program, sub in ctx.sub_programs():
        results = _results(ctx, sub)
        for index, r in enumerate(results):
            first = index == 0
            rows.append(
                row(
                    text(program.name if first else ""),
                    text(sub.name if first else ""),
                    text(sub_program_objective(sub) if first else ""),
                    text(r.name),
                    number(r.target),
                    number(r.year_end, year_end_places(r, places)),
                    text(r.status.value if r.status else "-"),
                )
            )
    return table_or_none(
        key="fr.form4",
        title="Performans Göstergesi Sonuçları Formu (Form-4)",
        columns=(
            Column("Program", width=2, merge=True),
            Column("Alt Program", width=2, merge=True),
            Column("Alt Program Hedefi", width=5, merge=True),
            Column("Performans Göstergesi", width=5),
            Column("Hedeflenen Gösterge Değeri", Fmt.NUMBER, 2),
            Column("Yılsonu Gerçekleşme Değeri", Fmt.NUMBER, 2),
            Column("Gerçekleşme Durumu", width=3),
        ),
        rows=rows,
        landscape=True,
    )


def figures_for(ctx: ReportContext, sub: SubProgram) -> tuple[Figure, ...]:
    """One small chart per indicator: its quarters against the year's target."""
    figures = []
    for r in _results(ctx, sub):
        quarters = dict(r.periods)
        values = tuple(quarters.get(q) for q in QUARTERS)
        if all(v is None for v in values):
            continue
        places = max((places_of(v) for v in values if v is not None), default=0)
        figures.append(
            Figure(
                key=f"indicator.{r.code}",
                title=f"{r.name}: Üç Aylık Gerçekleşmeler ve Hedef",
                chart=Chart(
                    ChartKind.QUARTERS,
                    tuple(q.label_tr for q in QUARTERS),
                    (Series("Üç aylık değer", values),),
                    places=places,
                    axis_label=r.unit,
                    target=r.target,
                    cumulative=r.kind is IndicatorKind.FLOW,
                ),
                small=True,
            )
        )
    return tuple(figures)
