"""DOCX tables as WordprocessingML text, parsed once per table: fixed column widths from
their content (`widths`), repeated header rows, merged cells, no figure or word split.

python-docx's `add_row()`, `merge()` and run properties walk the XML tree for every cell,
which made tables most of the DOCX's time."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from karne.core.report_content.model import (
    Row,
    RowKind,
    Table,
)
from karne.reporting.docx.fields import add_caption, bookmark_name
from karne.reporting.docx.styles import (
    CELL_MARGIN_Y,
    HEADER_FILL,
    INDENT_TWIPS,
    TABLE_CAPTION,
    TABLE_TEXT,
    TABLE_TEXT_ID,
)
from karne.reporting.placement import short_table
from karne.reporting.widths import (
    BREAK,
    PADDING,
    CellText,
    Spanning,
    row_cells,
    table_columns,
    table_layout,
    table_spans,
)


def _runs(text: str, bold: bool) -> str:
    """One run as WordprocessingML: line breaks and tabs as python-docx's `run.text` writes them."""
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    parts = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for line_index, line in enumerate(lines):
        if line_index:
            parts.append("<w:br/>")
        for piece_index, piece in enumerate(line.split("\t")):
            if piece_index:
                parts.append("<w:tab/>")
            if piece:
                keep = ' xml:space="preserve"' if piece != piece.strip() else ""
                parts.append(f"<w:t{keep}>{escape(piece)}</w:t>")
    return f"<w:r>{properties}{''.join(parts)}</w:r>"


def cell_xml(
    text: str,
    width: int,
    *,
    span: int = 1,
    bold: bool = False,
    shade: str = "",
    right: bool = False,
    indent: int = 0,
    style: str = TABLE_TEXT_ID[9.0],
    keep_next: bool = False,
    merge: str = "",
) -> str:
    """A table cell (`w:tc`) as text: width, span, vertical merge ("restart" / "continue"),
    shading, one paragraph with one run."""
    properties = f'<w:tcW w:type="dxa" w:w="{width}"/>'
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if merge:
        properties += f'<w:vMerge w:val="{merge}"/>'
    if shade:
        properties += f'<w:shd w:val="clear" w:fill="{shade}"/>'
    paragraph = f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        paragraph += "<w:keepNext/>"
    if indent:
        paragraph += f'<w:ind w:left="{indent}"/>'
    if right:
        paragraph += '<w:jc w:val="right"/>'
    paragraph = f"<w:pPr>{paragraph}</w:pPr>"
    run = _runs(text, bold) if text else ""
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p>{paragraph}{run}</w:p></w:tc>"


def _heading(label: str) -> str:
    """A column heading that may break after a slash ("Gerçekleşme/ Toplam Ödenek"), where
    neither Word nor LibreOffice would on their own: a zero-width space after it."""
    return label.replace("/", "/" + BREAK)


def _row_cells(row: Row) -> tuple[CellText, ...]:
    return row_cells(row, lambda level: INDENT_TWIPS * level)


def _table_rows(
    table: Table, cells: Sequence[tuple[CellText, ...]], widths: Sequence[int], style: str
) -> list[str]:
    """Every row of a table as WordprocessingML (`w:tr`), headers repeated on each page.

    Built as text and parsed once per table: python-docx's `add_row()`, `merge()` and run
    properties walk the XML tree for every cell, which made tables most of the DOCX's time.
    """
    header = '<w:trPr><w:cantSplit/><w:tblHeader w:val="true"/></w:trPr>'
    # A row of figures stays whole on its page: a figure's row split across a page break
    # reads as two rows. A note row (a long explanation) may go on over the page.
    whole = "<w:trPr><w:cantSplit/></w:trPr>"
    rows = []
    if table.header_groups:
        groups, index = [], 0
        for group in table.header_groups:
            width = sum(widths[index : index + group.span])
            groups.append(cell_xml(group.label, width, span=group.span, style=style))
            index += group.span
        rows.append(f"<w:tr>{header}{''.join(groups)}</w:tr>")
    labels = (
        cell_xml(_heading(c.label), w, bold=True, shade=HEADER_FILL, style=style, keep_next=True)
        for c, w in zip(table.columns, widths, strict=True)
    )
    # A short table stays whole on a page (as in the PDF); a longer one starts with at least
    # its first three rows, not its header and one row at the foot of a page.
    last = len(table.rows) - 1
    kept = last if short_table(table) else min(2, last)
    rows.append(f"<w:tr>{header}{''.join(labels)}</w:tr>")
    continues = table.continues()
    for number, (r, row) in enumerate(zip(table.rows, cells, strict=True)):
        if r.kind is RowKind.NOTE:  # a long explanation may go on over the page
            merged = cell_xml(
                row[0].text, sum(widths), span=len(widths), style=style, keep_next=number < kept
            )
            rows.append(f"<w:tr>{merged}</w:tr>")
            continue
        if r.kind is RowKind.GROUP:  # a heading row, kept on the page of the row below it
            merged = cell_xml(
                row[0].text,
                sum(widths),
                span=len(widths),
                bold=True,
                shade=HEADER_FILL,
                style=style,
                keep_next=True,
            )
            rows.append(f"<w:tr>{whole}{merged}</w:tr>")
            continue
        below = continues[number + 1] if number + 1 < len(continues) else []
        xml = (
            cell_xml(
                c.text,
                w,
                bold=c.bold,
                right=not c.breakable,
                indent=c.indent,
                style=style,
                keep_next=number < kept,
                merge=_merge(continues[number], below, index),
            )
            for index, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        rows.append(f"<w:tr>{whole}{''.join(xml)}</w:tr>")
    return rows


def _merge(here: Sequence[bool], below: Sequence[bool], index: int) -> str:
    """A cell's vertical merge: it continues the one above, or starts cells continued below."""
    if index < len(here) and here[index]:
        return "continue"
    if index < len(below) and below[index]:
        return "restart"
    return ""


def _text_width(doc: Document) -> int:
    """The width between the margins of the current (last) section, in twips."""
    section = doc.sections[-1]
    sizes = (section.page_width, section.left_margin, section.right_margin)
    page, left, right = (int(size or 0) for size in sizes)  # all set by `_setup`
    return (page - left - right) // 635  # EMU per twip


def column_widths(
    doc: Document, columns: Sequence[Sequence[CellText]], spans: Sequence[Spanning] = ()
) -> tuple[str, tuple[int, ...]]:
    """The paragraph style of a table's cells (the smaller text only where the larger would
    split a figure or a word) and its column widths."""
    sizes = sorted(TABLE_TEXT.values())[::-1]
    size, widths = table_layout(columns, _text_width(doc), sizes, spans)
    return TABLE_TEXT_ID[size], widths


def _table_widths(
    doc: Document, table: Table, cells: Sequence[tuple[CellText, ...]]
) -> tuple[str, tuple[int, ...]]:
    return column_widths(doc, table_columns(table, cells, _heading), table_spans(table, _heading))


def insert_table(doc: Document, widths: Sequence[int], rows: str) -> None:
    """A table of fixed column widths (grid and cells agree, so Word and LibreOffice keep
    them), centred, in the "Table Grid" style with narrow cell margins."""
    margin = PADDING // 2
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    xml = (
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        '<w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="{CELL_MARGIN_Y}" w:type="dxa"/>'
        f'<w:left w:w="{margin}" w:type="dxa"/>'
        f'<w:bottom w:w="{CELL_MARGIN_Y}" w:type="dxa"/>'
        f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1"'
        ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"
    )
    doc.element.body._insert_tbl(parse_xml(xml))


def add_table(doc: Document, table: Table) -> None:
    bookmark = bookmark_name("Tablo", table.number, table.key)
    add_caption(doc, table.label, "Tablo", table.number, bookmark, TABLE_CAPTION)
    cells = [_row_cells(r) for r in table.rows]
    style, widths = _table_widths(doc, table, cells)
    insert_table(doc, widths, "".join(_table_rows(table, cells, widths, style)))
