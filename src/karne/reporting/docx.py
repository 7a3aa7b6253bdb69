"""DOCX that a strategy unit can keep editing: real headings, styles, tables, fields.

Headings use Word's built-in "Heading n" styles, so the table-of-contents field works; captions
use two paragraph styles of their own, so the lists of tables and figures are TOC fields too.
Word updates the fields when the file is opened (the settings ask it to). Table rows are written
as WordprocessingML text and parsed once per table (python-docx builds them cell by cell).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph

from karne.core.report_content.model import (
    Block,
    BulletList,
    Definitions,
    Figure,
    Fmt,
    Paragraph,
    Report,
    RowKind,
    Section,
    Signature,
    Table,
)
from karne.reporting.formats import cell_text

FONT = "Arial"  # present in Word everywhere; LibreOffice maps it to a metric twin
TABLE_CAPTION = "Tablo Başlığı"
FIGURE_CAPTION = "Şekil Başlığı"
BLUE = RGBColor(0x1F, 0x4E, 0x79)
HEADER_FILL = "DCE6F0"
INDENT_TWIPS = 170  # 0.3 cm per level of indentation
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
        table = doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for code, meaning in report.abbreviations:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = code, meaning
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
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long_ = Cm(21), Cm(29.7)
    section.page_width, section.page_height = (long_, short) if landscape else (short, long_)


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
) -> str:
    """A table cell (`w:tc`) as text: width, span, shading, one paragraph with one run."""
    properties = f'<w:tcW w:type="dxa" w:w="{width}"/>'
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if shade:
        properties += f'<w:shd w:val="clear" w:fill="{shade}"/>'
    paragraph = ""
    if indent:
        paragraph += f'<w:ind w:left="{indent}"/>'
    if right:
        paragraph += '<w:jc w:val="right"/>'
    if paragraph:
        paragraph = f"<w:pPr>{paragraph}</w:pPr>"
    run = _runs(text, bold) if text else ""
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p>{paragraph}{run}</w:p></w:tc>"


def _table_rows(table: Table, widths: list[int]) -> list[str]:
    """Every row of a table as WordprocessingML (`w:tr`), headers repeated on each page.

    Built as text and parsed once per table: python-docx's `add_row()`, `merge()` and run
    properties walk the XML tree for every cell, which made tables most of the DOCX's time.
    """
    header = '<w:trPr><w:tblHeader w:val="true"/></w:trPr>'
    rows = []
    if table.header_groups:
        cells, index = [], 0
        for group in table.header_groups:
            width = sum(widths[index : index + group.span])
            cells.append(_cell(group.label, width, span=group.span))
            index += group.span
        rows.append(f"<w:tr>{header}{''.join(cells)}</w:tr>")
    labels = (
        _cell(c.label, w, bold=True, shade=HEADER_FILL)
        for c, w in zip(table.columns, widths, strict=True)
    )
    rows.append(f"<w:tr>{header}{''.join(labels)}</w:tr>")
    for r in table.rows:
        if r.kind in (RowKind.NOTE, RowKind.GROUP):
            heading = r.kind is RowKind.GROUP
            text = cell_text(r.cells[0])
            shade = HEADER_FILL if heading else ""
            merged = _cell(text, sum(widths), span=len(widths), bold=heading, shade=shade)
            rows.append(f"<w:tr>{merged}</w:tr>")
            continue
        bold = r.kind in (RowKind.TOTAL, RowKind.SUBTOTAL)
        cells = [
            _cell(
                cell_text(value),
                width,
                bold=bold,
                right=value.fmt is not Fmt.TEXT,
                indent=INDENT_TWIPS * r.indent if index == 0 and value.fmt is Fmt.TEXT else 0,
            )
            for index, (value, width) in enumerate(zip(r.cells, widths, strict=True))
        ]
        rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
    return rows


def _table(doc: Document, table: Table) -> None:
    _orientation(doc, table.landscape)
    _paragraph(doc, table.label, TABLE_CAPTION)
    out = doc.add_table(rows=0, cols=len(table.columns))
    out.style = "Table Grid"
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl = out._tbl
    widths = [int(w) for w in tbl.tblGrid.xpath("w:gridCol/@w:w")]
    rows = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(_table_rows(table, widths))}</w:tbl>")
    tbl.extend(list(rows))


def _block(doc: Document, block: Block, png: ChartPng) -> None:
    if isinstance(block, Paragraph):
        p = doc.add_paragraph()
        p.add_run(block.text).bold = block.emphasis or None
    elif isinstance(block, BulletList):
        for item in block.items:
            _paragraph(doc, item, "List Bullet")
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
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption = _paragraph(doc, block.label, FIGURE_CAPTION)
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
