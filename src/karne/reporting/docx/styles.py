"""The DOCX's styles and page set-up: one place for the font, the caption and table-text
styles, the running header and the page number, so a strategy unit restyles the document by
changing a style, not each paragraph."""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

from karne.core.report_content.model import (
    Report,
)
from karne.reporting.docx.fields import add_field

FONT = "Arial"  # present in Word everywhere; LibreOffice maps it to a metric twin

TABLE_CAPTION = "Tablo Başlığı"

INDEX_ENTRY = "table of figures"  # Word's style of a list of tables' or figures' entries

FIGURE_CAPTION = "Şekil Başlığı"
# every paragraph inside a table is in one of two styles: one place to resize them all

TABLE_TEXT = {"Tablo Metni": 9.0, "Tablo Metni Dar": 8.0}  # the second for the widest tables

TABLE_TEXT_ID = {size: name.replace(" ", "") for name, size in TABLE_TEXT.items()}

BLUE = RGBColor(0x1F, 0x4E, 0x79)

HEADER_FILL = "DCE6F0"

INDENT_TWIPS = 170  # 0.3 cm per level of indentation

CELL_MARGIN_Y = 20  # twips above and below a cell's text (1 pt), so it does not touch the rules


_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _arial_in_turkish(properties: BaseOxmlElement) -> None:
    """A run-properties element (`w:rPr`) with Arial for every script, no theme font (Word
    prefers a theme's font to the named one: the headings came out in Calibri) and Turkish as
    the language (Word's spelling and its change-case follow it)."""
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for name in _THEME_FONTS:
        fonts.attrib.pop(qn(name), None)
    for name in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(name), FONT)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), "tr-TR")
    language.set(qn("w:bidi"), "ar-SA")


def setup(doc: Document, report: Report) -> None:
    defaults = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if defaults is not None:
        _arial_in_turkish(defaults)
    for fonts in doc.styles.element.iter(qn("w:rFonts")):  # in every style, table styles too
        for name in _THEME_FONTS:
            fonts.attrib.pop(qn(name), None)
        for name in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(name), FONT)
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
    # Word's own names for the index entries' styles, so that an updated index keeps them
    for name, level in (*((f"toc {n}", n) for n in range(1, 5)), (INDEX_ENTRY, 1)):
        entry = doc.styles.add_style(name, 1)
        assert isinstance(entry, ParagraphStyle)
        entry.base_style = doc.styles["Normal"]
        entry.paragraph_format.left_indent = Cm(0.5 * (level - 1))
        entry.paragraph_format.space_before = Pt(0)
        entry.paragraph_format.space_after = Pt(2)
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
    add_field(footer, "PAGE", "1")
