"""The PDF's pages, read back: a heading is on the page of the table or figure it introduces (with
its short lead), Form-3's label lines are on the landscape page where its table starts, and
every heading and table is on a page of the orientation it was given — the text after a
landscape table is on portrait pages again — for both documents of both datasets."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from karne.core.report_content.model import Definitions, Figure, Paragraph, Report, Table
from karne.reporting.html import figure_id, section_id, table_id
from karne.reporting.placement import landscape_places
from tests.reporting.conftest import Generated

KINDS = ("performans-programi", "faaliyet-raporu")
SHORT_LEAD = 300  # html.py keeps a lead this short unsplit, with the table or figure after it


class Pages:
    def __init__(self, docs: Generated, kind: str) -> None:
        reader = PdfReader(docs.path(kind, "pdf"))
        self.text = docs.pdf_pages(kind)
        self.landscape = [page.mediabox.width > page.mediabox.height for page in reader.pages]
        self.where: dict[str, int] = {}
        for name, destination in reader.named_destinations.items():
            number = reader.get_destination_page_number(destination)
            assert number is not None, name
            self.where[str(name)] = number


def anchor(block: Table | Figure) -> str:
    return table_id(block) if isinstance(block, Table) else figure_id(block)


@pytest.mark.parametrize("kind", KINDS)
def test_a_heading_is_on_the_page_of_the_table_or_figure_it_introduces(
    docs: Generated, kind: str
) -> None:
    """A section that opens with a table or a figure, or with one short paragraph and then a
    table or a figure, starts on the page where that table or figure starts."""
    report = docs.reports[kind]
    pages = Pages(docs, kind)
    checked = 0
    for _depth, section in report.walk():
        blocks = section.blocks
        if blocks and isinstance(blocks[0], Table | Figure):
            first = blocks[0]
        elif (
            len(blocks) > 1
            and isinstance(blocks[0], Paragraph)
            and len(blocks[0].text) <= SHORT_LEAD
            and isinstance(blocks[1], Table | Figure)
        ):
            first = blocks[1]
        else:
            continue
        heading = pages.where[section_id(section)]
        assert heading == pages.where[anchor(first)], (section.heading, heading + 1)
        checked += 1
    assert checked


def _form3(report: Report) -> list[tuple[Definitions, Table]]:
    found = []
    for _depth, section in report.walk():
        for before, block in zip(section.blocks, section.blocks[1:], strict=False):
            if isinstance(block, Table) and "Form-3" in block.title:
                assert isinstance(before, Definitions), block.label
                found.append((before, block))
    return found


def test_form3_label_lines_are_on_the_landscape_page_where_its_table_starts(
    docs: Generated,
) -> None:
    report = docs.reports["faaliyet-raporu"]
    pages = Pages(docs, "faaliyet-raporu")
    forms = _form3(report)
    assert forms
    for labels, table in forms:
        page = pages.where[table_id(table)]
        assert pages.landscape[page], table.label
        text = pages.text[page]
        start = text.index(table.label)
        before = text[:start]  # the labels come before the table, on its page
        for label, value in labels.items:
            assert f"{label}:" in before, (table.label, label)
            assert value.split()[0] in before, (table.label, value)


@pytest.mark.parametrize("kind", KINDS)
def test_headings_and_tables_are_on_pages_of_their_orientation(docs: Generated, kind: str) -> None:
    """A landscape table starts on a landscape page and what html.py puts with it is there
    too; every other heading is on a portrait page — also after a landscape table."""
    report = docs.reports[kind]
    pages = Pages(docs, kind)
    turned = landscape_places(report)
    for table in report.tables():
        page = pages.where[table_id(table)]
        assert pages.landscape[page] == table.landscape, (table.label, page + 1)
    for _depth, section in report.walk():
        page = pages.where[section_id(section)]
        expected = (section.key, -1) in turned
        assert pages.landscape[page] == expected, (section.heading, page + 1)
    assert any(pages.landscape)
