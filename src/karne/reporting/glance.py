"""The strategic plan at a glance ("Bir Bakışta"), drawn on one page from the plan's data.

A band with the plan's title; the mission and the vision side by side; the values in columns;
then a card for each aim listing its objectives, the cards filling three columns. Every word is
the administration's (its mission, vision, values, aims and objectives from the dataset).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from karne.core.report_content.model import Chart

if TYPE_CHECKING:
    from matplotlib.axes import Axes

WIDTH = 6.4  # inches
INCH_PER_LINE = 0.14
LINE = 1.0
COLUMNS = 3
BAND = "#1f4e79"
CARD = "#dbe5f1"


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) or [""]


Aims = list[tuple[list[str], list[str]]]


def _layout(
    chart: Chart,
) -> tuple[list[str], list[str], list[str], list[tuple[list[str], list[str]]]]:
    blocks = list(chart.blocks)
    mission = _wrap(" ".join(blocks[0][1]), 52) if len(blocks) > 0 else []
    vision = _wrap(" ".join(blocks[1][1]), 52) if len(blocks) > 1 else []
    values = list(blocks[2][1]) if len(blocks) > 2 else []
    aims = [
        (_wrap(heading, 34), [line for item in items for line in _wrap(item, 40)])
        for heading, items in blocks[3:]
    ]
    return mission, vision, values, aims


def _card_height(heading: list[str], items: list[str]) -> float:
    return (len(heading) + len(items)) * LINE + 1.4


def _columns(aims: Aims) -> tuple[list[tuple[int, float]], float]:
    """Each aim's column and top: row by row in the plan's order (A1 A2 A3, then A4…)."""
    placed: list[tuple[int, float]] = []
    top = 0.0
    for start in range(0, len(aims), COLUMNS):
        row = aims[start : start + COLUMNS]
        placed.extend((i, top) for i in range(len(row)))
        top += max(_card_height(h, items) for h, items in row) + 0.8
    return placed, top


def _heights(chart: Chart) -> tuple[float, float, float, float]:
    mission, vision, values, aims = _layout(chart)
    statements = max(len(mission), len(vision)) * LINE + 3.0
    value_rows = -(-len(values) // COLUMNS) * LINE + 3.0 if values else 0.0
    _placed, tallest = _columns(aims)
    return 3.0, statements, value_rows, tallest


def size(chart: Chart) -> tuple[float, float]:
    return WIDTH, max(2.0, sum(_heights(chart)) * INCH_PER_LINE + 0.4)


def draw(ax: Axes, chart: Chart) -> None:
    from matplotlib.patches import Rectangle

    mission, vision, values, aims = _layout(chart)
    band, statements, value_rows, tallest = _heights(chart)
    width = 32.0
    ax.set_xlim(0, width)
    ax.set_ylim(band + statements + value_rows + tallest + 0.5, 0)
    ax.axis("off")
    ax.add_patch(Rectangle((0, 0), width, band - 0.6, color=BAND))
    ax.text(
        width / 2,
        (band - 0.6) / 2,
        chart.axis_label,
        ha="center",
        va="center",
        color="white",
        fontsize=8,
        fontweight="bold",
    )
    y = band
    for x, heading, lines in (
        (0.0, chart.blocks[0][0], mission),
        (16.4, chart.blocks[1][0], vision),
    ):
        ax.add_patch(
            Rectangle((x, y), 15.6, statements - 0.8, facecolor=CARD, edgecolor=BAND, linewidth=0.6)
        )
        ax.text(x + 0.4, y + 0.5, heading, va="top", fontsize=6.5, fontweight="bold", color=BAND)
        for i, line in enumerate(lines):
            ax.text(x + 0.4, y + 1.8 + i * LINE, line, va="top", fontsize=5.6)
    y += statements
    if values:
        ax.text(0.2, y, chart.blocks[2][0], va="top", fontsize=6.5, fontweight="bold", color=BAND)
        per_column = -(-len(values) // COLUMNS)
        for i, value in enumerate(values):
            column, at = divmod(i, per_column)
            ax.text(
                0.4 + column * (width / COLUMNS),
                y + 1.4 + at * LINE,
                "• " + value,
                va="top",
                fontsize=5.6,
            )
        y += value_rows
    placed, _tallest = _columns(aims)
    column_width = (width - (COLUMNS - 1) * 0.8) / COLUMNS
    for (column, top), (title, items) in zip(placed, aims, strict=True):
        x = column * (column_width + 0.8)
        height = _card_height(title, items)
        ax.add_patch(
            Rectangle(
                (x, y + top), column_width, height, facecolor="white", edgecolor=BAND, linewidth=0.6
            )
        )
        ax.add_patch(Rectangle((x, y + top), column_width, len(title) * LINE + 0.6, color=CARD))
        line_y = y + top + 0.3
        for line in title:
            ax.text(x + 0.3, line_y, line, va="top", fontsize=5.8, fontweight="bold")
            line_y += LINE
        line_y += 0.5
        for line in items:
            ax.text(x + 0.4, line_y, line, va="top", fontsize=5.2)
            line_y += LINE
