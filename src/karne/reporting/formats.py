"""Turkish display of a cell for the text formats (PDF, DOCX), and Excel number formats for XLSX.

All text goes through `karne.core.formatting` (Babel, tr_TR, half-up rounding).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from karne.core.formatting import DASH, LOCALE, format_money, format_number, format_percent
from karne.core.report_content.model import Cell, Fmt


@lru_cache(maxsize=16384)
def cell_text(cell: Cell) -> str:
    """A cell as shown. Kept per cell (a frozen value): the renderers ask for each cell several
    times (widths, placement, the output), and Babel's formatting was a tenth of a DOCX's
    time."""
    return _shown(cell.value, cell.fmt, cell.places, LOCALE)


def value_text(value: Decimal | None, fmt: Fmt, places: int, locale: str = LOCALE) -> str:
    """A figure as `cell_text` shows it, in `locale` (a chart on an English page)."""
    if locale == LOCALE:
        return cell_text(Cell(value, fmt, places))
    return _shown(value, fmt, places, locale)


def _shown(value: Decimal | str | None, fmt: Fmt, places: int, locale: str) -> str:
    if fmt is Fmt.TEXT or isinstance(value, str):
        return "" if value is None else str(value)
    if value is None:
        return DASH
    if fmt is Fmt.MONEY:
        return format_money(value, places, locale)
    if fmt is Fmt.PERCENT:
        return format_percent(value, places, locale)
    return format_number(value, places, locale)


def excel_format(cell: Cell) -> str:
    """An Excel number format that shows the value as Turkish readers expect in Excel's own
    locale handling: the separators follow the reader's locale, the decimals are ours."""
    decimals = "." + "0" * cell.places if cell.places else ""
    if cell.fmt is Fmt.PERCENT:
        return f'"%"#,##0{decimals}'
    return f"#,##0{decimals}"
