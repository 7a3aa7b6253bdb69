"""An organisation chart drawn from the units (matplotlib, as the other charts).

The top unit is a box over the page; each unit under it is a card headed by its name that lists
the units under it, and theirs indented below them — every level, in the dataset's order. Cards
fill three columns, each card going to the shortest column, so a large administration (dozens
of departments) still fits a page; a line joins the top box to each column.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

from karne.core.report_content.model import Chart

if TYPE_CHECKING:
    from matplotlib.axes import Axes

COLUMNS = 3
LINE = 1.0  # the height of a line of text, in the drawing's units
GAP = 0.9  # between cards
PAD = 0.45  # inside a card
HEAD_WRAP = 38  # characters of a card's heading on a line
ITEM_WRAP = 44
INCH_PER_LINE = 0.125
WIDTH = 6.4  # inches
TOP_COLOUR = "#1f4e79"
HEAD_COLOUR = "#dbe5f1"


@dataclass(frozen=True)
class Card:
    heading: tuple[str, ...]  # the unit's name, wrapped
    items: tuple[tuple[int, str, bool], ...]  # (depth, a wrapped line, a unit's first line)

    @property
    def height(self) -> float:
        return (len(self.heading) + len(self.items)) * LINE + 2 * PAD + (0.3 if self.items else 0)


def _children(parents: tuple[int, ...]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for i, parent in enumerate(parents):
        out.setdefault(parent, []).append(i)
    return out


def cards(chart: Chart) -> tuple[str, list[Card]]:
    """The top unit's name and a card for each unit under it."""
    names, parents = chart.categories, chart.parents
    below = _children(parents)
    tops = below.get(-1, [])
    top = tops[0] if tops else 0

    def lines(node: int, depth: int) -> list[tuple[int, str, bool]]:
        out: list[tuple[int, str, bool]] = []
        for child in below.get(node, []):
            wrapped = textwrap.wrap(names[child], ITEM_WRAP - 3 * depth) or [""]
            out.extend((depth, line, i == 0) for i, line in enumerate(wrapped))
            out.extend(lines(child, depth + 1))
        return out

    made = [
        Card(tuple(textwrap.wrap(names[unit], HEAD_WRAP) or [""]), tuple(lines(unit, 0)))
        for unit in below.get(top, [])
    ]
    made += [  # units with no parent in the year other than the top one: their own cards
        Card(tuple(textwrap.wrap(names[unit], HEAD_WRAP)), tuple(lines(unit, 0)))
        for unit in tops[1:]
    ]
    return names[top] if names else "", made


def placed(made: list[Card]) -> tuple[list[tuple[int, float, Card]], float]:
    """Each card's column and top, filling the shortest column; and the tallest column."""
    heights = [0.0] * COLUMNS
    out: list[tuple[int, float, Card]] = []
    for card in made:
        column = heights.index(min(heights))
        out.append((column, heights[column], card))
        heights[column] += card.height + GAP
    return out, max(heights) if made else 0.0


def size(chart: Chart) -> tuple[float, float]:
    _top, made = cards(chart)
    _placed, tallest = placed(made)
    return WIDTH, max(2.0, (tallest + 5 * LINE) * INCH_PER_LINE + 0.3)


def draw(ax: Axes, chart: Chart) -> None:
    from matplotlib.patches import Rectangle

    top, made = cards(chart)
    where, tallest = placed(made)
    column_width = 10.0
    width = COLUMNS * column_width + (COLUMNS - 1) * 1.0
    head = 3.2  # the top box's height and the space under it
    ax.set_xlim(0, width)
    ax.set_ylim(head + 1.5 + tallest, 0)
    ax.axis("off")
    ax.add_patch(Rectangle((width * 0.2, 0.1), width * 0.6, 2.0, color=TOP_COLOUR))
    ax.text(
        width / 2,
        1.1,
        top,
        ha="center",
        va="center",
        color="white",
        fontsize=7.5,
        fontweight="bold",
        wrap=True,
    )
    bus = head - 0.4
    ax.plot([width / 2, width / 2], [2.1, bus], color=TOP_COLOUR, linewidth=0.8)
    centres = [c * (column_width + 1.0) + column_width / 2 for c in range(COLUMNS)]
    used = sorted({column for column, _y, _card in where})
    if used:
        ax.plot([centres[used[0]], centres[used[-1]]], [bus, bus], color=TOP_COLOUR, linewidth=0.8)
    for column in used:
        ax.plot([centres[column]] * 2, [bus, head + 0.3], color=TOP_COLOUR, linewidth=0.8)
    for column, y0, card in where:
        x = column * (column_width + 1.0)
        y = head + 0.3 + y0
        ax.add_patch(
            Rectangle(
                (x, y),
                column_width,
                card.height,
                facecolor="white",
                edgecolor=TOP_COLOUR,
                linewidth=0.6,
            )
        )
        heading_height = len(card.heading) * LINE + 2 * PAD * 0.8
        ax.add_patch(Rectangle((x, y), column_width, heading_height, color=HEAD_COLOUR))
        line_y = y + PAD
        for line in card.heading:
            ax.text(x + 0.35, line_y, line, va="top", fontsize=5.6, fontweight="bold")
            line_y += LINE
        line_y += 0.3 + PAD * 0.6
        for depth, line, first in card.items:
            mark = ("• " if depth == 0 else "– ") if first else "   "
            ax.text(x + 0.55 + 0.7 * depth, line_y, mark + line, va="top", fontsize=5.2)
            line_y += LINE
