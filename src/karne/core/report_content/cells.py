"""Small constructors for table cells, so that builders state what a figure is, not how it looks."""

from __future__ import annotations

from decimal import Decimal

from karne.core.report_content.model import Cell, Fmt, Row, RowKind

MAX_PLACES = 2  # an input keeps its own decimals when shown, up to this many


def places_of(value: Decimal | None, limit: int = MAX_PLACES) -> int:
    """The decimals a figure was written with ("22.82" → 2, "1244779" → 0), at most `limit`."""
    if value is None or not value.is_finite():
        return 0
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return min(max(0, -exponent), limit)


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
