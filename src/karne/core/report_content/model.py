"""The content model of a report: what a document says, before any format is chosen.

A report is a tree of sections holding blocks (paragraphs, lists, tables, figures, signatures).
Table cells keep their figures as `Decimal` with a display format, never as formatted text, so
that every renderer (PDF, DOCX, XLSX, later the web pages) shows the same computed value and the
spreadsheet can store it as a number. Everything is frozen: a report is a value.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from karne.core.markup import Span, inline, joined


class Fmt(StrEnum):
    """How a cell's value is shown; the places are part of the cell."""

    TEXT = "text"
    NUMBER = "number"  # 1.244.779 / 22,82
    MONEY = "money"  # 9.508.170.000,00
    PERCENT = "percent"  # %98,83 (the value is already ×100)


class RowKind(StrEnum):
    """A row's role, which renderers show with weight, indentation or a spanning cell."""

    BODY = "body"
    GROUP = "group"  # a heading row inside a table (an activity's block, an objective)
    SUBTOTAL = "subtotal"
    TOTAL = "total"
    NOTE = "note"  # one text cell spanning the whole row


@dataclass(frozen=True)
class Cell:
    value: Decimal | str | None
    fmt: Fmt = Fmt.TEXT
    places: int = 0


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    kind: RowKind = RowKind.BODY
    indent: int = 0


@dataclass(frozen=True)
class Column:
    label: str
    fmt: Fmt = Fmt.TEXT
    width: int = 1  # relative width, used by every renderer
    # An empty body cell of this column continues the cell above it (a form's programme over
    # its indicators): merged in the DOCX, without the line between them in the PDF.
    merge: bool = False


@dataclass(frozen=True)
class HeaderGroup:
    """A label over `span` adjacent columns (a year over its budget-source columns)."""

    label: str
    span: int


@dataclass(frozen=True)
class Table:
    key: str  # stable identity of the table across datasets ("fr.budget_execution")
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    header_groups: tuple[HeaderGroup, ...] = ()
    caption_note: str = ""
    landscape: bool = False
    number: int = 0  # assigned in document order by `number_report`

    @property
    def label(self) -> str:
        return f"Tablo {self.number}. {self.title}"

    def continues(self) -> list[list[bool]]:
        """For each row and column, whether the cell continues the one above it: an empty body
        cell of a merged column below a body row."""
        out: list[list[bool]] = []
        above = False
        for r in self.rows:
            body = r.kind not in (RowKind.NOTE, RowKind.GROUP)
            out.append(
                [
                    body and above and c.merge and cell.value in (None, "")
                    for c, cell in zip(self.columns, r.cells, strict=False)
                ]
            )
            above = body
        return out


def table_or_none(
    *,
    key: str,
    title: str,
    columns: tuple[Column, ...],
    rows: Sequence[Row],
    header_groups: tuple[HeaderGroup, ...] = (),
    caption_note: str = "",
    landscape: bool = False,
) -> Table | None:
    """A table without rows is left out of the document, never printed empty."""
    if not rows:
        return None
    return Table(key, title, columns, tuple(rows), header_groups, caption_note, landscape)


class ChartKind(StrEnum):
    BAR = "bar"  # vertical bars, one group per category, one bar per series
    HBAR = "hbar"  # horizontal bars (long category labels)
    PIE = "pie"  # shares of a whole
    QUARTERS = "quarters"  # an indicator: quarterly bars, a cumulative line, the target
    ORG = "org"  # an organisation chart: `categories` the units, `parents` their parents
    GLANCE = "glance"  # the plan at a glance: `blocks` mission, vision, values, then each aim


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[Decimal | None, ...]


@dataclass(frozen=True)
class Chart:
    """The data of a chart; `karne.reporting.charts` draws it for every output."""

    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_fmt: Fmt = Fmt.NUMBER
    places: int = 0
    axis_label: str = ""
    target: Decimal | None = None
    cumulative: bool = False  # QUARTERS: draw the running total (a flow indicator)
    target_label: str = "Hedef"  # the legend's word for the target line (a page translates it)
    cumulative_label: str = "Kümülatif"  # the legend's word for the running total
    parents: tuple[int, ...] = ()  # ORG: each category's parent's index, -1 for the top
    locale: str = "tr_TR"  # the figures' format: a document's Turkish, a page's own language
    # GLANCE: (heading, lines) — the mission, the vision, the values, then an aim each
    blocks: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    chart: Chart
    small: bool = False  # drawn at half width, two to a row (indicator charts)
    number: int = 0

    @property
    def label(self) -> str:
        return f"Şekil {self.number}. {self.title}"


@dataclass(frozen=True)
class Paragraph:
    """`text` is what the paragraph says, plain (the audit and the spreadsheet read it);
    `spans`, when the text has bold words or cross-references, the same text in runs
    (`paragraph`/`numbering` keep the two agreeing)."""

    text: str
    emphasis: bool = False
    spans: tuple[Span, ...] = ()

    @property
    def runs(self) -> tuple[Span, ...]:
        return self.spans or (Span(self.text),)


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    spans: tuple[tuple[Span, ...], ...] = ()  # each item's runs, as a paragraph's

    @property
    def item_runs(self) -> tuple[tuple[Span, ...], ...]:
        return self.spans or tuple((Span(item),) for item in self.items)


def paragraph(text: str, *, emphasis: bool = False) -> Paragraph:
    """A paragraph from text written in the markup's inline conventions ("**bold**")."""
    spans = inline(text)
    plain = joined(spans)
    return Paragraph(plain, emphasis, spans if plain != text else ())


def bullets(items: Sequence[str]) -> BulletList:
    """A list from items written in the markup's inline conventions."""
    spans = tuple(inline(item) for item in items)
    plain = tuple(joined(s) for s in spans)
    return BulletList(plain, spans if plain != tuple(items) else ())


@dataclass(frozen=True)
class Definitions:
    """Label: value lines ("Programın Adı: GÖÇ YÖNETİMİ")."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Signature:
    name: str
    title: str
    place: str = ""
    date: str = ""


Block = Paragraph | BulletList | Definitions | Table | Figure | Signature


@dataclass(frozen=True)
class Section:
    key: str  # stable id, used for anchors and to find the dataset's narrative
    title: str
    number: str = ""  # "I", "II.A", "III.B.2.i"; empty for unnumbered sections
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    new_page: bool = False  # a chapter that starts on a fresh page

    @property
    def heading(self) -> str:
        """ "A. MİSYONUMUZ": the last part of the number, as the documents print it."""
        last = self.number.rsplit(".", 1)[-1]
        return f"{last}. {self.title}" if last else self.title

    def walk(self, depth: int = 1) -> Iterator[tuple[int, Section]]:
        yield depth, self
        for child in self.sections:
            yield from child.walk(depth + 1)


@dataclass(frozen=True)
class Cover:
    lines_above: tuple[str, ...]  # "T.C.", the ministry, the administration
    title: str  # "2023 YILI PERFORMANS PROGRAMI"
    year: int
    lines_below: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    kind: str  # performans-programi | faaliyet-raporu
    document: str  # PP2023
    year: int
    title: str  # 2023 Yılı Performans Programı
    administration: str
    cover: Cover
    abbreviations: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    generated_on: date
    language: str = "tr"

    def walk(self) -> Iterator[tuple[int, Section]]:
        for section in self.sections:
            yield from section.walk()

    def blocks(self) -> Iterator[tuple[Section, Block]]:
        for _depth, section in self.walk():
            for block in section.blocks:
                yield section, block

    def tables(self) -> tuple[Table, ...]:
        return tuple(b for _s, b in self.blocks() if isinstance(b, Table))

    def figures(self) -> tuple[Figure, ...]:
        return tuple(b for _s, b in self.blocks() if isinstance(b, Figure))
