"""DOCX that a strategy unit can keep editing: real headings, styles, tables, fields.

Headings use Word's built-in "Heading n" styles, so the table-of-contents field works; captions
use two paragraph styles of their own, so the lists of tables and figures are TOC fields too.
Word updates the fields when the file is opened (the settings ask it to). Tables are built row
by row (`add_row().cells`), never with `table.cell(r, c)`, which is quadratic in python-docx.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
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
        doc.add_paragraph("KISALTMALAR LİSTESİ", style="Title")
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
        doc.add_paragraph(title, style="Title")
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


def _repeat_header(row_element: object) -> None:
    tr_pr = row_element._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _shade(cell: object, colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    tc_pr.append(shading)


def _table(doc: Document, table: Table) -> None:
    _orientation(doc, table.landscape)
    doc.add_paragraph(table.label, style=TABLE_CAPTION)
    width = len(table.columns)
    out = doc.add_table(rows=0, cols=width)
    out.style = "Table Grid"
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    if table.header_groups:
        row = out.add_row()
        cells, index = row.cells, 0
        for group in table.header_groups:
            if group.span > 1:
                cells[index].merge(cells[index + group.span - 1])
            cells[index].text = group.label
            index += group.span
        _repeat_header(row)
    header = out.add_row()
    for cell, column in zip(header.cells, table.columns, strict=True):
        cell.text = column.label
        _shade(cell, "DCE6F0")
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_header(header)
    for r in table.rows:
        cells = out.add_row().cells
        if r.kind in (RowKind.NOTE, RowKind.GROUP):
            merged = cells[0].merge(cells[width - 1]) if width > 1 else cells[0]
            merged.text = cell_text(r.cells[0])
            if r.kind is RowKind.GROUP:
                merged.paragraphs[0].runs[0].bold = True
                _shade(merged, "DCE6F0")
            continue
        bold = r.kind in (RowKind.TOTAL, RowKind.SUBTOTAL)
        for index, (cell, value) in enumerate(zip(cells, r.cells, strict=True)):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(cell_text(value))
            run.bold = bold or None
            if value.fmt is not Fmt.TEXT:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif index == 0 and r.indent:
                paragraph.paragraph_format.left_indent = Cm(0.3 * r.indent)


def _block(doc: Document, block: Block, png: ChartPng) -> None:
    if isinstance(block, Paragraph):
        p = doc.add_paragraph()
        p.add_run(block.text).bold = block.emphasis or None
    elif isinstance(block, BulletList):
        for item in block.items:
            doc.add_paragraph(item, style="List Bullet")
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
        caption = doc.add_paragraph(block.label, style=FIGURE_CAPTION)
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
    doc.add_heading(section.heading, level=min(depth, 5))
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
