"""The DOCX document in reading order: cover, front matter, sections and their blocks, each
block on a page of the orientation it needs."""

from __future__ import annotations

import io
from collections.abc import Callable

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from karne.core.report_content.model import (
    Block,
    BulletList,
    Definitions,
    Figure,
    Paragraph,
    Report,
    Section,
    Signature,
    Table,
)
from karne.reporting.docx.fields import (
    add_caption,
    add_index,
    add_page_break,
    add_paragraph,
    add_text_runs,
    bookmark_name,
    breaks_before,
)
from karne.reporting.docx.styles import BLUE, FIGURE_CAPTION, INDEX_ENTRY, TABLE_CAPTION, setup
from karne.reporting.docx.tables import add_table, cell_xml, column_widths, insert_table
from karne.reporting.placement import Place, landscape_places
from karne.reporting.widths import CellText

ChartPng = Callable[[Figure], bytes]  # a figure's chart as PNG bytes


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
    add_page_break(doc)


def _front(doc: Document, report: Report) -> None:
    if report.abbreviations:
        add_paragraph(doc, "KISALTMALAR LİSTESİ", "Title")
        rows = [[CellText(code), CellText(meaning)] for code, meaning in report.abbreviations]
        style, widths = column_widths(doc, [list(column) for column in zip(*rows, strict=True)])
        body = (
            f"<w:tr>{cell_xml(code, widths[0], style=style)}"
            f"{cell_xml(meaning, widths[1], style=style)}</w:tr>"
            for code, meaning in report.abbreviations
        )
        insert_table(doc, widths, "".join(body))
        add_page_break(doc)
    headings = [(s.heading, f"toc {depth}") for depth, s in report.walk() if depth <= 4]
    lists = (
        ("İÇİNDEKİLER", 'TOC \\o "1-4" \\h \\z \\u', headings),
        (
            "TABLO DİZİNİ",
            f'TOC \\h \\z \\t "{TABLE_CAPTION},1"',
            [(t.label, INDEX_ENTRY) for t in report.tables()],
        ),
        (
            "ŞEKİL DİZİNİ",
            f'TOC \\h \\z \\t "{FIGURE_CAPTION},1"',
            [(f.label, INDEX_ENTRY) for f in report.figures()],
        ),
    )
    for title, instruction, entries in lists:
        add_paragraph(doc, title, "Title")
        add_index(doc, instruction, entries)
        add_page_break(doc)


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


def _block(doc: Document, block: Block, png: ChartPng) -> None:
    if isinstance(block, Paragraph):
        add_text_runs(doc.add_paragraph(), block.runs, bold=block.emphasis)
    elif isinstance(block, BulletList):
        for runs in block.item_runs:
            add_text_runs(add_paragraph(doc, "", "List Bullet"), runs)
    elif isinstance(block, Definitions):
        for label, value in block.items:
            p = doc.add_paragraph()
            p.add_run(f"{label}: " if value else label).bold = True
            if value:
                p.add_run(value)
    elif isinstance(block, Table):
        add_table(doc, block)
    elif isinstance(block, Figure):
        width = Cm(8) if block.small else Cm(15)
        doc.add_picture(io.BytesIO(png(block)), width=width)
        picture = doc.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True  # the caption is below it
        bookmark = bookmark_name("Sekil", block.number, block.key)
        caption = add_caption(doc, block.label, "Şekil", block.number, bookmark, FIGURE_CAPTION)
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        assert isinstance(block, Signature)
        for text in (block.place, block.date, block.name, block.title):
            if text:
                p = doc.add_paragraph(text)
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _section(
    doc: Document, section: Section, depth: int, png: ChartPng, landscape: frozenset[Place]
) -> None:
    """The section's heading and blocks, each on a page of the orientation `placement` gives it
    (the PDF's): a landscape table with its introduction, portrait again after it."""
    if section.new_page and depth == 1:
        add_page_break(doc)
    _orientation(doc, (section.key, -1) in landscape)
    add_paragraph(doc, section.heading, f"Heading {min(depth, 5)}")
    for index, block in enumerate(section.blocks):
        _orientation(doc, (section.key, index) in landscape)
        _block(doc, block, png)
    for child in section.sections:
        _section(doc, child, depth + 1, png, landscape)


def render_docx(report: Report, png: ChartPng) -> bytes:
    doc = new_document()
    setup(doc, report)
    _cover(doc, report)
    _front(doc, report)
    landscape = landscape_places(report)
    for section in report.sections:
        _section(doc, section, 1, png, landscape)
    breaks_before(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
