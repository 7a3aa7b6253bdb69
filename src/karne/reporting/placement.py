"""Which headings and blocks of a report go on landscape pages: one rule for the PDF and the
DOCX, so both put a landscape table's introduction on its page.

A landscape table is a page of its own kind, so the page breaks
before and after it; what introduces the table goes on the landscape page with it,
not alone at the foot of the page before: the short text right before it, from a heading on
(a section's text is not split between orientations), else the lines that name it (Form-3's
"Yıl", "Programın Adı"…) or one short paragraph. What stands between two landscape tables
stays on landscape pages when it is short, rather than taking a page of its own, and so does a
figure right after a landscape table (its chart, as the table's data). On any page,
a paragraph or label lines right before a table or a figure are kept with it, and a short
paragraph, a few label lines or a short table are never split.
"""

from __future__ import annotations

from karne.core.report_content.model import (
    Block,
    BulletList,
    Definitions,
    Figure,
    Paragraph,
    Report,
    Section,
    Table,
)
from karne.reporting.formats import cell_text

_LEAD_CHARS = 800  # text before a landscape table short enough to go on its page
_BETWEEN_CHARS = 1500  # text between two landscape tables short enough to stay landscape
LABEL_CHARS = 300  # a paragraph short enough to stay with the table after it, unsplit

Place = tuple[str, int]  # (section key, block index); index -1 is the section's heading


def _is_landscape(block: Block) -> bool:
    return isinstance(block, Table) and block.landscape


def chars(block: Block) -> int:
    if isinstance(block, Paragraph):
        return len(block.text)
    if isinstance(block, Definitions):
        return sum(len(k) + len(v) for k, v in block.items)
    if isinstance(block, BulletList):
        return sum(len(item) for item in block.items)
    return 0


def _flow(report: Report) -> list[tuple[Place, Section, Block | None]]:
    """Headings and blocks in the order they are printed."""
    items: list[tuple[Place, Section, Block | None]] = []

    def visit(section: Section) -> None:
        items.append(((section.key, -1), section, None))
        items.extend(((section.key, i), section, b) for i, b in enumerate(section.blocks))
        for child in section.sections:
            visit(child)

    for top in report.sections:
        visit(top)
    return items


def _short_between(items: list[tuple[Place, Section, Block | None]]) -> bool:
    text = sum(chars(b) for _p, _s, b in items if b is not None)
    figures = sum(1 for _p, _s, b in items if isinstance(b, Figure))
    kept = (Paragraph, Definitions, Figure)
    return (
        text <= _BETWEEN_CHARS
        and figures <= 1
        and all(b is None or isinstance(b, kept) for _p, _s, b in items)
    )


def _lead(items: list[tuple[Place, Section, Block | None]], at: int) -> list[Place]:
    """What goes on the landscape page with the landscape table at `items[at]`: the short text
    right before it, from a heading on; else the label lines (or one short paragraph) right
    before it."""
    start, text = at, 0
    while start > 0:
        block = items[start - 1][2]
        if block is not None:
            if not isinstance(block, Paragraph | Definitions) or text + chars(block) > _LEAD_CHARS:
                break
            text += chars(block)
        start -= 1
    while start < at and items[start][2] is not None:
        start += 1  # begin at a heading: a section's text is not split between orientations
    if start < at:
        return [place for place, _s, _b in items[start:at]]
    section = items[at][1]
    labels: list[Place] = []
    k = at
    while k > 0 and isinstance(items[k - 1][2], Definitions) and items[k - 1][1] is section:
        k -= 1
        labels.append(items[k][0])
    before = items[at - 1][2]
    if not labels and isinstance(before, Paragraph) and len(before.text) <= LABEL_CHARS:
        labels.append(items[at - 1][0])
    return labels


def landscape_places(report: Report) -> frozenset[Place]:
    """The headings and blocks printed on landscape pages: the landscape tables and, by the
    rules above, what introduces them."""
    items = _flow(report)
    anchors = [i for i, (_p, _s, b) in enumerate(items) if b is not None and _is_landscape(b)]
    places: set[Place] = {items[i][0] for i in anchors}
    previous = None
    for at in anchors:
        between = items[previous + 1 : at] if previous is not None else None
        if between is not None and _short_between(between):
            places.update(place for place, _s, _b in between)
        else:
            places.update(_lead(items, at))
        previous = at
        following = items[at + 1] if at + 1 < len(items) else None
        if following and isinstance(following[2], Figure) and following[1] is items[at][1]:
            places.add(following[0])  # the table's chart, on the table's page
    return frozenset(places)


KEEP_ROWS = 10  # a table short enough never to be split between pages: so many rows,
KEEP_TABLE_CHARS = 800  # holding so much text (a few long-text rows can fill a page)


def short_table(table: Table) -> bool:
    """A table kept whole on one page (both renderers)."""
    text = sum(len(cell_text(c)) for r in table.rows for c in r.cells)
    return len(table.rows) <= KEEP_ROWS and text <= KEEP_TABLE_CHARS
