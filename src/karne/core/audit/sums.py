"""A printed total beside its printed parts: the rounding a reader sees.

The checkers compare a printed total with the exact total of the inputs. A reader adds the printed
parts instead. When every part and the total are right (each is its exact figure rounded) the two
can still differ: three parts of 1,4 print as 1 + 1 + 1 = 3 beside a total of 4,2 printed 4. A
total that differs from the sum of its rounded parts by no more than half a unit per part is a
rounding note (`ROUNDING-SUM`, info), not an error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from karne.core.audit.compare import places_of, printed_number
from karne.core.audit.context import Column, Context
from karne.core.audit.findings import Finding
from karne.core.decimals import ZERO, half_unit_tolerance
from karne.core.formatting import format_number
from karne.core.records import PrintedFigure
from karne.core.table_kinds import TableKind as K

# Tables whose rows add up (see `parts_of`).
ADDITIVE_KINDS = frozenset(
    {
        K.FR_EXECUTION_ECONOMIC,
        K.FR_KBO,
        K.FR_KBO_NEXT,
        K.FR_KBO_COMPARISON_PREVIOUS,
        K.FR_KBO_COMPARISON_NEXT,
        K.FR_EXECUTION_ACTIVITY,
        K.FR_EXECUTION_UNIT,
        K.PP_ACTIVITY_COSTS,
        K.PP_ACTIVITY_COST_DETAIL,
        K.PP_ECONOMIC_COSTS,
        K.PP_PROGRAM_COSTS,
    }
)
_NOT_ADDITIVE = {"realization_rate", "spent_to_kbo_rate", "increase_rate", "rate", "name"}
_TOTAL_ROWS = {"TOPLAM", "GENEL_TOPLAM"}

Key = tuple[str, str, str]  # document, table, column


def _depth(row: str) -> int:
    return row.count(".")


def _is_total(row: str) -> bool:
    return row in _TOTAL_ROWS or row.endswith("_TOPLAM")


def parts_of(row: str, rows: Iterable[str]) -> list[str]:
    """The rows a total row adds up.

    A total row (TOPLAM, GENEL_TOPLAM) over the top-level rows and a code over its direct
    children; by budget source (PP Tablo 14, and Tablo 15 under each activity: `<activity>/…`),
    BUTCE_ICI_TOPLAM over the economic codes, BUTCE_DISI_TOPLAM over the other sources, and
    GENEL_TOPLAM over those two.
    """
    head, slash, tail = row.rpartition("/")
    prefix = head + slash
    siblings = [
        r[len(prefix) :] for r in rows if r.startswith(prefix) and "/" not in r[len(prefix) :]
    ]
    if tail == "BUTCE_ICI_TOPLAM":
        parts = [r for r in siblings if r.isdigit()]
    elif tail == "BUTCE_DISI_TOPLAM":
        parts = [r for r in siblings if not r.isdigit() and not _is_total(r)]
    elif tail == "GENEL_TOPLAM" and {"BUTCE_ICI_TOPLAM", "BUTCE_DISI_TOPLAM"} <= set(siblings):
        parts = ["BUTCE_ICI_TOPLAM", "BUTCE_DISI_TOPLAM"]
    elif slash:
        parts = []
    elif tail in _TOTAL_ROWS:
        candidates = [r for r in siblings if not _is_total(r)]
        top = min((_depth(r) for r in candidates), default=0)
        parts = [r for r in candidates if _depth(r) == top]
    else:
        parts = [r for r in siblings if r.startswith(row + ".") and _depth(r) == _depth(row) + 1]
    return [prefix + p for p in parts]


def _value(cell: PrintedFigure) -> Decimal | None:
    text = cell.value.strip()
    if text in {"", "-"}:
        return ZERO
    return printed_number(text)


def rounding_sums(
    ctx: Context, agreeing: Iterable[PrintedFigure], kinds: dict[tuple[str, str], K]
) -> list[Finding]:
    """A note for each right total whose right, rounded parts add up to something else.

    `agreeing` are the printed cells a checker found right (no finding); `kinds` the declared
    kind of each (document, table). Only cells that are all right are compared: a wrong part has
    its own finding, and the difference it makes is no rounding.
    """
    by_key: dict[Key, dict[str, PrintedFigure]] = defaultdict(dict)
    for cell in agreeing:
        kind = kinds.get((cell.document, cell.table))
        if kind not in ADDITIVE_KINDS or Column.parse(cell.column).measure in _NOT_ADDITIVE:
            continue
        by_key[(cell.document, cell.table, cell.column)][cell.row] = cell
    all_rows: dict[Key, set[str]] = defaultdict(set)
    for p in ctx.dataset.printed:
        all_rows[(p.document, p.table, p.column)].add(p.row)
    findings: list[Finding] = []
    for key, cells in by_key.items():
        for row, total in cells.items():
            parts = parts_of(row, all_rows[key])
            if len(parts) < 2 or any(p not in cells for p in parts):
                continue
            finding = _note(ctx, total, [cells[p] for p in parts])
            if finding is not None:
                findings.append(finding)
    return findings


def _note(ctx: Context, total: PrintedFigure, parts: list[PrintedFigure]) -> Finding | None:
    printed_total = _value(total)
    values = [_value(p) for p in parts]
    if printed_total is None or any(v is None for v in values):
        return None
    added = sum((v for v in values if v is not None), ZERO)
    difference = abs(printed_total - added)
    if difference == 0:
        return None
    places = min(places_of(p.value.strip()) for p in parts)
    if difference > half_unit_tolerance(places, len(parts)):
        return None
    shown = format_number(added, places_of(total.value.strip()))
    return ctx.finding(
        "ROUNDING-SUM",
        total,
        shown,
        f"Basılan {len(parts)} kalemin toplamı {shown}; toplam, yuvarlanmamış tutarların "
        f"toplamıdır (fark kalem başına en çok yarım birim: yuvarlama, hata değil).",
    )
