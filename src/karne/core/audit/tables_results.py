"""Checkers for the results tables: Form-3 / Form-4 (FR), the strategic plan evaluation (FR Tablo
14) and the places where names, units and responsible units are printed again."""

from __future__ import annotations

from decimal import Decimal

from karne.core.audit.compare import same_text, same_text_loosely, status_band
from karne.core.audit.context import Context
from karne.core.audit.findings import Finding, Severity
from karne.core.audit.tables_budget import name_check
from karne.core.decimals import decimal_text, parse_decimal
from karne.core.formatting import format_number, format_percent
from karne.core.indicators import IndicatorKind
from karne.core.periods import QUARTERS
from karne.core.records import PrintedFigure, ValueMeasure

Result = list[Finding] | None

_YEAR_END_WHY = {
    IndicatorKind.FLOW: "yıl bazlı gösterge: çeyreklerin toplamı {}.",
    IndicatorKind.STOCK: "kümülatif gösterge: son raporlanan çeyreğin değeri {}.",
    IndicatorKind.RATIO: "oran göstergesi: yıl için raporlanan değer {}.",
}


def _text_check(ctx: Context, cell: PrintedFigure, expected: str | None, where: str) -> Result:
    if expected is None:
        return None
    if same_text(cell.value, expected):
        return []
    severity = Severity.INFO if same_text_loosely(cell.value, expected) else None
    return [ctx.finding("NAME-VARIANT", cell, expected, f"{where}: “{expected}”.", severity)]


def form(ctx: Context, cell: PrintedFigure) -> Result:
    """FR Form-3 (Tablo 11/12) and Form-4 (Tablo 13)."""
    if cell.column == "objective_text":
        return _objective_text(ctx, cell)
    result = ctx.indicators.get(cell.row)
    indicator = next((i for i in ctx.dataset.pp_indicators if i.code == cell.row), None)
    if result is None or indicator is None:
        return None
    doc = ctx.document(cell.document)
    column = cell.column
    if column == "name":
        return _text_check(ctx, cell, indicator.name, "Performans programındaki adı")
    if column == "unit":
        return _text_check(ctx, cell, indicator.unit, "Performans programındaki ölçü birimi")
    if column == "previous_year":
        return ctx.number_finding(
            cell, parse_decimal(str(doc.year - 1)), "REPEAT", lambda s: f"önceki yıl {s}."
        )
    if column == "previous_value":
        previous = _value(ctx, cell.row, doc.year - 1, ValueMeasure.ACTUAL)
        return ctx.number_finding(
            cell, previous, "REPEAT", lambda s: f"{doc.year - 1} gerçekleşmesi girdisi {s}."
        )
    if column == "target":
        return ctx.number_finding(
            cell, result.target, "REPEAT", lambda s: f"performans programındaki hedef {s}."
        )
    if column in _QUARTER_COLUMNS:
        return _quarter(ctx, cell, doc.year)
    if column == "year_end":
        why = _YEAR_END_WHY[result.kind]
        return ctx.number_finding(cell, result.year_end, "IND-YEAR-END", why.format)
    if column == "rate":
        return ctx.number_finding(
            cell, result.rate, "RATE", lambda s: f"yılsonu değeri / hedef = {s}."
        )
    if column == "status":
        expected = result.status.value if result.status else None
        if expected is None or cell.value == expected:
            return [] if expected is not None else None
        if status_band(cell.value) is result.status:
            return [
                ctx.finding(
                    "IND-STATUS-WORDING", cell, expected, f"İzleme rehberindeki ifade “{expected}”."
                )
            ]
        rate = format_percent(result.rate, ctx.evaluation.policy.rate_places)
        return [
            ctx.finding(
                "IND-STATUS", cell, expected, f"{rate} gerçekleşme oranının durumu “{expected}”."
            )
        ]
    return None


_QUARTER_COLUMNS = dict(zip(("q1", "q2", "q3", "q4"), QUARTERS, strict=True))


def _quarter(ctx: Context, cell: PrintedFigure, year: int) -> Result:
    """A quarter printed in Form-3 again: the unit's input, or the input that corrects it."""
    reported = ctx.realization(cell.row, year, _QUARTER_COLUMNS[cell.column])
    if reported is None:
        return None
    if reported.correction:
        return ctx.number_finding(
            cell,
            reported.value,
            "CORRECTED-INPUT",
            lambda s: f"düzeltilmiş girdi {s}: {reported.correction.rstrip('.')}.",
        )
    return ctx.number_finding(
        cell, reported.value, "REPEAT", lambda s: f"birimin bu çeyrek için girdisi {s}."
    )


def _value(ctx: Context, indicator: str, year: int, measure: ValueMeasure) -> Decimal | None:
    return next(
        (
            v.value
            for v in ctx.dataset.pp_indicator_values
            if v.indicator == indicator and v.year == year and v.measure is measure
        ),
        None,
    )


def _objective_text(ctx: Context, cell: PrintedFigure) -> Result:
    texts = [
        o.text
        for s in ctx.dataset.program_structures
        for p in s.programs
        for sub in p.sub_programs
        if sub.code == cell.row
        for o in sub.objectives
    ]
    if not texts:
        return None
    statements = [
        sub.objective_statement
        for s in ctx.dataset.program_structures
        for p in s.programs
        for sub in p.sub_programs
        if sub.code == cell.row and sub.objective_statement
    ]
    ok = any(same_text(cell.value, t) for t in [*statements, *texts]) or same_text(
        cell.value, " ".join(texts)
    )
    return _variant(
        ctx, cell, ok, "Performans programında bu alt programın hedefleri farklı yazılmış."
    )


def _variant(ctx: Context, cell: PrintedFigure, ok: bool, message: str) -> list[Finding]:
    """A long text that matches none of the ways the inputs say it: no one expected wording."""
    return [] if ok else [ctx.finding("NAME-VARIANT", cell, "", message)]


def sp_evaluation(ctx: Context, cell: PrintedFigure) -> Result:
    """FR Tablo 14: indicator performance (PG…) and objective performance (H…)."""
    if cell.column != "performance":
        return None
    places = ctx.evaluation.policy.sp_places
    indicator = next((s for s in ctx.evaluation.sp_indicators if s.code == cell.row), None)
    if indicator is not None:
        perf = indicator.performance
        a = "0 (boş)" if perf.baseline_assumed_zero else format_number(indicator.baseline, 2)
        return ctx.number_finding(
            cell,
            perf.value,
            "SP-PERFORMANCE",
            lambda s: (
                f"(C−A)/(B−A) = {s} (A = {a}, B = "
                f"{format_number(indicator.target, 2)}, C = {format_number(indicator.actual, 2)}"
                f"{', 100 ile sınırlı' if perf.raw is not None and perf.raw > 100 else ''})."
            ),
        )
    objective = next((o for o in ctx.evaluation.objectives if o.code == cell.row), None)
    if objective is None:
        return None
    if not objective.performance.complete:
        return None  # the weights cannot verify it: SP-WEIGHTS says so once per objective
    del places
    return ctx.number_finding(
        cell,
        objective.performance.value,
        "SP-OBJECTIVE",
        lambda s: f"Σ ağırlık × gösterge performansı / 100 = {s}.",
    )


def indicator_units(ctx: Context, cell: PrintedFigure) -> Result:
    """PP Tablo 18: indicators and the units responsible for monitoring them."""
    indicator = next((i for i in ctx.dataset.pp_indicators if i.code == cell.row), None)
    if indicator is None:
        return None
    if cell.column == "name":
        return _text_check(ctx, cell, indicator.name, "Performans göstergesi tablosundaki adı")
    if cell.column == "responsible_unit":
        return _unit(ctx, cell, indicator.responsible_unit)
    return None


def activity_units(ctx: Context, cell: PrintedFigure) -> Result:
    """PP Tablo 17: activities and their responsible spending units."""
    activity = next(
        (
            a
            for s in ctx.dataset.program_structures
            for p in s.programs
            for sub in p.sub_programs
            for a in sub.activities
            if a.code == cell.row
        ),
        None,
    )
    if activity is None:
        return None
    if cell.column == "responsible_unit":
        return _unit(ctx, cell, activity.responsible_unit)
    if cell.column == "sub_program_name":
        sub = next(
            (
                sub
                for s in ctx.dataset.program_structures
                for p in s.programs
                for sub in p.sub_programs
                if activity in sub.activities
            ),
            None,
        )
        return _text_check(ctx, cell, sub.name if sub else None, "Alt programın adı")
    return None


def _unit(ctx: Context, cell: PrintedFigure, expected: str | None) -> Result:
    if expected is None:
        return None
    if cell.value == expected:
        return []
    name = ctx.names.get(expected, expected)
    return [ctx.finding("REPEAT", cell, name, f"Girdi olarak kayıtlı sorumlu birim {name}.")]


def plan_titles(ctx: Context, cell: PrintedFigure) -> Result:
    """PP Tablo 6 / FR Şekil 5: aim titles and objective short titles."""
    for plan in ctx.dataset.strategic_plans:
        for aim in plan.aims:
            if aim.code == cell.row and cell.column == "title":
                return _text_check(ctx, cell, aim.title, "Stratejik plandaki başlığı")
            for objective in aim.objectives:
                if objective.code == cell.row and cell.column == "short_title":
                    return _text_check(
                        ctx, cell, objective.short_title, "Stratejik plandaki başlığı"
                    )
    return None


def program_info(ctx: Context, cell: PrintedFigure) -> Result:
    """FR Tablo 10: each activity with its sub-program objective and strategic aim."""
    for s in ctx.dataset.program_structures:
        for p in s.programs:
            for sub in p.sub_programs:
                activity = next((a for a in sub.activities if a.code == cell.row), None)
                if activity is None:
                    continue
                served = sub.objectives_served(activity)
                if cell.column == "sub_program_objective":
                    # The activity's own objectives, or (a merged cell) all of the sub-program's.
                    texts = [o.text for o in served]
                    every = [o.text for o in sub.objectives]
                    ok = any(same_text(cell.value, t) for t in texts) or any(
                        same_text(cell.value, "\n".join(t)) for t in (texts, every)
                    )
                    return _variant(
                        ctx, cell, ok, "Performans programındaki alt program hedeflerinden farklı."
                    )
                if cell.column == "sp_aim_statement":
                    aims = {a for o in served for a in o.sp_aims}
                    statements = [
                        aim.statement
                        for plan in ctx.dataset.strategic_plans
                        for aim in plan.aims
                        if aim.code in aims
                    ]
                    ok = any(same_text(cell.value, t) for t in statements)
                    return _variant(
                        ctx, cell, ok, "Stratejik plandaki amaç ifadelerinden farklı yazılmış."
                    )
    return None


def staff_total(ctx: Context, cell: PrintedFigure) -> Result:
    """The staff table's totals by location and by type: the counts the reports print."""
    staff = ctx.staff(cell.document)
    total: Decimal | None
    if cell.row in {"merkez", "tasra"} and cell.column == "total":
        total = staff.location_total(cell.row)
    elif cell.row == "TOPLAM" and cell.column in {"total", "count"}:
        total = staff.total
    elif cell.row == "TOPLAM":
        total = staff.type_total(cell.column)
    else:
        return None
    if total is None:
        return None
    return ctx.number_finding(cell, total, "TOTAL", lambda s: f"tablonun kalemlerinin toplamı {s}.")


def resources_total(ctx: Context, cell: PrintedFigure) -> Result:
    """The total of an IT, gender or education table: every item that is not an area."""
    if cell.row != "TOPLAM" or cell.column not in {"total", "count"}:
        return None
    parts = [
        r.value
        for r in ctx.dataset.resources
        if r.document == cell.document and r.table == cell.table and r.unit != "m2"
    ]
    if not parts:
        return None
    total = sum(parts, parse_decimal("0"))
    return ctx.number_finding(cell, total, "TOTAL", lambda s: f"tablonun kalemlerinin toplamı {s}.")


def physical_item(ctx: Context, cell: PrintedFigure) -> Result:
    """A row of the physical-resources table (a room count, an area) against the dataset's
    resource of that name: the printed table and the input must say the same."""
    found = [
        r
        for r in ctx.dataset.resources
        if r.document == cell.document and r.table == cell.table and same_text(r.item, cell.row)
    ]
    if len(found) != 1:
        return None
    item = found[0]
    return ctx.number_finding(
        cell, item.value, "REPEAT", lambda s: f"fiziki kaynak girdisindeki {item.item}: {s}."
    )


__all__ = [
    "activity_units",
    "decimal_text",
    "form",
    "indicator_units",
    "name_check",
    "physical_item",
    "plan_titles",
    "program_info",
    "resources_total",
    "sp_evaluation",
    "staff_total",
]
