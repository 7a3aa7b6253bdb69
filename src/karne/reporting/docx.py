"""DOCX that a strategy unit can keep editing: real headings, styles, tables, fields.

Headings use Word's built-in "Heading n" styles, so the table-of-contents field works; captions
use two paragraph styles of their own, so the lists of tables and figures are TOC fields too.
Word updates the fields when the file is opened (the settings ask it to). Table rows are written
as WordprocessingML text and parsed once per table (python-docx builds them cell by cell).

Tables have fixed column widths computed from their content (`docx_layout`), so neither Word nor
LibreOffice splits a figure or a word; their text is in a style of its own ("Tablo Metni").
Captions number themselves with `SEQ` fields inside bookmarks (Word renumbers them and can refer
to them) and keep with their table or figure. The cover page has no header or page number.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph

from karne.core.markup import Span
from karne.core.report_content.model import (
    Block,
    BulletList,
    Definitions,
    Figure,
    Fmt,
    Paragraph,
    Report,
    Row,
    RowKind,
    Section,
    Signature,
    Table,
)
from karne.reporting.docx_layout import BREAK, PADDING, CellText, table_layout
from karne.reporting.formats import cell_text

FONT = "Arial"  # present in Word everywhere; LibreOffice maps it to a metric twin
TABLE_CAPTION = "Tablo Başlığı"
FIGURE_CAPTION = "Şekil Başlığı"
# every paragraph inside a table is in one of two styles: one place to resize them all
TABLE_TEXT = {"Tablo Metni": 9.0, "Tablo Metni Dar": 8.0}  # the second for the widest tables
TABLE_TEXT_ID = {size: name.replace(" ", "") for name, size in TABLE_TEXT.items()}
BLUE = RGBColor(0x1F, 0x4E, 0x79)
HEADER_FILL = "DCE6F0"
INDENT_TWIPS = 170  # 0.3 cm per level of indentation
CELL_MARGIN_Y = 20  # twips above and below a cell's text (1 pt), so it does not touch the rules
ChartPng = Callable[[Figure], bytes]


def _field(paragraph: DocxParagraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (TOC, PAGE) that Word fills in when it updates fields."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _paragraph(doc: Document, text: str, style: str) -> DocxParagraph:
    """A paragraph in a named style, its id set directly: `add_paragraph(text, style=name)`
    compares every style with the default one, which adds up over hundreds of paragraphs."""
    paragraph = doc.add_paragraph(text)
    paragraph._p.style = doc.styles[style].style_id
    return paragraph


def _page_break(doc: Document) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _setup(doc: Document, report: Report) -> None:
    normal = doc.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.font.name = FONT
    normal.font.size = Pt(10)
    for level in range(1, 6):
        style = doc.styles[f"Heading {level}"]
        assert isinstance(style, ParagraphStyle)
        style.font.name = FONT
        style.font.color.rgb = BLUE
    for name in (TABLE_CAPTION, FIGURE_CAPTION):
        style = doc.styles.add_style(name, 1)
        assert isinstance(style, ParagraphStyle)
        style.base_style = doc.styles["Normal"]
        style.font.bold = True
        style.font.size = Pt(9)
        style.font.color.rgb = BLUE
        above = name == TABLE_CAPTION  # a table's caption is above it, a figure's below
        style.paragraph_format.keep_with_next = above
        style.paragraph_format.space_before = Pt(10 if above else 3)
        style.paragraph_format.space_after = Pt(3 if above else 10)
    for name, size in TABLE_TEXT.items():
        cells = doc.styles.add_style(name, 1)
        assert isinstance(cells, ParagraphStyle)
        assert cells.style_id == TABLE_TEXT_ID[size]
        cells.base_style = doc.styles["Normal"]
        cells.font.size = Pt(size)
        cells.paragraph_format.space_before = cells.paragraph_format.space_after = Pt(0)
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    doc.core_properties.title = report.title
    doc.core_properties.author = report.administration
    doc.core_properties.language = "tr-TR"
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    # the cover is the first page: a first-page header and footer of its own, left empty
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.first_page_footer.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.text = f"{report.administration} — {report.title}"
    header.runs[0].font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE", "1")


def _cover(doc: Document, report: Report) -> None:
    for line in report.cover.lines_above:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold = True
        run.font.size = Pt(14)
    for text, size in ((report.cover.title, 24), (str(report.cover.year), 36)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(48)
        run = p.add_run(text)
        run.bold = True
        run.font.size = Pt(size)
        run.font.color.rgb = BLUE
    for line in report.cover.lines_below:
        p = doc.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_break(doc)


def _front(doc: Document, report: Report) -> None:
    if report.abbreviations:
        _paragraph(doc, "KISALTMALAR LİSTESİ", "Title")
        rows = [[CellText(code), CellText(meaning)] for code, meaning in report.abbreviations]
        style, widths = _widths(doc, [list(column) for column in zip(*rows, strict=True)])
        body = (
            f"<w:tr>{_cell(code, widths[0], style=style)}{_cell(meaning, widths[1], style=style)}"
            "</w:tr>"
            for code, meaning in report.abbreviations
        )
        _insert_table(doc, widths, "".join(body))
        _page_break(doc)
    lists = (
        ("İÇİNDEKİLER", 'TOC \\o "1-4" \\h \\z \\u'),
        ("TABLO DİZİNİ", f'TOC \\h \\z \\t "{TABLE_CAPTION},1"'),
        ("ŞEKİL DİZİNİ", f'TOC \\h \\z \\t "{FIGURE_CAPTION},1"'),
    )
    for title, instruction in lists:
        _paragraph(doc, title, "Title")
        _field(
            doc.add_paragraph(), instruction, "Dizini oluşturmak için alanları güncelleyin (F9)."
        )
        _page_break(doc)


def _orientation(doc: Document, landscape: bool) -> None:
    current = doc.sections[-1]
    if (current.orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return
    section = doc.add_section()
    section.different_first_page_header_footer = False  # only the cover's page is bare
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long_ = Cm(21), Cm(29.7)
    section.page_width, section.page_height = (long_, short) if landscape else (short, long_)
    # as the PDF's landscape pages: narrower side margins for the widest tables
    section.left_margin = section.right_margin = Cm(1.4) if landscape else Cm(2)


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


def _cell(
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
) -> str:
    """A table cell (`w:tc`) as text: width, span, shading, one paragraph with one run."""
    properties = f'<w:tcW w:type="dxa" w:w="{width}"/>'
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
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
    """A row's cells as shown (each figure formatted once, for the widths and the XML)."""
    bold = row.kind in (RowKind.TOTAL, RowKind.SUBTOTAL, RowKind.GROUP)
    out = []
    for index, value in enumerate(row.cells):
        figure = value.fmt is not Fmt.TEXT
        indent = INDENT_TWIPS * row.indent if index == 0 and not figure else 0
        out.append(CellText(cell_text(value), bold, indent, breakable=not figure))
    return tuple(out)


def _table_rows(
    table: Table, cells: Sequence[tuple[CellText, ...]], widths: Sequence[int], style: str
) -> list[str]:
    """Every row of a table as WordprocessingML (`w:tr`), headers repeated on each page.

    Built as text and parsed once per table: python-docx's `add_row()`, `merge()` and run
    properties walk the XML tree for every cell, which made tables most of the DOCX's time.
    """
    header = '<w:trPr><w:tblHeader w:val="true"/></w:trPr>'
    rows = []
    if table.header_groups:
        groups, index = [], 0
        for group in table.header_groups:
            width = sum(widths[index : index + group.span])
            groups.append(_cell(group.label, width, span=group.span, style=style))
            index += group.span
        rows.append(f"<w:tr>{header}{''.join(groups)}</w:tr>")
    labels = (
        _cell(_heading(c.label), w, bold=True, shade=HEADER_FILL, style=style)
        for c, w in zip(table.columns, widths, strict=True)
    )
    rows.append(f"<w:tr>{header}{''.join(labels)}</w:tr>")
    for r, row in zip(table.rows, cells, strict=True):
        if r.kind is RowKind.NOTE:  # a long explanation may go on over the page
            merged = _cell(row[0].text, sum(widths), span=len(widths), style=style)
            rows.append(f"<w:tr>{merged}</w:tr>")
            continue
        if r.kind is RowKind.GROUP:  # a heading row, kept on the page of the row below it
            merged = _cell(
                row[0].text,
                sum(widths),
                span=len(widths),
                bold=True,
                shade=HEADER_FILL,
                style=style,
                keep_next=True,
            )
            rows.append(f"<w:tr>{merged}</w:tr>")
            continue
        xml = (
            _cell(c.text, w, bold=c.bold, right=not c.breakable, indent=c.indent, style=style)
            for c, w in zip(row, widths, strict=True)
        )
        rows.append(f"<w:tr>{''.join(xml)}</w:tr>")
    return rows


def _text_width(doc: Document) -> int:
    """The width between the margins of the current (last) section, in twips."""
    section = doc.sections[-1]
    sizes = (section.page_width, section.left_margin, section.right_margin)
    page, left, right = (int(size or 0) for size in sizes)  # all set by `_setup`
    return (page - left - right) // 635  # EMU per twip


def _widths(doc: Document, columns: Sequence[Sequence[CellText]]) -> tuple[str, tuple[int, ...]]:
    """The paragraph style of a table's cells (the smaller text only where the larger would
    split a figure or a word) and its column widths."""
    size, widths = table_layout(columns, _text_width(doc), sorted(TABLE_TEXT.values())[::-1])
    return TABLE_TEXT_ID[size], widths


def _table_widths(
    doc: Document, table: Table, cells: Sequence[tuple[CellText, ...]]
) -> tuple[str, tuple[int, ...]]:
    """Each column measured on its header and its body cells (a spanning row is left out: it
    wraps over the whole width)."""
    columns = [[CellText(_heading(c.label), bold=True, heading=True)] for c in table.columns]
    for r, row in zip(table.rows, cells, strict=True):
        if r.kind not in (RowKind.NOTE, RowKind.GROUP):
            for column, cell in zip(columns, row, strict=True):
                column.append(cell)
    return _widths(doc, columns)


def _insert_table(doc: Document, widths: Sequence[int], rows: str) -> None:
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


def _bookmark_name(prefix: str, number: int, key: str) -> str:
    """A hidden bookmark name, unique by the number, readable by the key ("_Tablo5_fr_execution";
    Word's limit is 40 characters: letters, digits, underscores)."""
    return f"_{prefix}{number}_{re.sub(r'[^0-9A-Za-z]', '_', key)}"[:40]


def _caption(
    doc: Document, label: str, word: str, number: int, bookmark: str, style: str
) -> DocxParagraph:
    """ "Tablo 5. …" with the number as a `SEQ Tablo` field (its current value cached), the
    label and number inside a bookmark that a `REF` field can point to."""
    prefix = f"{word} {number}"
    assert label.startswith(prefix), label
    paragraph = _paragraph(doc, "", style)
    mark = len(doc.element.body) + 1  # unique: the body only grows
    xml = (
        f"<w:p {nsdecls('w')}>"
        f'<w:bookmarkStart w:id="{mark}" w:name="{bookmark}"/>'
        f'<w:r><w:t xml:space="preserve">{escape(word)} </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> SEQ {word} \\* ARABIC </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{number}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:bookmarkEnd w:id="{mark}"/>'
        f'<w:r><w:t xml:space="preserve">{escape(label[len(prefix) :])}</w:t></w:r>'
        "</w:p>"
    )
    paragraph._p.extend(list(parse_xml(xml)))
    return paragraph


def _table(doc: Document, table: Table) -> None:
    _orientation(doc, table.landscape)
    bookmark = _bookmark_name("Tablo", table.number, table.key)
    _caption(doc, table.label, "Tablo", table.number, bookmark, TABLE_CAPTION)
    cells = [_row_cells(r) for r in table.rows]
    style, widths = _table_widths(doc, table, cells)
    _insert_table(doc, widths, "".join(_table_rows(table, cells, widths, style)))


_REF_PREFIX = {"tablo": "Tablo", "sekil": "Sekil"}  # the caption bookmarks' prefixes


def _text_runs(paragraph: DocxParagraph, spans: tuple[Span, ...], *, bold: bool = False) -> None:
    """A paragraph's runs: bold words bold, a cross-reference a `REF` field to its caption's
    bookmark (its label cached), so that Word renumbers it with the caption."""
    for span in spans:
        if span.ref:
            kind, _sep, key = span.ref.partition(":")
            mark = _bookmark_name(_REF_PREFIX[kind], span.number, key)
            _field(paragraph, f" REF {mark} \\h ", span.text)
            if bold or span.bold:
                for run in paragraph.runs[-2:-1]:
                    run.bold = True
        else:
            paragraph.add_run(span.text).bold = bold or span.bold or None


def _block(doc: Document, block: Block, png: ChartPng) -> None:
    if isinstance(block, Paragraph):
        _text_runs(doc.add_paragraph(), block.runs, bold=block.emphasis)
    elif isinstance(block, BulletList):
        for runs in block.item_runs:
            _text_runs(_paragraph(doc, "", "List Bullet"), runs)
    elif isinstance(block, Definitions):
        for label, value in block.items:
            p = doc.add_paragraph()
            p.add_run(f"{label}: ").bold = True
            p.add_run(value)
    elif isinstance(block, Table):
        _table(doc, block)
        _orientation(doc, False)
    elif isinstance(block, Figure):
        _orientation(doc, False)
        width = Cm(8) if block.small else Cm(15)
        doc.add_picture(io.BytesIO(png(block)), width=width)
        picture = doc.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True  # the caption is below it
        bookmark = _bookmark_name("Sekil", block.number, block.key)
        caption = _caption(doc, block.label, "Şekil", block.number, bookmark, FIGURE_CAPTION)
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        assert isinstance(block, Signature)
        for text in (block.place, block.date, block.name, block.title):
            if text:
                p = doc.add_paragraph(text)
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _section(doc: Document, section: Section, depth: int, png: ChartPng) -> None:
    if section.new_page and depth == 1:
        _page_break(doc)
    _paragraph(doc, section.heading, f"Heading {min(depth, 5)}")
    for block in section.blocks:
        _block(doc, block, png)
    for child in section.sections:
        _section(doc, child, depth + 1, png)


def render_docx(report: Report, png: ChartPng) -> bytes:
    doc = new_document()
    _setup(doc, report)
    _cover(doc, report)
    _front(doc, report)
    for section in report.sections:
        _section(doc, section, 1, png)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
