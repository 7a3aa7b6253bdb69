"""Column widths of a table from what its cells say, for the DOCX and the PDF alike (pure:
texts in, twips out).

Word and LibreOffice both honour a table's widths only if they are written out (`w:tblGrid`,
`w:tcW`, fixed layout); left to themselves they split every table evenly, which breaks figures
mid-number and names mid-word. WeasyPrint would find widths of its own, but measuring every
cell's shortest and longest line took about 40 % of the Activity Report's layout; given these
widths it lays tables out with `table-layout: fixed` and measures nothing. `column_widths`
gives each column at least its longest unbreakable piece — a whole figure, or the longest word
of a text — and shares what is left of the text width by how long the column's texts typically
are, never more than its longest line.

Text is measured with advance widths (thousandths of an em) that are, character by character,
the larger of Arial's (the font the DOCX names) and DejaVu Sans' (the PDF's font, and what
LibreOffice falls back to where Arial and its metric twin Liberation Sans are missing), so a
width that fits in one fits in both. One pass over the cells: linear in their number.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from karne.core.report_content.model import Fmt, Row, RowKind, Table
from karne.reporting.formats import cell_text

BREAK = "\u200b"  # a zero-width space: a place to break a line, invisible otherwise
PADDING = 2 * 72  # twips: the cells' left and right margins that `docx.py` sets on each table
SLACK = 1.04  # rounding of both layouts, borders
FEWER_LINES = 0.15  # a smaller text size only where it saves this share of a table's lines

# Advance widths in thousandths of an em, by base letter (Ç is measured as C, ı as i).
_REGULAR_GROUPS = {
    0: BREAK,
    275: "'",
    278: "ijlı",
    295: "I",
    318: " .,’",
    337: "/:;",
    353: "f",
    361: "-",
    391: "()",
    393: "t",
    412: "r",
    460: '"',
    500: "*J",
    521: "s",
    525: "z",
    550: "c",
    556: "–",
    558: "L",
    580: "k",
    592: "vxy",
    611: "FT",
    613: "oa",
    616: "e",
    635: "hnubdgpq",
    637: "0123456789",
    667: "EKPSY",
    687: "AVXZB",
    722: "CR",
    732: "U",
    752: "NH",
    778: "DG",
    788: "OQ&",
    818: "w",
    838: "+",
    863: "M",
    951: "%",
    975: "m",
    989: "W",
}
_BOLD_GROUPS = {
    0: BREAK,
    307: "'",
    343: "ijlı",
    349: " ",
    366: "/",
    373: "I",
    380: ".,’",
    400: ":;",
    416: "-",
    436: "f",
    458: "()",
    479: "t",
    494: "r",
    523: '"*',
    556: "J–",
    583: "z",
    596: "cs",
    638: "L",
    652: "xvy",
    666: "k",
    679: "ae",
    688: "o",
    696: "0123456789",
    716: "hnubdgpq",
    734: "TEFSYZPC",
    775: "BRXAVK",
    821: "UG",
    837: "DHN",
    851: "OQ+",
    873: "&",
    924: "w",
    996: "M",
    1002: "%",
    1042: "m",
    1104: "W",
}
_UNKNOWN = (870, 1000)  # a character not listed is measured as wide as M
# where a line may break: at spaces and zero-width spaces only (LibreOffice does not break after
# a slash, "Oluşturulan/değiştirilen" is one piece; a hyphenated word is measured whole too)
_BREAKS = re.compile(rf"\s+|{BREAK}")


def _table(groups: dict[int, str]) -> dict[str, int]:
    return {char: width for width, chars in groups.items() for char in chars}


_REGULAR = _table(_REGULAR_GROUPS)
_BOLD = _table(_BOLD_GROUPS)


@cache
def _advance(char: str, bold: bool) -> int:
    table = _BOLD if bold else _REGULAR
    if char in table:
        return table[char]
    base = "i" if char == "ı" else unicodedata.normalize("NFD", char)[0]
    return table.get(base, _UNKNOWN[bold])


def _em(text: str, bold: bool) -> int:
    """The width of `text` in thousandths of an em."""
    table = _BOLD if bold else _REGULAR
    return sum(table[char] if char in table else _advance(char, bold) for char in text)


def _twips(thousandths: int, size: float) -> int:
    return int(thousandths * size * 20 / 1000 * SLACK) + 1


def text_width(text: str, size: float, bold: bool = False) -> int:
    """The width of one line of `text` at `size` points, in twips (1/20 pt)."""
    return _twips(_em(text, bold), size)


@dataclass(frozen=True)
class CellText:
    """One cell as the measure sees it: its text, weight, indentation, whether it may wrap
    between words (a figure may not wrap at all) and whether it is a column's heading (whose
    words give way first when a table is too wide for all of them)."""

    text: str
    bold: bool = False
    indent: int = 0  # twips
    breakable: bool = True
    heading: bool = False
    rows: int = 1  # the table rows it covers: a merged cell (Form-4's objective) spans several


@dataclass(frozen=True)
class _Measured:
    """A cell measured once, in thousandths of an em (any size is a multiplication away)."""

    lines: tuple[int, ...]  # each line's width; empty for an empty cell
    piece: int  # its longest unbreakable piece: a word, or the whole figure
    indent: int
    breakable: bool
    heading: bool
    rows: int


def _measured(cell: CellText) -> _Measured:
    lines = cell.text.splitlines() if cell.text else []
    widths = tuple(_em(line, cell.bold) for line in lines)
    if cell.breakable:
        words = (w for line in lines for w in _BREAKS.split(line) if w)
        piece = max((_em(w, cell.bold) for w in words), default=0)
    else:
        piece = max(widths, default=0)
    return _Measured(widths, piece, cell.indent, cell.breakable, cell.heading, cell.rows)


@dataclass
class _Column:
    floor: int = PADDING  # its longest unbreakable piece (a word, a whole figure)
    body: int = PADDING  # the same without the heading's words
    hard: int = PADDING  # its longest figure: never given less (if the figures fit at all)
    natural: int = PADDING  # its longest line
    total: int = 0  # sum of its lines' widths, for the typical one
    count: int = 0

    @property
    def typical(self) -> int:
        return self.total // self.count if self.count else 0


def _column(cells: Sequence[_Measured], size: float) -> _Column:
    column = _Column()
    for cell in cells:
        if not cell.lines:
            continue
        base = cell.indent + PADDING
        piece = base + _twips(cell.piece, size)
        widest = base + _twips(max(cell.lines), size)
        if cell.breakable:
            column.floor = max(column.floor, piece)
            if not cell.heading:
                column.body = max(column.body, piece)
        else:
            column.hard = max(column.hard, piece)
            column.body = max(column.body, piece)
            column.floor = max(column.floor, piece)
        column.natural = max(column.natural, widest)
        # A merged cell may wrap down the rows it covers at no cost in height: it asks for
        # the room of its text shared over them (never less than its longest word).
        column.total += max(piece, widest // cell.rows)
        column.count += 1
    return column


def _share(amount: int, weights: Sequence[int], caps: Sequence[int]) -> list[int]:
    """`amount` split in proportion to `weights`, no share above its cap, what a capped one
    leaves going to the others (a few rounds: once per column at most)."""
    shares = [0] * len(weights)
    open_ = {i for i, w in enumerate(weights) if w > 0 and caps[i] > 0}
    left = amount
    while left > 0 and open_:
        weight = sum(weights[i] for i in open_)
        capped = {i for i in open_ if shares[i] + left * weights[i] / weight >= caps[i]}
        if not capped:
            for i in open_:
                shares[i] += int(left * weights[i] / weight)
            break
        for i in capped:
            left -= caps[i] - shares[i]
            shares[i] = caps[i]
        open_ -= capped
    return shares


def _fit(widths: list[int], available: int) -> tuple[int, ...]:
    """Integer widths that add up to `available` exactly (the rounding goes to the widest)."""
    widths[widths.index(max(widths))] += available - sum(widths)
    return tuple(widths)


@dataclass(frozen=True)
class Spanning:
    """A heading over adjacent columns (a table's header group, "Önceki Yıl Gerçekleşmesi"
    over "Yılı" and "Değeri"): its longest word must fit in their widths together."""

    first: int  # index of its first column
    span: int
    cell: CellText


def _widen_spans(
    widths: Sequence[int],
    floors: Sequence[int],
    spans: Sequence[Spanning],
    size: float,
    available: int,
) -> tuple[int, ...]:
    """Widths where each spanning heading's longest word fits over its columns: what they lack
    is taken from the other columns' room above their floors and shared over the spanned ones
    by their widths."""
    if not spans:
        return tuple(widths)
    out = list(widths)
    for spanning in spans:
        inside = range(spanning.first, spanning.first + spanning.span)
        need = PADDING + _twips(_measured(spanning.cell).piece, size)
        short = need - sum(out[i] for i in inside)
        if short <= 0:
            continue
        donors = [i for i in range(len(out)) if i not in inside]
        room = [max(0, out[i] - floors[i]) for i in donors]
        taken = _share(short + len(donors), room, room)  # + one per column: _share rounds down
        for i, amount in zip(donors, taken, strict=True):
            out[i] -= amount
        got = sum(taken)
        given = _share(got, [out[i] for i in inside], [got] * spanning.span)
        for i, amount in zip(inside, given, strict=True):
            out[i] += amount
    return _fit(out, available)


def column_widths(
    columns: Sequence[Sequence[CellText]],
    available: int,
    size: float,
    spans: Sequence[Spanning] = (),
) -> tuple[int, ...]:
    """Widths in twips, one per column, adding up to `available` (the text width): see
    `_allocate`; then wide enough under each spanning heading (`_widen_spans`)."""
    measured = [[_measured(cell) for cell in cells] for cells in columns]
    at_size = [_column(cells, size) for cells in measured]
    widths = _allocate(at_size, available)
    return _widen_spans(widths, [c.floor for c in at_size], spans, size, available)


def _allocate(measured: Sequence[_Column], available: int) -> tuple[int, ...]:
    """Widths in twips, one per column, adding up to `available`.

    1. Every line fits on one line: each column gets its longest line, and the rest of the
       width in proportion to that.
    2. Otherwise every column gets its longest unbreakable piece, and the rest goes to the
       columns whose typical text is longer than that, in proportion to the difference (but no
       column beyond its longest line).
    3. If even the unbreakable pieces do not fit, the headings' words give way first, then
       the other words, never the figures: each column gets what it cannot do without, and
       the rest goes in proportion to what it gives up. If the figures alone do not fit,
       everything shrinks in proportion.
    """
    if not measured:
        return ()
    natural = [c.natural for c in measured]
    if sum(natural) <= available:
        extra = _share(available - sum(natural), natural, [available] * len(natural))
        return _fit([n + e for n, e in zip(natural, extra, strict=True)], available)
    floor = [c.floor for c in measured]
    if sum(floor) <= available:
        wants = [max(0, min(c.typical, c.natural) - c.floor) for c in measured]
        if not any(wants):
            wants = [c.natural - c.floor for c in measured]
        caps = [c.natural - c.floor for c in measured]
        extra = _share(available - sum(floor), wants, caps)
        left = available - sum(floor) - sum(extra)
        if left > 0:  # the typical lengths are all met: the rest to the lines still longer
            room = [cap - e for cap, e in zip(caps, extra, strict=True)]
            extra = [e + s for e, s in zip(extra, _share(left, room, room), strict=True)]
        return _fit([f + e for f, e in zip(floor, extra, strict=True)], available)
    body = [c.body for c in measured]
    hard = [c.hard for c in measured]
    for lower, upper in ((body, floor), (hard, body)):
        if sum(lower) <= available:
            gives_up = [u - low for u, low in zip(upper, lower, strict=True)]
            extra = _share(available - sum(lower), gives_up, gives_up)
            return _fit([low + e for low, e in zip(lower, extra, strict=True)], available)
    scale = available / sum(floor)
    return _fit([int(f * scale) for f in floor], available)


def _lines(columns: Sequence[Sequence[_Measured]], widths: Sequence[int], size: float) -> int:
    """About how many lines the table takes: each row as many as its cell with the most, a
    text as many as its width over the room the cell leaves it."""
    total = 0
    for row in zip(*columns, strict=True):
        most = 1
        for cell, width in zip(row, widths, strict=True):
            room = max(1, width - PADDING - cell.indent)
            lines = sum(max(1, math.ceil(_twips(line, size) / room)) for line in cell.lines)
            most = max(most, lines)
        total += most
    return total


def table_layout(
    columns: Sequence[Sequence[CellText]],
    available: int,
    sizes: Sequence[float],
    spans: Sequence[Spanning] = (),
) -> tuple[float, tuple[int, ...]]:
    """A text size among `sizes` and the widths at that size, for columns of equal length (the
    i-th cell of each is row i). Each cell is measured once, whatever the number of sizes.

    The sizes at which every figure and every word fits are the candidates (all of them if
    none is); of those, the largest unless a smaller one saves more than `FEWER_LINES` of its
    lines — a smaller text only where the wider columns it leaves save many lines, as on a
    wide monitoring form, not merely for its smaller lines.
    """
    measured = [[_measured(cell) for cell in cells] for cells in columns]
    options = []
    for size in sizes:
        at_size = [_column(cells, size) for cells in measured]
        floors = [c.floor for c in at_size]
        widths = _widen_spans(_allocate(at_size, available), floors, spans, size, available)
        fits = sum(floors) <= available
        options.append((fits, size, widths, _lines(measured, widths, size)))
    if any(fits for fits, *_rest in options):
        options = [option for option in options if option[0]]
    fewest = min(lines for *_rest, lines in options)
    _fits, size, widths, _lines_taken = max(
        (o for o in options if o[3] * (1 - FEWER_LINES) <= fewest), key=lambda o: o[1]
    )
    return size, widths


def row_cells(row: Row, indent: Callable[[int], int]) -> tuple[CellText, ...]:
    """A row's cells as shown (each figure formatted once, for the widths and the output);
    `indent` gives a renderer's indentation in twips for a row's level (first column only)."""
    bold = row.kind in (RowKind.TOTAL, RowKind.SUBTOTAL, RowKind.GROUP)
    out = []
    for index, value in enumerate(row.cells):
        figure = value.fmt is not Fmt.TEXT
        shift = indent(row.indent) if index == 0 and not figure and row.indent else 0
        out.append(CellText(cell_text(value), bold, shift, breakable=not figure))
    return tuple(out)


def table_columns(
    table: Table, cells: Sequence[tuple[CellText, ...]], heading: Callable[[str], str] = str
) -> list[list[CellText]]:
    """Each column as measured: its heading and its body cells (a spanning group or note row
    is left out: it wraps over the whole width). `cells` are `row_cells` of every row."""
    columns = [[CellText(heading(c.label), bold=True, heading=True)] for c in table.columns]
    covered = covered_rows(table)
    for r, row, rows in zip(table.rows, cells, covered, strict=True):
        if r.kind not in (RowKind.NOTE, RowKind.GROUP):
            for column, cell, n in zip(columns, row, rows, strict=False):
                column.append(replace(cell, rows=n) if n > 1 else cell)
    return columns


def covered_rows(table: Table) -> list[list[int]]:
    """For each row and column, how many rows its cell covers: itself and the cells below it
    that continue it (a merged column); 1 everywhere else. (An empty cell that continues one
    above counts too, but an empty cell is not measured.)"""
    continues = table.continues()
    out = [[1] * len(table.columns) for _ in table.rows]
    for number in range(len(table.rows) - 2, -1, -1):
        for index, continued in enumerate(continues[number + 1]):
            if continued:
                out[number][index] = out[number + 1][index] + 1
    return out


def table_spans(table: Table, heading: Callable[[str], str] = str) -> tuple[Spanning, ...]:
    """A table's header groups as spanning headings (an empty label needs no room)."""
    out, first = [], 0
    for group in table.header_groups:
        if group.label.strip():
            out.append(Spanning(first, group.span, CellText(heading(group.label), bold=True)))
        first += group.span
    return tuple(out)
