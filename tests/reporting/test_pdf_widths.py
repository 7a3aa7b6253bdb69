"""The PDF's tables are laid out with the column widths `widths.py` computes from their
content (`table-layout: fixed`): WeasyPrint then widens no column, so a width too narrow for a
figure would let it run over its neighbour instead. Laid out by WeasyPrint, no text of any
cell of any table of either document reaches past its cell."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from karne.reporting.html import render_table
from karne.reporting.pdf import TEMPLATES, _stylesheets
from tests.reporting.conftest import Generated

KINDS = ("performans-programi", "faaliyet-raporu")
TOLERANCE = 0.5  # CSS px: WeasyPrint's rounding


def _descendants(box: boxes.Box) -> Iterator[boxes.Box]:
    for child in getattr(box, "children", ()):
        yield child
        yield from _descendants(child)


def _overflows(html: str) -> list[str]:
    config, css = _stylesheets()
    document = HTML(string=html, base_url=str(TEMPLATES)).render(
        stylesheets=list(css), font_config=config
    )
    found = []
    for page in document.pages:
        for box in _descendants(page._page_box):
            if not isinstance(box, boxes.TableCellBox):
                continue
            right = box.content_box_x() + box.width + TOLERANCE
            for text in _descendants(box):
                if isinstance(text, boxes.TextBox) and text.position_x + text.width > right:
                    found.append(f"{text.text!r}: {text.position_x + text.width - right:.1f} px")
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_no_text_runs_past_its_table_cell(docs: Generated, kind: str) -> None:
    tables = docs.reports[kind].tables()
    assert tables
    html = "<html><body>" + "".join(render_table(t) for t in tables) + "</body></html>"
    assert not _overflows(html)


def test_the_check_finds_a_figure_wider_than_its_cell() -> None:
    """The check itself: a column forced narrower than its figure is found."""
    html = (
        '<html><body><table class="data"><colgroup><col style="width:5%">'
        '<col style="width:95%"></colgroup><tbody><tr><td class="num">9.508.170.000,00</td>'
        "<td>x</td></tr></tbody></table></body></html>"
    )
    assert _overflows(html)
