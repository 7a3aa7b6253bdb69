"""Activity cost tables of a performance program, computed from the activity × economic code ×
source × year cells (PP Tablo 15), which are the only inputs: Tablo 9/12/16 (by activity, with
budget-internal / external split and roll-ups) and Tablo 14 (by economic code and program) are sums.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from karne.core.decimals import ZERO
from karne.core.records import ActivityCost, CostMeasure, Dataset

TOTAL = "GENEL_TOPLAM"
_MEASURE_ORDER = {CostMeasure.BUDGET: 0, CostMeasure.SPENT_JUNE: 1, CostMeasure.FORECAST: 2}


@dataclass(frozen=True, order=True)
class CostColumn:
    year: int
    measure: CostMeasure

    @property
    def key(self) -> str:
        return f"{self.year}.{self.measure.value}"


@dataclass(frozen=True)
class CostCell:
    internal: Decimal
    external: Decimal

    @property
    def total(self) -> Decimal:
        return self.internal + self.external


@dataclass(frozen=True)
class CostRow:
    code: str
    name: str
    level: str
    cells: tuple[tuple[CostColumn, CostCell], ...]

    def cell(self, column: CostColumn) -> CostCell:
        return dict(self.cells).get(column, CostCell(ZERO, ZERO))


@dataclass(frozen=True)
class CostTables:
    document: str
    columns: tuple[CostColumn, ...]
    by_activity: tuple[CostRow, ...]  # program / sub-program / activity / GENEL_TOPLAM
    activity_economic: tuple[CostRow, ...]  # "<activity>/<economic code>"
    program_economic: tuple[CostRow, ...]  # "<program>/<economic code>" and "GENEL_TOPLAM/<code>"


def _column(cost: ActivityCost) -> CostColumn:
    return CostColumn(cost.year, cost.measure)


def _cells(
    costs: Iterable[ActivityCost], key: Callable[[ActivityCost], str]
) -> dict[str, dict[CostColumn, tuple[Decimal, Decimal]]]:
    out: dict[str, dict[CostColumn, tuple[Decimal, Decimal]]] = defaultdict(dict)
    for cost in costs:
        internal, external = out[key(cost)].get(_column(cost), (ZERO, ZERO))
        if cost.source.is_internal:
            internal += cost.amount
        else:
            external += cost.amount
        out[key(cost)][_column(cost)] = (internal, external)
    return out


def _row(
    code: str,
    name: str,
    level: str,
    cells: dict[CostColumn, tuple[Decimal, Decimal]],
    columns: tuple[CostColumn, ...],
) -> CostRow:
    return CostRow(
        code,
        name,
        level,
        tuple((c, CostCell(*cells.get(c, (ZERO, ZERO)))) for c in columns),
    )


def cost_tables(dataset: Dataset, document: str) -> CostTables:
    costs = [c for c in dataset.activity_costs if c.document == document]
    columns = tuple(
        sorted({_column(c) for c in costs}, key=lambda c: (c.year, _MEASURE_ORDER[c.measure]))
    )
    doc = next(d for d in dataset.documents if d.code == document)
    structure = dataset.structure_for(doc.year)
    parent: dict[str, str] = {}
    names: dict[str, tuple[str, str]] = {}
    program_of: dict[str, str] = {}
    if structure is not None:
        for program in structure.programs:
            parent[program.code] = TOTAL
            names[program.code] = (program.name, "program")
            for sub in program.sub_programs:
                parent[sub.code] = program.code
                names[sub.code] = (sub.name, "sub_program")
                for activity in sub.activities:
                    parent[activity.code] = sub.code
                    names[activity.code] = (activity.name, "activity")
                    program_of[activity.code] = program.code

    def ancestors(code: str) -> list[str]:
        chain = [code]
        while chain[-1] in parent:
            chain.append(parent[chain[-1]])
        return chain

    per_activity = _cells(costs, key=lambda c: c.activity)
    rolled: dict[str, dict[CostColumn, tuple[Decimal, Decimal]]] = defaultdict(dict)
    for activity_code, cells in per_activity.items():
        for code in ancestors(activity_code):
            for column, (internal, external) in cells.items():
                i, e = rolled[code].get(column, (ZERO, ZERO))
                rolled[code][column] = (i + internal, e + external)
    ordered = [code for code in names if code in rolled]
    by_activity = (
        *(_row(code, names[code][0], names[code][1], rolled[code], columns) for code in ordered),
        _row(TOTAL, "GENEL TOPLAM", "total", rolled.get(TOTAL, {}), columns),
    )

    activity_economic_cells = _cells(costs, key=lambda c: f"{c.activity}/{c.economic_code}")
    activity_economic = tuple(
        _row(key, key, "activity_economic", cells, columns)
        for key, cells in sorted(activity_economic_cells.items())
    )
    program_cells = _cells(
        costs, key=lambda c: f"{program_of.get(c.activity, '?')}/{c.economic_code}"
    )
    program_cells.update(_cells(costs, key=lambda c: f"{TOTAL}/{c.economic_code}"))
    program_economic = tuple(
        _row(key, key, "program_economic", cells, columns)
        for key, cells in sorted(program_cells.items())
    )
    return CostTables(document, columns, by_activity, activity_economic, program_economic)
