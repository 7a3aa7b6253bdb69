"""Figures stated in running text, checked against the tables they talk about."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from karne.core.audit.compare import places_of, printed_number
from karne.core.audit.context import Context
from karne.core.audit.findings import Finding
from karne.core.audit.labels import metric_label
from karne.core.budget import increase_rate
from karne.core.decimals import half_unit_tolerance
from karne.core.formatting import format_number
from karne.core.periods import PeriodCode
from karne.core.records import Claim, PrintedFigure, ValueMeasure

_QUARTERS = {"q1": PeriodCode.Q1, "q2": PeriodCode.Q2, "q3": PeriodCode.Q3, "q4": PeriodCode.Q4}


def _as_cell(claim: Claim) -> PrintedFigure:
    """A claim seen as a printed figure, so findings name its place the same way."""
    return PrintedFigure(
        claim.document, claim.section, claim.claim, claim.metric, claim.value, claim.as_printed
    )


def _relabel(ctx: Context, findings: list[Finding]) -> list[Finding]:
    return [
        replace(f, row_label=f.row, column_label=metric_label(f.column, ctx.names))
        for f in findings
    ]


def check_claims(ctx: Context) -> tuple[list[Finding], int, int]:
    findings: list[Finding] = []
    checked = unchecked = 0
    documents = {d.code for d in ctx.dataset.documents if d.year == ctx.year}
    by_metric = {(c.document, c.metric): c for c in ctx.dataset.claims}
    for claim in ctx.dataset.claims:
        if claim.document not in documents:
            continue
        result = _check(ctx, claim, by_metric)
        if result is None:
            unchecked += 1
        else:
            checked += 1
            findings.extend(_relabel(ctx, result))
    return findings, checked, unchecked


def _check(
    ctx: Context, claim: Claim, by_metric: dict[tuple[str, str], Claim]
) -> list[Finding] | None:
    parts = claim.metric.split(".")
    cell = _as_cell(claim)
    head = parts[0]
    if head == "indicator" and len(parts) == 3:
        return _indicator(ctx, cell, parts[1], parts[2])
    if head == "objective" and parts[-1] == "performance":
        return _objective(ctx, cell, ".".join(parts[1:-1]))
    if head == "budget" and len(parts) >= 3 and parts[1].isdigit():
        return _budget(ctx, cell, int(parts[1]), parts[2:])
    if head == "staff" and len(parts) == 3:
        return _staff(ctx, cell, parts[1], parts[2])
    if head == "physical" and len(parts) == 3 and parts[2] == "total_m2":
        main = by_metric.get((claim.document, f"physical.{parts[1]}.main_building_m2"))
        annex = by_metric.get((claim.document, f"physical.{parts[1]}.annex_building_m2"))
        if main is None or annex is None:
            return None
        total = Decimal(main.value) + Decimal(annex.value)
        # Only the printed parts are known: a total within half a unit per part of their sum
        # is what rounding the unrounded areas gives (100,4 + 40,4 = 140,8 → 100 + 40, 141).
        places = min(places_of(main.value), places_of(annex.value))
        claimed = printed_number(claim.value)
        if claimed is not None and 0 < abs(claimed - total) <= half_unit_tolerance(places, 2):
            shown = format_number(total, places_of(claim.value))
            return [
                ctx.finding(
                    "ROUNDING-SUM",
                    cell,
                    shown,
                    f"metindeki ana bina ({main.as_printed}) ve ek bina ({annex.as_printed}) "
                    f"alanlarının toplamı {shown}; fark kalem başına en çok yarım birim: "
                    "yuvarlama, hata değil.",
                )
            ]
        return ctx.number_finding(
            cell,
            total,
            "CLAIM-ARITHMETIC",
            lambda s: (
                f"metindeki ana bina ({main.as_printed}) ve ek bina ({annex.as_printed}) "
                f"alanlarının toplamı {s}."
            ),
        )
    if head == "sp_indicator" and len(parts) >= 3 and parts[-1] in _SP_MEASURES:
        return _sp_indicator(ctx, cell, ".".join(parts[1:-1]), parts[-1])  # "PG2.2.2": dots
    return None


_SP_MEASURES = {"target": "hedef (B)", "actual": "gerçekleşme (C)", "performance": "performans"}


def _sp_indicator(
    ctx: Context, cell: PrintedFigure, code: str, measure: str
) -> list[Finding] | None:
    """A strategic-plan indicator's B, C or performance as the year's evaluation has it."""
    found = next((r for r in ctx.evaluation.sp_indicators if r.code == code), None)
    if found is None:
        return None
    value = {
        "target": found.target,
        "actual": found.actual,
        "performance": found.performance.value,
    }[measure]
    label = _SP_MEASURES[measure]
    return ctx.number_finding(
        cell, value, "CLAIM", lambda s: f"stratejik plan değerlendirmesindeki {label} {s}."
    )


def _indicator(ctx: Context, cell: PrintedFigure, code: str, measure: str) -> list[Finding] | None:
    result = ctx.indicators.get(code)
    if result is None:
        return None
    computed: Decimal | None
    if measure == "year_end":
        computed, why = result.year_end, "tablolardan hesaplanan yılsonu değeri {}."
    elif measure == "rate":
        computed, why = result.rate, "tablolardan hesaplanan gerçekleşme oranı {}."
    elif measure == "target":
        computed, why = result.target, "performans programındaki hedef {}."
    elif measure in _QUARTERS:
        computed = dict(result.periods).get(_QUARTERS[measure])
        why = f"Form-3'teki {measure[1]}. çeyrek değeri {{}}."
    elif measure in {"previous_value", "change_from_previous"}:
        previous = next(
            (
                v.value
                for v in ctx.dataset.pp_indicator_values
                if v.indicator == code
                and v.year == ctx.year - 1
                and v.measure is ValueMeasure.ACTUAL
            ),
            None,
        )
        if measure == "previous_value":
            computed, why = previous, "önceki yılın gerçekleşmesi {}."
        else:
            computed = (
                None
                if previous is None or result.year_end is None
                else increase_rate(previous, result.year_end)
            )
            why = "önceki yıla göre değişim {}."
    else:
        return None
    return ctx.number_finding(cell, computed, "CLAIM", why.format)


def _objective(ctx: Context, cell: PrintedFigure, code: str) -> list[Finding] | None:
    objective = next((o for o in ctx.evaluation.objectives if o.code == code), None)
    if objective is not None and objective.performance.complete:
        return ctx.number_finding(
            cell,
            objective.performance.value,
            "CLAIM",
            lambda s: f"göstergelerden hesaplanan hedef performansı {s}.",
        )
    table = next(
        (
            p
            for p in ctx.dataset.printed
            if p.document == cell.document and p.row == code and p.column == "performance"
        ),
        None,
    )
    if table is None:
        return None
    return ctx.number_finding(
        cell,
        Decimal(table.value),
        "CLAIM-TABLE",
        lambda s: f"{table.table}'te basılan hedef performansı {s}.",
    )


def _budget(ctx: Context, cell: PrintedFigure, year: int, rest: list[str]) -> list[Finding] | None:
    tables = ctx.budget(year)
    total = tables.economic_total
    if rest[0] == "total" and len(rest) == 2:
        measure = rest[1]
        if measure == "kbo":
            return ctx.number_finding(cell, total.kbo, "CLAIM", lambda s: f"KBÖ toplamı {s}.")
        line = total.execution
        if line is None:
            return None
        value = getattr(line, measure, None)
        if not isinstance(value, Decimal):
            return None
        return ctx.number_finding(cell, value, "CLAIM", lambda s: f"bütçe tablosundan {s}.")
    if rest[0] == "kbo" and len(rest) == 2 and rest[1] in {"current", "investment"}:
        investment = rest[1] == "investment"
        value = tables.kbo_split(investment=investment)
        label = "sermaye giderleri + sermaye transferleri" if investment else "cari kodlar (01–05)"
        return ctx.number_finding(cell, value, "CLAIM", lambda s: f"KBÖ'de {label}: {s}.")
    if rest == ["carried_over"] and tables.carried_over is not None:
        return ctx.number_finding(
            cell,
            tables.carried_over,
            "CLAIM",
            lambda s: f"önceki yıllardan devreden ödenek (budget_carryover.csv): {s}.",
        )
    return None


def _staff(ctx: Context, cell: PrintedFigure, document: str, kind: str) -> list[Finding] | None:
    staff = ctx.staff(document)
    total = staff.total if kind == "total" else staff.type_total(kind)
    if total is None:
        return None
    return ctx.number_finding(cell, total, "CLAIM", lambda s: f"personel tablosundan {s}.")
