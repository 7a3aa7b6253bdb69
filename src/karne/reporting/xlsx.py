"""XLSX: one sheet per table, figures stored as numbers with Turkish-looking display formats.

A reader who sorts, sums or charts the sheet works with the exact values karne computed (money
as numbers, rates as the percent figure itself: 98.83 shown "%98,83"); headers are frozen and
column widths set from the content.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from karne.core.report_content.model import Cell, Fmt, Report, RowKind, Table
from karne.reporting.formats import cell_text, excel_format

_HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
_GROUP_FILL = PatternFill("solid", fgColor="DCE6F0")
_BOLD = Font(bold=True)
_WHITE = Font(bold=True, color="FFFFFF")


def sheet_name(table: Table) -> str:
    return f"Tablo {table.number}"


def _value(cell: Cell) -> Decimal | str:
    """A figure as a number (openpyxl stores a Decimal as a number); "-" where it is missing."""
    if isinstance(cell.value, Decimal) and cell.fmt is not Fmt.TEXT:
        return cell.value
    return cell_text(cell)


def _write_table(ws: Worksheet, table: Table) -> None:
    width = len(table.columns)
    ws.append([table.label])
    ws.cell(1, 1).font = Font(bold=True, size=12)
    header_rows = 1
    if table.header_groups:
        labels: list[str] = []
        for group in table.header_groups:
            labels.extend([group.label] + [""] * (group.span - 1))
        ws.append(labels)
        col = 1
        for group in table.header_groups:
            if group.span > 1:
                ws.merge_cells(
                    start_row=2, start_column=col, end_row=2, end_column=col + group.span - 1
                )
            col += group.span
        header_rows = 2
    ws.append([c.label for c in table.columns])
    for row_index in range(2, 2 + header_rows):
        for col_index in range(1, width + 1):
            head = ws.cell(row_index, col_index)
            head.font, head.fill = _WHITE, _HEAD_FILL
            head.alignment = Alignment(wrap_text=True, vertical="bottom")
    widths = [max(8, min(60, len(c.label) // 2 + 4)) for c in table.columns]
    # A cell the documents merge with the one above holds its value again here: a sheet
    # sorted or filtered keeps each indicator's programme.
    previous: list[Decimal | str] = []
    for r, continues in zip(table.rows, table.continues(), strict=True):
        values = [_value(c) for c in r.cells]
        values = [
            previous[i] if i < len(continues) and continues[i] else v for i, v in enumerate(values)
        ]
        previous = values
        ws.append(values)
        current = ws.max_row
        if r.kind in (RowKind.NOTE, RowKind.GROUP):
            ws.merge_cells(start_row=current, start_column=1, end_row=current, end_column=width)
            ws.cell(current, 1).alignment = Alignment(wrap_text=r.kind is RowKind.NOTE)
        for index, cell in enumerate(r.cells, start=1):
            target = ws.cell(current, index)
            if (
                cell.fmt is not Fmt.TEXT
                and not isinstance(cell.value, str)
                and cell.value is not None
            ):
                target.number_format = excel_format(cell)
            if r.kind in (RowKind.TOTAL, RowKind.SUBTOTAL, RowKind.GROUP):
                target.font = _BOLD
            if r.kind in (RowKind.TOTAL, RowKind.GROUP):
                target.fill = _GROUP_FILL
            if index == 1 and r.indent:
                target.alignment = Alignment(indent=r.indent)
            if r.kind not in (RowKind.NOTE, RowKind.GROUP):
                widths[index - 1] = max(widths[index - 1], min(60, len(cell_text(cell)) + 2))
    for index, value in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = value
    ws.freeze_panes = f"B{2 + header_rows}"


def render_xlsx(report: Report) -> bytes:
    book = Workbook()
    index = book.active
    assert index is not None
    index.title = "Tablolar"
    index.append([f"{report.administration} — {report.title}"])
    index.cell(1, 1).font = Font(bold=True, size=12)
    index.append(["Sayfa", "Tablo"])
    for cell in index[2]:
        cell.font = _BOLD
    for table in report.tables():
        index.append([sheet_name(table), table.label])
        _write_table(book.create_sheet(re.sub(r"[\[\]:*?/\\]", "", sheet_name(table))), table)
    index.column_dimensions["A"].width = 10
    index.column_dimensions["B"].width = 90
    index.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
