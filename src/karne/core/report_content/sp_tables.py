"""FR Tablo 14: the strategic plan's evaluation, objective by objective, from `evaluate()`.

An objective whose indicators' weights do not reach 100, or one of whose indicators has no
performance, prints no performance ("-") and says which weights are missing, instead of a
figure over part of the objective that reads as the whole (docs/computation.md). Each
indicator's row is followed by its evaluations (İlgililik, Etkililik, Etkinlik,
Sürdürülebilirlik) as note rows, those the data has.
"""

from __future__ import annotations

from karne.core.evaluation import Evaluation
from karne.core.formatting import format_number, format_percent
from karne.core.records import SPIndicator
from karne.core.report_content.cells import (
    group,
    is_money_unit,
    money,
    note,
    number,
    percent,
    row,
    shared_places,
    text,
)
from karne.core.report_content.context import ReportContext
from karne.core.report_content.model import Column, Fmt, Row, Table, table_or_none
from karne.core.strategic import ObjectivePerformance


def _missing(ev: Evaluation, objective: str, perf: ObjectivePerformance) -> str:
    """Why an objective prints no performance, in the document's words: the weights its
    indicators have and lack."""
    weight = format_number(perf.weight_total)
    unmeasured = [
        f"{r.code} (%{format_number(r.weight)})"
        for r in ev.sp_indicators
        if r.objective == objective and r.performance.value is None
    ]
    parts = []
    if perf.weight_total < 100:
        rest = format_number(100 - perf.weight_total)
        parts.append(
            f"bu tablodaki göstergelerin ağırlıkları toplamı %{weight}, kalan %{rest} ağırlığın "
            "göstergeleri bu tabloda yer almamaktadır"
        )
    elif perf.weight_total > 100:
        parts.append(f"göstergelerin ağırlıkları toplamı %{weight} ile %100'ü aşmaktadır")
    if unmeasured:
        parts.append("ölçülemeyen göstergeler: " + ", ".join(unmeasured))
    return f"Hedef performansı hesaplanmamıştır: {'; '.join(parts)}." if parts else ""


EVALUATIONS_HEADING = "Performans Göstergelerine İlişkin Değerlendirmeler"


def evaluation_rows(indicator: SPIndicator | None) -> list[Row]:
    """The heading and one labelled note per evaluation the indicator has, in the printed
    order; nothing for an indicator without any."""
    if indicator is None:
        return []
    evaluations = (
        ("İlgililik", indicator.relevance),
        ("Etkililik", indicator.effectiveness),
        ("Etkinlik", indicator.efficiency),
        ("Sürdürülebilirlik", indicator.sustainability),
    )
    lines = [f"{label}: {value.strip()}" for label, value in evaluations if value.strip()]
    return [note(EVALUATIONS_HEADING), *(note(line) for line in lines)] if lines else []


def sp_table(ctx: ReportContext) -> Table | None:
    ev = ctx.evaluation
    places = ev.policy.sp_places
    objectives = {o.code: o for o in ev.objectives}
    by_objective: dict[str, list[int]] = {}
    for index, result in enumerate(ev.sp_indicators):
        by_objective.setdefault(result.objective, []).append(index)
    units = {u.code: u.name for u in ctx.dataset.units}
    sp_records = {i.code: i for i in ctx.dataset.sp_indicators}
    rows: list[Row] = []
    for plan in ctx.dataset.strategic_plans:
        if not plan.start_year <= ctx.year <= plan.end_year:
            continue
        for aim in plan.aims:
            for objective in aim.objectives:
                found = objectives.get(objective.code)
                if found is None:
                    continue
                perf = found.performance
                shown = format_percent(perf.value, places) if perf.complete else "-"
                footnote = "" if perf.complete else _missing(ev, objective.code, perf)
                statement = objective.statement or objective.short_title
                rows.append(
                    group(
                        f"{aim.code} / {objective.code} {statement}"
                        f" — {objective.code} Performansı: {shown}"
                    )
                )
                if footnote:  # why "-": under the heading, as the table's own note
                    rows.append(note(footnote))
                for index in by_objective.get(objective.code, []):
                    sp = ev.sp_indicators[index]
                    record = sp_records.get(sp.code)
                    figures = (sp.baseline, sp.target, sp.actual)
                    if is_money_unit(record.unit if record else None):  # TL: always with kuruş
                        values = tuple(money(v, 2) for v in figures)
                    else:  # one precision for the row's A, B and C
                        shared = shared_places(*figures)
                        values = tuple(number(v, shared) for v in figures)
                    rows.append(
                        row(
                            text(f"{sp.code}: {sp.name}"),
                            percent(sp.weight, 0),
                            *values,
                            percent(sp.performance.value, places),
                        )
                    )
                    rows.extend(evaluation_rows(record))
                details = [
                    (
                        "Sorumlu Birim",
                        ", ".join(units.get(u, u) for u in objective.responsible_units),
                    ),
                    ("Hedefe İlişkin Sapmanın Nedeni", objective.deviation_reason),
                    ("Hedefe İlişkin Alınacak Önlemler", objective.measures),
                ]
                lines = [f"{label}: {value}" for label, value in details if value]
                if lines:
                    rows.append(note(" ".join(lines)))
    return table_or_none(
        key="fr.strategic_plan",
        title="Stratejik Plan Değerlendirme Tabloları",
        columns=(
            Column("Performans Göstergesi", width=6),
            Column("Hedefe Etkisi (%)", Fmt.PERCENT),
            Column("Plan Dönemi Başlangıç Değeri (A)", Fmt.NUMBER, 2),
            Column("İzleme Dönemindeki Hedeflenen Değer (B)", Fmt.NUMBER, 2),
            Column("İzleme Dönemindeki Gerçekleşme Değeri (C)", Fmt.NUMBER, 2),
            Column("Performans (%) (C-A)/(B-A)", Fmt.PERCENT),
        ),
        rows=rows,
    )
