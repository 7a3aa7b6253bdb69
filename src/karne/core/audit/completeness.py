"""What an auditor asks for besides the figures: metadata, explanations, owners, sections;
and two consistency rules that look at inputs rather than printed cells."""

from __future__ import annotations

from decimal import Decimal

from karne.core.audit.context import Context
from karne.core.audit.findings import Finding
from karne.core.audit.rules import RULES
from karne.core.budget import ECONOMIC_CODES, sum_by
from karne.core.costs import INTERNAL_TOTAL, CostColumn
from karne.core.costs import TOTAL as COST_TOTAL
from karne.core.decimals import ZERO, round_half_up
from karne.core.documents import of_kind
from karne.core.formatting import format_number, format_percent
from karne.core.indicators import IndicatorKind
from karne.core.periods import QUARTERS, PeriodCode
from karne.core.records import CostMeasure, DocumentKind
from karne.core.textcase import tr_upper

REQUIRED_SECTIONS: dict[DocumentKind, tuple[str, ...]] = {
    DocumentKind.PERFORMANS_PROGRAMI: (
        "GENEL BİLGİLER",
        "PERFORMANS PROGRAMI MİMARİSİ",
        "PERFORMANS BİLGİSİ",
        "İDARENİN TOPLAM KAYNAK İHTİYACI",
    ),
    DocumentKind.FAALIYET_RAPORU: (
        "GENEL BİLGİLER",
        "AMAÇ VE HEDEFLER",
        "FAALİYETLERE İLİŞKİN BİLGİ VE DEĞERLENDİRMELER",
        "KURUMSAL KABİLİYET VE KAPASİTENİN DEĞERLENDİRİLMESİ",
        "ÖNERİ VE TEDBİRLER",
        "İÇ KONTROL GÜVENCE BEYANI",
        "MALİ HİZMETLER BİRİM YÖNETİCİSİNİN BEYANI",
    ),
}


def _finding(
    rule: str,
    document: str,
    table: str,
    row: str,
    column: str,
    label: str,
    expected: str,
    message: str,
) -> Finding:
    return Finding(
        rule,
        RULES[rule].severity,
        document,
        table,
        row,
        column,
        "",
        expected,
        message,
        row_label=label,
    )


def check_completeness(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    programmes = of_kind(ctx.dataset.documents, DocumentKind.PERFORMANS_PROGRAMI, ctx.year)
    program = programmes[0].code if programmes else ""
    for indicator in (i for i in ctx.dataset.pp_indicators if i.year == ctx.year):
        label = f"{indicator.code} {indicator.name}"
        for field, what in (
            ("unit", "ölçü birimi"),
            ("description", "tanımı"),
            ("calculation_method", "hesaplama yöntemi"),
            ("data_source", "veri kaynağı"),
        ):
            if not getattr(indicator, field):
                findings.append(
                    _finding(
                        "MISSING-METADATA",
                        program,
                        "",
                        indicator.code,
                        field,
                        label,
                        "",
                        f"Göstergenin {what} yok.",
                    )
                )
    explained = {
        r.indicator
        for r in ctx.dataset.realizations
        if r.year == ctx.year and r.explanation.strip()
    }
    places = ctx.evaluation.policy.rate_places
    for result in ctx.evaluation.indicators:
        full = ctx.evaluation.policy.status_full_at
        if result.rate is None or round_half_up(result.rate, places) == full:
            continue
        if result.code not in explained:
            direction = "altında" if result.rate < 100 else "üstünde"
            findings.append(
                _finding(
                    "MISSING-EXPLANATION",
                    "",
                    "",
                    result.code,
                    "explanation",
                    f"{result.code} {result.name}",
                    "",
                    f"Gerçekleşme hedefin {direction} ({format_percent(result.rate, places)}) ama "
                    "hiçbir dönemde sapmanın nedeni açıklanmamış.",
                )
            )
    structure = ctx.dataset.structure_for(ctx.year)
    if structure is not None:
        for p in structure.programs:
            for sub in p.sub_programs:
                for activity in sub.activities:
                    if not activity.responsible_unit:
                        findings.append(
                            _finding(
                                "MISSING-RESPONSIBLE",
                                program,
                                "",
                                activity.code,
                                "responsible_unit",
                                activity.name,
                                "",
                                "Faaliyetten sorumlu harcama birimi belirtilmemiş.",
                            )
                        )
    findings.extend(_cross_document(ctx))
    findings.extend(_sections(ctx))
    findings.extend(_ratios_summed(ctx))
    findings.extend(_weights(ctx))
    return findings


def _planned_budget(ctx: Context, year: int) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """The budget-internal budget planned for a year, by economic code and by activity, as the
    programmes' cost tables print it; every document that plans the year adds to it."""
    column = CostColumn(year, CostMeasure.BUDGET)
    planned = [
        c for c in ctx.dataset.activity_costs if c.year == year and c.measure is column.measure
    ]
    by_code: dict[str, Decimal] = {}
    by_activity: dict[str, Decimal] = {}
    for document in dict.fromkeys(c.document for c in planned):
        tables = ctx.costs(document)
        block = tables.by_economic_code(COST_TOTAL, column)
        for code in ECONOMIC_CODES:
            by_code[code] = by_code.get(code, ZERO) + block[code]
        for activity in dict.fromkeys(c.activity for c in planned if c.document == document):
            internal = tables.by_economic_code(activity, column)[INTERNAL_TOTAL]
            by_activity[activity] = by_activity.get(activity, ZERO) + internal
    return by_code, by_activity


def _cross_document(ctx: Context) -> list[Finding]:
    """The performance program's budget for a year is the activity report's KBÖ for it."""
    out: list[Finding] = []
    years = {c.year for c in ctx.dataset.activity_costs if c.measure is CostMeasure.BUDGET}
    for year in sorted(years):
        by_code, by_activity = _planned_budget(ctx, year)
        kbo_code = sum_by(
            (
                (b.economic_code, b.kbo)
                for b in ctx.dataset.budget_economic
                if b.year == year and b.source.is_internal
            ),
            ZERO,
        )
        kbo_activity = {b.activity: b.kbo for b in ctx.dataset.budget_activity if b.year == year}
        for what, pp, fr in (
            ("ekonomik kod", by_code, kbo_code),
            ("faaliyet", by_activity, kbo_activity),
        ):
            if not fr:
                continue
            for key in sorted(set(pp) | set(fr)):
                a, b = pp.get(key, ZERO), fr.get(key, ZERO)
                if a != b:
                    out.append(
                        _finding(
                            "CROSS-DOCUMENT",
                            "",
                            "",
                            key,
                            f"{year}.kbo",
                            ctx.names.get(key, key),
                            format_number(a),
                            f"{year} yılı için performans programındaki bütçe ({what}) "
                            f"{format_number(a)}, faaliyet raporundaki KBÖ {format_number(b)}.",
                        )
                    )
    return out


def _sections(ctx: Context) -> list[Finding]:
    out = []
    for document in (d for d in ctx.dataset.documents if d.year == ctx.year):
        narrative = next((n for n in ctx.dataset.narratives if n.document == document.code), None)
        titles = [tr_upper(s.title) for s in narrative.sections] if narrative else []
        for required in REQUIRED_SECTIONS.get(document.kind, ()):
            if not any(required in title for title in titles):
                out.append(
                    _finding(
                        "MISSING-SECTION",
                        document.code,
                        "",
                        required,
                        "",
                        required,
                        "",
                        "Yönetmelikçe istenen bölüm belgede yok.",
                    )
                )
    return out


def _ratios_summed(ctx: Context) -> list[Finding]:
    out = []
    reported = {
        (r.indicator, r.period): r.value for r in ctx.dataset.realizations if r.year == ctx.year
    }
    for result in ctx.evaluation.indicators:
        if result.kind is not IndicatorKind.RATIO:
            continue
        year_value = reported.get((result.code, PeriodCode.YEAR))
        quarters = [v for q in QUARTERS if (v := reported.get((result.code, q))) is not None]
        if year_value is None or sum(1 for q in quarters if q) < 2:
            continue
        if sum(quarters) == year_value:
            out.append(
                _finding(
                    "IND-RATIO-SUMMED",
                    "",
                    "",
                    result.code,
                    "year_end",
                    f"{result.code} {result.name}",
                    "",
                    f"Yıl için raporlanan {format_number(year_value, 2)}, çeyrek oranlarının "
                    "toplamı; oranlar toplanmaz, pay ve payda ile hesaplanmalı.",
                )
            )
    return out


def _weights(ctx: Context) -> list[Finding]:
    out = []
    for objective in ctx.evaluation.objectives:
        total = objective.performance.weight_total
        if total != 100:
            out.append(
                _finding(
                    "SP-WEIGHTS",
                    "",
                    "",
                    objective.code,
                    "weight",
                    objective.code,
                    "100",
                    "Stratejik plan değerlendirme tablosundaki göstergelerinin ağırlıkları "
                    f"toplamı {format_percent(total, 0)}; kalan göstergeler verilmediği için hedef "
                    "performansı doğrulanamıyor.",
                )
            )
    return out
