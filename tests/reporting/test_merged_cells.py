"""A form's programme, sub-programme and objective stand once over their indicators (Form-4):
merged cells in the DOCX, cells spanning their rows in the PDF, the value repeated in the XLSX so a
sorted sheet keeps it."""

from __future__ import annotations

from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from karne.core.report_content.model import Table
from karne.reporting.docx.styles import TABLE_CAPTION
from karne.reporting.html import render_table
from tests.reporting.conftest import Generated

FR = "faaliyet-raporu"


def form4(docs: Generated) -> Table:
    return next(t for t in docs.reports[FR].tables() if t.key == "fr.form4")


def test_the_docx_merges_each_sub_program_s_cells(docs: Generated) -> None:
    table = form4(docs)
    document = Document(str(docs.path(FR, "docx")))
    caption = next(
        p
        for p in document.paragraphs
        if p.text == table.label and p.style is not None and p.style.name == TABLE_CAPTION
    )  # the table's caption, not its entry in the list of tables
    element = caption._p.getnext()
    while element.tag != qn("w:tbl"):
        element = element.getnext()
    body = element.findall(qn("w:tr"))[1 + bool(table.header_groups) :]
    assert len(body) == len(table.rows)
    starts = 0
    for tr, r in zip(body, table.rows, strict=True):
        merges = []
        for tc in tr.findall(qn("w:tc"))[:3]:
            mark = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            merges.append("" if mark is None else mark.get(qn("w:val")))
        if r.cells[0].value:
            starts += 1
            # a sub-programme of one indicator merges nothing
            assert merges in (["restart"] * 3, [""] * 3)
        else:
            assert merges == ["continue"] * 3
    assert starts == len({r.cells[1].value for r in table.rows if r.cells[1].value})


def test_the_pdf_spans_each_sub_program_s_cells_over_its_indicators(docs: Generated) -> None:
    """One cell per sub-programme and column, spanning its indicators' rows: the objective's
    text flows down beside them, with no line inside it."""
    table = form4(docs)
    html = render_table(table)
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    rows = body.split("<tr")[1:]
    assert len(rows) == len(table.rows)
    spans = []
    for tr, r in zip(rows, table.rows, strict=True):
        cells = tr.count("<td")
        if r.cells[0].value:
            spans.append(0)
            assert cells == len(table.columns)
        else:
            spans[-1] += 1
            assert cells == len(table.columns) - 3  # the three merged columns are above
    assert any(spans)
    for covered in spans:
        if covered:
            assert body.count(f'rowspan="{covered + 1}"') >= 3


def test_the_spreadsheet_repeats_what_the_documents_merge(docs: Generated) -> None:
    table = form4(docs)
    workbook = load_workbook(docs.path(FR, "xlsx"), read_only=True)
    sheet = next(
        workbook[name]
        for name in workbook.sheetnames
        if any(
            table.title in str(c.value) for row in workbook[name].iter_rows(max_row=1) for c in row
        )
    )
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    names = [r.cells[3].value for r in table.rows]
    found = [row for row in rows if len(row) > 3 and row[3] in names]
    assert len(found) == len(names)
    assert all(row[0] and row[1] and row[2] for row in found)
    for row, r in zip(found, table.rows, strict=True):
        if r.cells[0].value:
            head = row[:3]
        assert row[:3] == head
