"""Small constructors for table cells, so that builders state what a figure is, not how it looks."""

from __future__ import annotations

from decimal import Decimal

from karne.core.report_content.model import Cell, Fmt, Row, RowKind
from karne.core.textcase import tr_lower

MAX_PLACES = 2  # an input keeps its own decimals when shown, up to this many


def places_of(value: Decimal | None, limit: int = MAX_PLACES) -> int:
    """The decimals a figure was written with ("22.82" → 2, "1244779" → 0), at most `limit`."""
    if value is None or not value.is_finite():
        return 0
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return min(max(0, -exponent), limit)


def shared_places(*values: Decimal | None, limit: int = MAX_PLACES) -> int:
    """One precision for figures printed side by side (an indicator's A, B and C): the most
    decimals any of them has, at most `limit` — so 6.121.627.343,5 beside 270.999.077,22 prints
    as 6.121.627.343,50."""
    return max((places_of(v, limit) for v in values), default=0)


MONEY_UNITS = frozenset({"tl", "₺", "türk lirası", "tl."})


def is_money_unit(unit: str | None) -> bool:
    return unit is not None and tr_lower(unit.strip()) in MONEY_UNITS


def text(value: str | None) -> Cell:
    return Cell(value or "", Fmt.TEXT)


def number(value: Decimal | None, places: int | None = None) -> Cell:
    """A count or measured value; by default with the decimals it has (at most two)."""
    return Cell(value, Fmt.NUMBER, places_of(value) if places is None else places)


def money(value: Decimal | None, places: int = 0) -> Cell:
    return Cell(value, Fmt.MONEY, places)


def percent(value: Decimal | None, places: int = 2) -> Cell:
    return Cell(value, Fmt.PERCENT, places)


def row(*cells: Cell, kind: RowKind = RowKind.BODY, indent: int = 0) -> Row:
    return Row(tuple(cells), kind, indent)


def note(message: str) -> Row:
    return Row((text(message),), RowKind.NOTE)


def group(label: str) -> Row:
    return Row((text(label),), RowKind.GROUP)
