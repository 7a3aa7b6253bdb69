"""The evaluation as plain JSON-ready data (`karne evaluate --json`, documented in
docs/computation.md). Decimals are strings so no figure passes through a float; rates and
performances are rounded half up to the policy's places, inputs and sums are exact."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from karne.core.budget import ExecutionLine
from karne.core.budget_tables import EconomicRow, HierarchyRow
from karne.core.costs import CostRow
from karne.core.decimals import decimal_text, round_half_up
from karne.core.evaluation import Evaluation
from karne.core.indicators import YearEndMethod


def _d(value: Decimal | None) -> str | None:
    return None if value is None else decimal_text(value)


def _r(value: Decimal | None, places: int) -> str | None:
    return None if value is None else decimal_text(round_half_up(value, places))


def evaluation_to_json(ev: Evaluation) -> dict[str, Any]:
    p = ev.policy
    return {
        "administration": ev.administration,
        "year": ev.year,
        "policy": p.to_mapping(),
        "indicators": [
            {
                "code": i.code,
                "name": i.name,
                "sub_program": i.sub_program,
                "unit": i.unit,
                "kind": i.kind.value,
                "direction": i.direction.value,
                "target": _d(i.target),
                "periods": {code.value: _d(value) for code, value in i.periods},
                "year_end": _r(i.year_end, p.rate_places)
                if i.year_end_method is YearEndMethod.NUMERATOR_OVER_DENOMINATOR
                else _d(i.year_end),
                "year_end_method": i.year_end_method.value,
                "rate": _r(i.rate, p.rate_places),
                "status": None if i.status is None else i.status.value,
            }
            for i in ev.indicators
        ],
        "sp_indicators": [
            {
                "code": s.code,
                "objective": s.objective,
                "name": s.name,
                "weight": _d(s.weight),
                "baseline": _d(s.baseline),
                "target": _d(s.target),
                "actual": _d(s.actual),
                "performance": _r(s.performance.value, p.sp_places),
                "performance_uncapped": _r(s.performance.raw, 2),
                "baseline_assumed_zero": s.performance.baseline_assumed_zero,
            }
            for s in ev.sp_indicators
        ],
        "objectives": [
            {
                "code": o.code,
                "aim": o.aim,
                "indicators": list(o.indicators),
                "performance": _r(o.performance.value, p.sp_places),
                "weight_total": _d(o.performance.weight_total),
                "weight_evaluated": _d(o.performance.weight_evaluated),
                "complete": o.performance.complete,
            }
            for o in ev.objectives
        ],
        "budget": {
            "economic": [_economic(r, p.budget_rate_places) for r in ev.budget.economic],
            "economic_total": _economic(ev.budget.economic_total, p.budget_rate_places),
            "by_source": [
                {
                    "source": source.value,
                    "kbo": _d(kbo),
                    **(_line(line, p.budget_rate_places) if line else {}),
                }
                for source, line, kbo in ev.budget.by_source
            ],
            "by_activity": [_hierarchy(r, p.budget_rate_places) for r in ev.budget.by_activity],
            "by_unit": [_hierarchy(r, p.budget_rate_places) for r in ev.budget.by_unit],
            "carried_over": _d(ev.budget.carried_over),
        },
        "costs": [
            {
                "document": c.document,
                "columns": [col.key for col in c.columns],
                "by_activity": [_cost(r) for r in c.by_activity],
                "activity_economic": [_cost(r) for r in c.activity_economic],
                "program_economic": [_cost(r) for r in c.program_economic],
            }
            for c in ev.costs
        ],
    }


def _line(line: ExecutionLine, places: int) -> dict[str, Any]:
    return {
        "kbo": _d(line.kbo),
        "added": _d(line.added),
        "deducted": _d(line.deducted),
        "total_appropriation": _d(line.total_appropriation),
        "spent": _d(line.spent),
        "remaining": _d(line.remaining),
        "realization_rate": _r(line.realization_rate, places),
        "spent_to_kbo_rate": _r(line.spent_to_kbo_rate, places),
    }


def _economic(row: EconomicRow, places: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": row.code,
        "name": row.name,
        "kbo": _d(row.kbo),
        "previous_kbo": _d(row.previous_kbo),
        "increase_from_previous": _r(row.increase_from_previous, places),
        "next_kbo": _d(row.next_kbo),
        "increase_to_next": _r(row.increase_to_next, places),
    }
    if row.execution is not None:
        out["execution"] = _line(row.execution, places)
    return out


def _hierarchy(row: HierarchyRow, places: int) -> dict[str, Any]:
    line = _line(row.line, places)
    del line["added"], line["deducted"]
    return {"code": row.code, "name": row.name, "level": row.level, **line}


def _cost(row: CostRow) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "level": row.level,
        "cells": {
            col.key: {
                "butce_ici": _d(cell.internal),
                "butce_disi": _d(cell.external),
                "total": _d(cell.total),
            }
            for col, cell in row.cells
        },
    }
