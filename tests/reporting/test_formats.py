"""The generated files themselves: every standard table is present in the PDF (text
extraction), the DOCX and the XLSX, with the core's figures, for both datasets."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal

import pytest
from docx import Document
from docx.text.paragraph import Paragraph
from openpyxl import load_workbook
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from karne.core.report_content.model import Fmt, RowKind
from karne.reporting.formats import cell_text
from karne.reporting.html import figure_id, section_id, table_id
from karne.reporting.xlsx import sheet_name
from tests.reporting.conftest import Generated
from tests.reporting.expected import (
    budget_year_cost,
    execution_totals,
    indicator_rates,
    staff_total,
)

KINDS = ("performans-programi", "faaliyet-raporu")


def pdf_text(docs: Generated, kind: str) -> str:
    return re.sub(r"\s+", " ", " ".join(docs.pdf_pages(kind)))


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_has_every_table_and_figure_and_front_matter(docs: Generated, kind: str) -> None:
    text = pdf_text(docs, kind)
    report = docs.reports[kind]
    assert "İÇİNDEKİLER" in text
    assert "TABLO DİZİNİ" in text
    for table in report.tables():
        assert text.count(table.label) >= 2, table.label  # in the list of tables and the body
    for figure in report.figures():
        assert figure.label in text, figure.label
    for _depth, section in report.walk():
        assert section.heading in text, section.heading


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_lists_give_the_pages_where_headings_tables_and_figures_are(
    docs: Generated, kind: str
) -> None:
    """Each entry of the table of contents and of the lists of tables and figures gives the page
    that holds its anchor (the PDF's named destination), the entry's text is on that page, and
    that page's footer prints the same number."""
    reader = PdfReader(docs.path(kind, "pdf"))
    pages = docs.pdf_pages(kind)
    where = {
        name: reader.get_destination_page_number(destination)
        for name, destination in reader.named_destinations.items()
    }
    report = docs.reports[kind]
    entries = [
        *((s.heading, section_id(s)) for _depth, s in report.walk()),
        *((t.label, table_id(t)) for t in report.tables()),
        *((f.label, figure_id(f)) for f in report.figures()),
    ]
    last_list = max(i for i, text in enumerate(pages) if "İÇİNDEKİLER" in text or "DİZİNİ" in text)
    lists = " ".join(pages[: last_list + 1])
    for text, anchor in entries:
        listed = re.search(re.escape(text) + r"(?: \.)+ (\d+)", lists)
        assert listed, text
        number = int(listed.group(1))
        page = where[anchor]
        assert page is not None, text  # the anchor is on a page of the document
        assert page == number - 1, (text, number, page + 1)
        assert text in pages[number - 1], text
        assert pages[number - 1].rsplit(" ", 1)[-1] == str(number), text  # the footer
    chapters = [item.title for item in reader.outline if not isinstance(item, list)]
    for section in report.sections:  # bookmarks: every chapter at the top level
        assert section.heading in chapters, section.heading


def test_pdf_figures_agree_with_the_core(docs: Generated) -> None:
    text = pdf_text(docs, "faaliyet-raporu")
    for figure in execution_totals(docs.evaluation):
        assert figure in text, figure
    for code, rate in indicator_rates(docs.evaluation).items():
        assert rate in text, code
    total = staff_total(docs.dataset, docs.reports["faaliyet-raporu"].document)
    if total != "0":
        assert f"toplam {total} personel" in text
    pp_text = pdf_text(docs, "performans-programi")
    assert (
        budget_year_cost(docs.dataset, docs.reports["performans-programi"].document, docs.year)
        in pp_text
    )


def test_pdf_is_tagged_and_embeds_a_turkish_font(docs: Generated) -> None:
    reader = PdfReader(docs.path("faaliyet-raporu", "pdf"))
    assert "/StructTreeRoot" in reader.root_object
    fonts = set()
    for page in reader.pages[:6]:
        resources = page["/Resources"]
        assert isinstance(resources, DictionaryObject)
        for font in resources.get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    # the embedded subset of DejaVu Sans (declared as "Karne Sans" by pdf.py)
    assert any("Karne-Sans" in f for f in fonts), fonts
    text = pdf_text(docs, "faaliyet-raporu")
    for word in ("İÇİNDEKİLER", "ŞEKİL DİZİNİ", "Gerçekleşme", "Değer"):
        assert word in text, word


def style_name(paragraph: Paragraph) -> str:
    """Every paragraph karne writes has a named style (python-docx gives `None` for a document
    without a default paragraph style, and for a style without a name)."""
    style = paragraph.style
    assert style is not None, paragraph.text
    name = style.name
    assert isinstance(name, str), paragraph.text
    return name


@pytest.mark.parametrize("kind", KINDS)
def test_docx_has_headings_captions_tables_and_fields(docs: Generated, kind: str) -> None:
    report = docs.reports[kind]
    document = Document(str(docs.path(kind, "docx")))
    headings = [p.text for p in document.paragraphs if style_name(p).startswith("Heading")]
    assert headings == [s.heading for _d, s in report.walk()]
    captions = [p.text for p in document.paragraphs if style_name(p) == "Tablo Başlığı"]
    assert captions == [t.label for t in report.tables()]
    assert len(document.tables) == len(report.tables()) + (1 if report.abbreviations else 0)
    archive = zipfile.ZipFile(docs.path(kind, "docx"))
    assert "TOC \\o" in archive.read("word/document.xml").decode()
    assert ">PAGE<" in document.sections[0].footer._element.xml
    # each table's cells, row by row, are the content model's cells as Turkish text
    offset = 1 if report.abbreviations else 0
    for table, docx_table in zip(report.tables(), document.tables[offset:], strict=True):
        header_rows = 2 if table.header_groups else 1
        # a merged cell (Form-4's programme) reads as the cell it continues
        expected: list[list[str]] = []
        for r, continues in zip(table.rows, table.continues(), strict=True):
            if r.kind in (RowKind.NOTE, RowKind.GROUP):
                continue
            shown = [cell_text(c) for c in r.cells]
            expected.append(
                [
                    expected[-1][i] if m else t
                    for i, (t, m) in enumerate(zip(shown, continues, strict=True))
                ]
            )
        docx_rows = [
            [c.text for c in row.cells]
            for row in docx_table.rows[header_rows:]
            if len({id(c._tc) for c in row.cells}) > 1
        ]
        assert docx_rows == expected, table.label


def test_docx_tables_repeat_headers_keep_rows_whole_span_group_rows_and_mark_totals(
    docs: Generated,
) -> None:
    report = docs.reports["faaliyet-raporu"]
    document = Document(str(docs.path("faaliyet-raporu", "docx")))
    offset = 1 if report.abbreviations else 0
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for table, docx_table in zip(report.tables(), document.tables[offset:], strict=True):
        header_rows = 2 if table.header_groups else 1
        rows = docx_table._tbl.findall(f"{w}tr")
        assert len(rows) == header_rows + len(table.rows), table.label
        for row in rows[:header_rows]:
            assert row.find(f"{w}trPr/{w}tblHeader") is not None, table.label
        for r, row in zip(table.rows, rows[header_rows:], strict=True):
            cells = row.findall(f"{w}tc")
            # a row of figures is not split over a page break; a long note may be
            whole = row.find(f"{w}trPr/{w}cantSplit") is not None
            assert whole == (r.kind is not RowKind.NOTE), table.label
            if r.kind in (RowKind.NOTE, RowKind.GROUP):
                assert len(cells) == 1, table.label
                span = cells[0].find(f"{w}tcPr/{w}gridSpan")
                assert span is not None, table.label
                assert span.get(f"{w}val") == str(len(table.columns)), table.label
                continue
            assert len(cells) == len(table.columns), table.label
            total = r.kind in (RowKind.TOTAL, RowKind.SUBTOTAL)
            for run in row.iter(f"{w}r"):
                assert (run.find(f"{w}rPr/{w}b") is not None) == total, table.label


@pytest.mark.parametrize("kind", KINDS)
def test_docx_indexes_list_their_entries_before_word_updates_them(
    docs: Generated, kind: str
) -> None:
    """A reader that does not update fields still sees the contents, the tables and the
    figures listed: the TOC fields' cached results are their entries (Word numbers them)."""
    report = docs.reports[kind]
    document = Document(str(docs.path(kind, "docx")))
    styles = [(p.text, style_name(p)) for p in document.paragraphs]
    contents = [(text, style) for text, style in styles if style.startswith("toc ")]
    assert contents == [(s.heading, f"toc {d}") for d, s in report.walk() if d <= 4]
    listed = [text for text, style in styles if style == "table of figures"]
    assert listed == [t.label for t in report.tables()] + [f.label for f in report.figures()]
    # each index is one field: begun in its first entry, ended in its last
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    marks = [
        "TOC"
        if e.tag == f"{w}instrText" and (e.text or "").startswith("TOC")
        else e.get(f"{w}fldCharType")
        for e in document.element.body.iter(f"{w}instrText", f"{w}fldChar")
        if e.tag == f"{w}fldChar" or (e.text or "").startswith("TOC")
    ]
    indexes = [i for i, m in enumerate(marks) if m == "TOC"]
    assert len(indexes) == 3
    for i in indexes:  # begin, TOC, separate, …, end: no other field inside it
        assert marks[i - 1 : i + 2] == ["begin", "TOC", "separate"]
        assert marks[i + 2] == "end"


@pytest.mark.parametrize("kind", KINDS)
def test_xlsx_has_one_sheet_per_table_with_numbers(docs: Generated, kind: str) -> None:
    report = docs.reports[kind]
    book = load_workbook(docs.path(kind, "xlsx"))
    assert book.sheetnames == ["Tablolar", *(sheet_name(t) for t in report.tables())]
    for table in report.tables():
        sheet = book[sheet_name(table)]
        assert sheet["A1"].value == table.label
        header_rows = 2 if table.header_groups else 1
        first = 2 + header_rows
        assert sheet.freeze_panes == f"B{first}"
        for index, r in enumerate(table.rows):
            for col, cell in enumerate(r.cells, start=1):
                stored = sheet.cell(first + index, col)
                if cell.fmt is not Fmt.TEXT and isinstance(cell.value, Decimal):
                    assert isinstance(stored.value, int | float), (table.label, stored.value)
                    written = Decimal(str(stored.value))
                    tolerance = Decimal("1e-6") * max(Decimal(1), abs(cell.value))
                    near = abs(written - cell.value) < tolerance
                    assert written == cell.value.normalize() or near, (table.label, cell.value)
                    assert stored.number_format.startswith(('"%"', "#,##0"))
        assert sheet.column_dimensions["A"].width >= 8
