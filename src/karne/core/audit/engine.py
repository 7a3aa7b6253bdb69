"""Run every rule over one year of a dataset."""

from __future__ import annotations

from collections.abc import Callable

from karne.core.audit import tables_budget as money
from karne.core.audit import tables_results as results
from karne.core.audit.claims import check_claims
from karne.core.audit.completeness import check_completeness
from karne.core.audit.context import Context
from karne.core.audit.findings import AuditReport, Finding
from karne.core.audit.sums import rounding_sums
from karne.core.audit.typed import check_typed
from karne.core.records import Dataset, PrintedFigure
from karne.core.table_kinds import TableKind as K

Checker = Callable[[Context, PrintedFigure], list[Finding] | None]

CHECKERS: dict[K, Checker] = {
    K.FR_EXECUTION_ECONOMIC: money.execution_economic,
    K.FR_KBO: money.execution_economic,
    K.FR_KBO_NEXT: money.execution_economic,
    K.FR_KBO_COMPARISON_PREVIOUS: money.kbo_comparison(-1),
    K.FR_KBO_COMPARISON_NEXT: money.kbo_comparison(+1),
    K.FR_EXECUTION_ACTIVITY: money.execution_activity,
    K.FR_EXECUTION_UNIT: money.execution_unit,
    K.PP_ACTIVITY_COSTS: money.activity_costs,
    K.PP_ACTIVITY_COST_DETAIL: money.activity_costs,
    K.PP_PROGRAM_COSTS: money.activity_costs,
    K.PP_ECONOMIC_COSTS: money.economic_costs,
    K.FR_FORM3: results.form,
    K.FR_FORM4: results.form,
    K.FR_SP_EVALUATION: results.sp_evaluation,
    K.PP_INDICATOR_UNITS: results.indicator_units,
    K.PP_ACTIVITY_UNITS: results.activity_units,
    K.SP_OBJECTIVES: results.plan_titles,
    K.FR_PROGRAM_INFO: results.program_info,
    K.RESOURCES_STAFF: results.staff_total,
    K.RESOURCES_PHYSICAL: results.physical_item,
    K.RESOURCES_IT: results.resources_total,
    K.RESOURCES_STAFF_GENDER: results.resources_total,
    K.RESOURCES_STAFF_EDUCATION: results.resources_total,
}


def audit(dataset: Dataset, year: int) -> AuditReport:
    """Every printed figure and text claim of the year's documents, recomputed and compared."""
    ctx = Context.build(dataset, year)
    documents = {d.code: d for d in dataset.documents if d.year == year}
    findings: list[Finding] = []
    checked = unchecked = 0
    undeclared: set[str] = set()
    agreeing: list[PrintedFigure] = []
    kinds: dict[tuple[str, str], K] = {}
    for cell in dataset.printed:
        document = documents.get(cell.document)
        if document is None:
            continue
        kind = document.table_kind(cell.table)
        checker = CHECKERS.get(kind) if kind is not None else None
        if kind is None:
            undeclared.add(f"{cell.document} {cell.table}")
        else:
            kinds[(cell.document, cell.table)] = kind
        outcome = checker(ctx, cell) if checker is not None else None
        if outcome is None:
            unchecked += 1
        else:
            checked += 1
            findings.extend(outcome)
            if not outcome:
                agreeing.append(cell)
    findings.extend(rounding_sums(ctx, agreeing, kinds))
    claim_findings, claims_checked, claims_unchecked = check_claims(ctx)
    findings.extend(claim_findings)
    typed_findings, typed_checked, typed_unchecked = check_typed(ctx)
    findings.extend(typed_findings)
    findings.extend(check_completeness(ctx))
    notes = tuple(
        f"{label}: tablo türü dataset.yaml'da belirtilmemiş; basılan rakamları denetlenemedi."
        for label in sorted(undeclared)
    )
    return AuditReport(
        year=year,
        administration=dataset.administration.code,
        findings=tuple(findings),
        checked=checked + claims_checked + typed_checked,
        unchecked=unchecked + claims_unchecked + typed_unchecked,
        notes=notes,
    )
