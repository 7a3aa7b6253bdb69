"""The DOCX as a person keeps editing it: tables of fixed widths that fit the page and keep
every figure whole, captions numbered by `SEQ` fields inside bookmarks and kept with their table
or figure, a cover without running header or page number — checked in the XML, and once laid
out by LibreOffice (Writer, headless) with the text of the PDF it makes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement as _Element
from docx.section import Section
from docx.styles.style import ParagraphStyle
from pypdf import PdfReader

from karne.core.report_content.model import Fmt, Paragraph, RowKind
from karne.reporting.docx import FIGURE_CAPTION, TABLE_CAPTION, TABLE_TEXT_ID
from karne.reporting.docx.styles import INDEX_ENTRY
from karne.reporting.formats import cell_text
from karne.reporting.placement import short_table
from karne.reporting.widths import PADDING, text_width
from tests.reporting.conftest import Generated

KINDS = ("performans-programi", "faaliyet-raporu")
SIZE_OF_STYLE = {style: size for size, style in TABLE_TEXT_ID.items()}

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# CI may set KARNE_REQUIRE_LIBREOFFICE=1: there a missing LibreOffice is a failure, not a skip.
REQUIRED = os.environ.get("KARNE_REQUIRE_LIBREOFFICE") == "1"
if REQUIRED and not SOFFICE:
    raise RuntimeError("soffice is required (KARNE_REQUIRE_LIBREOFFICE=1)")


def text_width_of(section: Section) -> int:
    sizes = (section.page_width, section.left_margin, section.right_margin)
    page, left, right = (int(size or 0) for size in sizes)
    return (page - left - right) // 635


def tables_and_sections(document: DocxDocument) -> list[tuple[_Element, Section]]:
    """Each table of the body with the section it is in (a section ends at a paragraph that
    holds its `w:sectPr`)."""
    out, index = [], 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            out.append((child, document.sections[index]))
        elif child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            index += 1
    return out


def attr(element: _Element | None, name: str) -> str:
    assert element is not None
    value = element.get(qn(name))
    assert isinstance(value, str)
    return value


@pytest.mark.parametrize("kind", KINDS)
def test_docx_tables_have_fixed_widths_that_fit_the_page_and_every_figure(
    docs: Generated, kind: str
) -> None:
    report = docs.reports[kind]
    document = Document(str(docs.path(kind, "docx")))
    found = tables_and_sections(document)
    offset = 1 if report.abbreviations else 0
    assert len(found) == len(report.tables()) + offset
    for tbl, section in found:
        layout = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblLayout')}")
        assert attr(layout, "w:type") == "fixed"
        grid = [int(attr(col, "w:w")) for col in tbl.iter(qn("w:gridCol"))]
        assert sum(grid) == text_width_of(section)
        for tr in tbl.iter(qn("w:tr")):
            index = 0
            for tc in tr.iter(qn("w:tc")):
                span_element = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                span = 1 if span_element is None else int(attr(span_element, "w:val"))
                width = int(attr(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}"), "w:w"))
                assert width == sum(grid[index : index + span])
                index += span
            assert index == len(grid)
    for table, (tbl, section) in zip(report.tables(), found[offset:], strict=True):
        landscape = text_width_of(section) > text_width_of(document.sections[0])
        assert landscape == table.landscape, table.label
        grid = [int(attr(col, "w:w")) for col in tbl.iter(qn("w:gridCol"))]
        style = attr(next(tbl.iter(qn("w:pStyle"))), "w:val")
        size = SIZE_OF_STYLE[style]
        for row in table.rows:
            if row.kind in (RowKind.NOTE, RowKind.GROUP):
                continue
            bold = row.kind in (RowKind.TOTAL, RowKind.SUBTOTAL)
            for cell, width in zip(row.cells, grid, strict=True):
                if cell.fmt is not Fmt.TEXT:
                    shown = cell_text(cell)
                    assert text_width(shown, size, bold) + PADDING <= width, (table.label, shown)


def caption_fields(paragraph: _Element) -> tuple[str, str, str]:
    """The bookmark's name, the field's instruction and the text inside the bookmark."""
    children = list(paragraph)
    tags = [child.tag for child in children]
    start, end = tags.index(qn("w:bookmarkStart")), tags.index(qn("w:bookmarkEnd"))
    assert attr(children[start], "w:id") == attr(children[end], "w:id")
    inside = children[start + 1 : end]
    chars = [attr(c, "w:fldCharType") for run in inside for c in run.iter(qn("w:fldChar"))]
    assert chars == ["begin", "separate", "end"]
    instruction = "".join(t.text or "" for run in inside for t in run.iter(qn("w:instrText")))
    text = "".join(t.text or "" for run in inside for t in run.iter(qn("w:t")))
    return attr(children[start], "w:name"), instruction, text


@pytest.mark.parametrize("kind", KINDS)
def test_docx_captions_are_seq_fields_in_bookmarks_kept_with_their_table(
    docs: Generated, kind: str
) -> None:
    report = docs.reports[kind]
    document = Document(str(docs.path(kind, "docx")))
    names: list[str] = []
    for style, word, items in (
        (TABLE_CAPTION, "Tablo", [(t.label, t.number) for t in report.tables()]),
        (FIGURE_CAPTION, "Şekil", [(f.label, f.number) for f in report.figures()]),
    ):
        captions = [p for p in document.paragraphs if p.style is not None and p.style.name == style]
        assert [p.text for p in captions] == [label for label, _number in items]
        for paragraph, (_label, number) in zip(captions, items, strict=True):
            name, instruction, text = caption_fields(paragraph._p)
            assert instruction == f" SEQ {word} \\* ARABIC "
            assert text == f"{word} {number}"  # the cached result: Word shows it as is
            assert name.startswith("_")
            assert len(name) <= 40
            names.append(name)
    assert len(set(names)) == len(names)
    table_caption = document.styles[TABLE_CAPTION]
    assert isinstance(table_caption, ParagraphStyle)
    assert table_caption.paragraph_format.keep_with_next is True
    # a figure's picture keeps with its caption below it
    paragraphs = document.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if paragraph.style is not None and paragraph.style.name == FIGURE_CAPTION:
            picture = paragraphs[index - 1]
            assert picture._p.find(f".//{qn('w:drawing')}") is not None
            assert picture.paragraph_format.keep_with_next is True


@pytest.mark.parametrize("kind", KINDS)
def test_docx_cover_has_no_running_header_or_page_number(docs: Generated, kind: str) -> None:
    report = docs.reports[kind]
    document = Document(str(docs.path(kind, "docx")))
    cover = document.sections[0]
    assert cover.different_first_page_header_footer
    for part in (cover.first_page_header, cover.first_page_footer):
        assert not part.is_linked_to_previous
        assert all(not p.text for p in part.paragraphs)
        assert "fldChar" not in part._element.xml
    assert cover.header.paragraphs[0].text == f"{report.administration} — {report.title}"
    assert ">PAGE<" in cover.footer._element.xml
    # the other sections (landscape tables) keep the header on their first page
    assert all(not s.different_first_page_header_footer for s in document.sections[1:])


# --- laid out by LibreOffice -------------------------------------------------------------------


@pytest.fixture(scope="module", params=["reference", "small"])
def laid_out(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Generated, dict[str, Path]]:
    """Both documents of a dataset converted to PDF by LibreOffice Writer."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    generated = request.getfixturevalue(
        "ref_docs" if request.param == "reference" else "small_docs"
    )
    assert isinstance(generated, Generated)
    folder = tmp_path_factory.mktemp("libreoffice")
    sources = [generated.path(kind, "docx") for kind in KINDS]
    profile = f"-env:UserInstallation=file://{folder}/profile"
    convert = ["--convert-to", "pdf", "--outdir", str(folder)]
    subprocess.run(
        [SOFFICE, "--headless", profile, *convert, *map(str, sources)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdfs = {kind: folder / f"{generated.path(kind, 'docx').stem}.pdf" for kind in KINDS}
    if not all(path.exists() for path in pdfs.values()):
        message = "LibreOffice Writer is missing (Debian: libreoffice-writer-nogui)"
        if REQUIRED:
            raise RuntimeError(message)
        pytest.skip(message)
    return generated, pdfs


@pytest.mark.parametrize("kind", KINDS)
def test_libreoffice_splits_no_figure_and_no_word_of_a_table(
    laid_out: tuple[Generated, dict[str, Path]], kind: str
) -> None:
    """Every figure of every table is found whole in the laid-out text as often as the tables
    show it (a figure broken over two lines, "2.109.980.00" / "0", would be missing), and so is
    every word of their texts ("GÖÇMENL" / "ERE")."""
    generated, pdfs = laid_out
    report = generated.reports[kind]
    pages = [page.extract_text() or "" for page in PdfReader(pdfs[kind]).pages]
    text = "\n".join(pages)
    tokens = Counter(text.split())
    words = Counter(re.findall(r"\w+", text))
    figures: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for table in report.tables():
        for row in table.rows:
            for cell in row.cells:
                shown = cell_text(cell)
                if cell.fmt is not Fmt.TEXT and cell.value is not None:
                    figures[shown] += 1
                else:
                    names.update(w for w in re.findall(r"\w+", shown) if len(w) > 3)
    turkish_figures = [f for f in figures if re.search(r"\d{1,3}(\.\d{3})+(,\d+)?", f)]
    assert turkish_figures  # thousands separated figures (the budget's amounts) are among them
    broken = {f: (n, tokens[f]) for f, n in figures.items() if tokens[f] < n}
    assert not broken, broken
    split = {w: (n, words[w]) for w, n in names.items() if words[w] < n}
    assert not split, split
    # LibreOffice keeps the captions' numbers (it reads the SEQ fields) ...
    flat = re.sub(r"\s+", " ", text)
    labels = [t.label for t in report.tables()] + [f.label for f in report.figures()]
    for label in labels:  # in its list (the index's cached entries) and as the caption
        assert flat.count(re.sub(r"\s+", " ", label)) >= 2, label
    # ... and the text's references to them (REF fields) print those numbers
    for block in (b for _s, b in report.blocks() if isinstance(b, Paragraph)):
        if any(span.ref for span in block.runs):
            assert re.sub(r"\s+", " ", block.text) in flat, block.text
    # ... and leaves the cover without the running header and the page number
    running = f"{report.administration} — {report.title}"
    assert running not in pages[0]
    assert running in pages[1]
    assert "1" not in pages[0].split()
    assert "2" in pages[1].split()


def sections_of_body(document: DocxDocument) -> list[list[_Element]]:
    """The body's elements, section by section (a section ends at the paragraph holding its
    `w:sectPr`; the last one at the body's own)."""
    out: list[list[_Element]] = [[]]
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:sectPr"):
            continue
        out[-1].append(child)
        if child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            out.append([])
    return [s for s in out if s]


def has_content(element: _Element) -> bool:
    if element.tag == qn("w:tbl"):
        return True
    texts = "".join(t.text or "" for t in element.iter(qn("w:t")))
    return bool(texts.strip()) or element.find(f".//{qn('w:drawing')}") is not None


@pytest.mark.parametrize("kind", KINDS)
def test_docx_pages_break_before_paragraphs_and_no_section_is_empty(
    docs: Generated, kind: str
) -> None:
    """A page break is the next paragraph's "page break before" (a paragraph holding only a
    break spilled onto an empty page of its own at the foot of a full one), and no section is
    only an empty paragraph (two landscape tables in a row had a portrait page between them)."""
    document = Document(str(docs.path(kind, "docx")))
    body = document.element.body
    for paragraph in body.iterchildren(qn("w:p")):
        breaks = [b for b in paragraph.iter(qn("w:br")) if attr_or_none(b, "w:type") == "page"]
        assert not breaks, "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
    before = [
        p
        for p in body.iterchildren(qn("w:p"))
        if p.find(f".//{qn('w:pageBreakBefore')}") is not None
    ]
    assert before  # the chapters and the front matter start pages so
    for section in sections_of_body(document):
        assert any(has_content(e) for e in section)


def attr_or_none(element: _Element, name: str) -> str | None:
    value = element.get(qn(name))
    return None if value is None else str(value)


def test_docx_form3_s_label_lines_are_on_its_landscape_page(ref_docs: Generated) -> None:
    """The orientation follows the PDF's placement: the lines naming Form-3 ("Yıl", "Programın
    Adı"…) are in the landscape section of its table, not left on a portrait page."""
    report = ref_docs.reports["faaliyet-raporu"]
    document = Document(str(ref_docs.path("faaliyet-raporu", "docx")))
    form3 = [t for t in report.tables() if t.key.startswith("fr.form3")]
    assert form3
    index_entry = document.styles[INDEX_ENTRY].style_id
    for section, elements in zip(document.sections, sections_of_body(document), strict=False):
        texts = [
            ""  # the table's entry in the list of tables is not its caption
            if e.find(f"{qn('w:pPr')}/{qn('w:pStyle')}[@{qn('w:val')}='{index_entry}']") is not None
            else "".join(t.text or "" for t in e.iter(qn("w:t")))
            for e in elements
        ]
        for table in form3:
            if table.label in texts:
                at = texts.index(table.label)
                assert section.orientation == WD_ORIENT.LANDSCAPE
                assert any(t.startswith("Yıl: ") for t in texts[:at]), table.label


@pytest.mark.parametrize("kind", KINDS)
def test_libreoffice_lays_out_no_empty_page(
    laid_out: tuple[Generated, dict[str, Path]], kind: str
) -> None:
    """No page holds only the running header and the page number."""
    generated, pdfs = laid_out
    report = generated.reports[kind]
    running = f"{report.administration} — {report.title}"
    for number, page in enumerate(PdfReader(pdfs[kind]).pages, start=1):
        lines = [line.strip() for line in (page.extract_text() or "").split("\n") if line.strip()]
        rest = [line for line in lines if line != running and line != str(number)]
        assert rest or page.images, (kind, number)


def test_docx_styles_are_arial_in_turkish(ref_docs: Generated) -> None:
    """No style takes a theme's font (Word prefers it to the named one: the headings were
    Calibri in Word), and the document's language is Turkish (Word's spelling, its change-case
    of i/İ)."""
    document = Document(str(ref_docs.path("faaliyet-raporu", "docx")))
    styles = document.styles.element
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults is not None
    assert attr(defaults.find(qn("w:lang")), "w:val") == "tr-TR"
    for fonts in styles.iter(qn("w:rFonts")):
        assert not [k for k in fonts.attrib if k.endswith("Theme") or k.endswith("theme")]
    for name in ("Heading 1", "Heading 2", "Title"):
        style = document.styles[name]
        assert isinstance(style, ParagraphStyle)
        assert style.font.name == "Arial"


@pytest.mark.parametrize("kind", KINDS)
def test_docx_tables_start_with_rows_kept_together(docs: Generated, kind: str) -> None:
    """A short table (the PDF's rule: `placement.short_table`) keeps every row with the next;
    a longer one its header and first rows, so no table starts with its header and one row at
    the foot of a page."""
    report = docs.reports[kind]
    document = Document(str(docs.path(kind, "docx")))
    offset = 1 if report.abbreviations else 0
    for table, docx_table in zip(report.tables(), document.tables[offset:], strict=True):
        header_rows = 2 if table.header_groups else 1
        kept = []
        for tr in docx_table._tbl.findall(qn("w:tr"))[header_rows - 1 :]:
            marks = tr.findall(f".//{qn('w:pPr')}/{qn('w:keepNext')}")
            kept.append(bool(marks))
        # the (last) header row, then the body rows
        assert kept[0], table.label
        body = kept[1:]
        if short_table(table):
            assert all(body[:-1]), table.label
        elif len(body) > 3:
            assert all(body[:2]), table.label
        assert not body[-1] or table.rows[-1].kind is RowKind.GROUP, table.label
