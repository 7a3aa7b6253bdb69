"""Activity cost tables of a performance program, computed from the activity × economic code ×
source × year cells (PP Tablo 15), which are the only inputs: Tablo 9/12/16 (by activity, with
budget-internal / external split and roll-ups) and Tablo 14 (by economic code and program) are sums.

`CostTables.by_economic_code` is the one roll-up of a Tablo 14 / 15 block by economic code and
source: the report prints it and the audit compares the printed block with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from karne.core import budget
from karne.core.budget import ECONOMIC_CODES, EXTERNAL_SOURCES, BudgetSource, ancestors
from karne.core.decimals import ZERO
from karne.core.records import ActivityCost, CostMeasure, Dataset

TOTAL = budget.GRAND_TOTAL
INTERNAL_TOTAL = budget.INTERNAL_TOTAL
EXTERNAL_TOTAL = budget.EXTERNAL_TOTAL
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
    by_source: tuple[CostRow, ...]  # "<activity | program | GENEL_TOPLAM>/<source>"

    @cached_property
    def _economic(self) -> dict[str, CostRow]:
        return {r.code: r for r in (*self.activity_economic, *self.program_economic)}

    @cached_property
    def _sources(self) -> dict[str, CostRow]:
        return {r.code: r for r in self.by_source}

    def by_economic_code(self, owner: str, column: CostColumn) -> dict[str, Decimal]:
        """One block of Tablo 14 / 15 for an activity, a program or GENEL_TOPLAM, keyed as the
        printed rows are: each economic code's budget-internal cost, BUTCE_ICI_TOPLAM, each
        budget-external source, BUTCE_DISI_TOPLAM and GENEL_TOPLAM, in the table's order."""

        def economic(code: str) -> Decimal:
            found = self._economic.get(f"{owner}/{code}")
            return found.cell(column).internal if found else ZERO

        def source(source: BudgetSource) -> Decimal:
            found = self._sources.get(f"{owner}/{source.value}")
            return found.cell(column).total if found else ZERO

        block = {code: economic(code) for code in ECONOMIC_CODES}
        block[INTERNAL_TOTAL] = source(BudgetSource.BUTCE_ICI)
        block.update({s.value: source(s) for s in EXTERNAL_SOURCES})
        block[EXTERNAL_TOTAL] = sum((source(s) for s in EXTERNAL_SOURCES), ZERO)
        block[TOTAL] = block[INTERNAL_TOTAL] + block[EXTERNAL_TOTAL]
        return block


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

    per_activity = _cells(costs, key=lambda c: c.activity)
    rolled: dict[str, dict[CostColumn, tuple[Decimal, Decimal]]] = defaultdict(dict)
    for activity_code, cells in per_activity.items():
        for code in ancestors(activity_code, parent.get):
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
    source_cells = _cells(costs, key=lambda c: f"{c.activity}/{c.source.value}")
    source_cells.update(
        _cells(costs, key=lambda c: f"{program_of.get(c.activity, '?')}/{c.source.value}")
    )
    source_cells.update(_cells(costs, key=lambda c: f"{TOTAL}/{c.source.value}"))
    by_source = tuple(
        _row(key, key, "source", cells, columns) for key, cells in sorted(source_cells.items())
    )
    return CostTables(
        document, columns, by_activity, activity_economic, program_economic, by_source
    )
