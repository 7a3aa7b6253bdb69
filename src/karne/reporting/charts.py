"""Charts drawn from a report's `Chart` data with matplotlib (Agg), for every output.

The same function serves the PDF and the DOCX (PNG) and later the web pages (SVG). A chart is a
frozen value, so its drawing is cached by content: within a run the PDF and the DOCX of a
document, and both documents, share one drawing; with a cache folder, later runs reuse it.
matplotlib is imported only to draw, so reading cached charts costs no import.
"""

from __future__ import annotations

import hashlib
import io
import math
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any

from karne.core.report_content.model import Chart, ChartKind, Fmt
from karne.reporting import glance, orgchart
from karne.reporting.formats import value_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure as MplFigure
    from matplotlib.ticker import FuncFormatter

COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a5a5a5")
TARGET_COLOUR = "#c00000"
_STYLE: Any = {  # matplotlib types rc keys as literals; these are all valid keys
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "karne",  # stable ids: the same chart gives the same bytes
    "svg.fonttype": "path",
}
_VERSION = "5"  # bump when the drawing changes, to invalidate cached files


def _floats(values: tuple[Decimal | None, ...]) -> list[float]:
    return [float(v) if v is not None else 0.0 for v in values]


def _formatter(chart: Chart) -> FuncFormatter:
    from matplotlib.ticker import FuncFormatter

    def fmt(x: float, _pos: int) -> str:
        value = Decimal(repr(round(float(x), 6)))
        if chart.value_fmt is Fmt.MONEY and abs(value) >= 1_000_000:
            return value_text(value / 1_000_000, Fmt.NUMBER, 0, chart.locale) + " mn"
        places = chart.places if chart.value_fmt is not Fmt.MONEY else 0
        return value_text(value, chart.value_fmt, places if value % 1 else 0, chart.locale)

    return FuncFormatter(fmt)


def _label(chart: Chart, value: Decimal | None) -> str:
    places = chart.places if chart.value_fmt is not Fmt.MONEY else 0
    return value_text(value, chart.value_fmt, places, chart.locale)


def _bars(ax: Axes, chart: Chart, horizontal: bool) -> None:
    count = len(chart.series)
    width = 0.8 / max(count, 1)
    positions = list(range(len(chart.categories)))
    for index, series in enumerate(chart.series):
        offset = [p - 0.4 + width * (index + 0.5) for p in positions]
        values = _floats(series.values)
        colour = COLOURS[index % len(COLOURS)]
        if horizontal:
            bars = ax.barh(offset, values, height=width, color=colour, label=series.label)
        else:
            bars = ax.bar(offset, values, width=width, color=colour, label=series.label)
        ax.bar_label(
            bars, labels=[_label(chart, v) for v in series.values], fontsize=6.5, padding=2
        )
    if horizontal:
        ax.set_yticks(positions, [_wrap(c, 34) for c in chart.categories])
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(_formatter(chart))
        ax.set_xlabel(chart.axis_label)
        ax.margins(x=0.18)
    else:
        ax.set_xticks(positions, [_wrap(c, 16) for c in chart.categories])
        ax.yaxis.set_major_formatter(_formatter(chart))
        ax.set_ylabel(chart.axis_label)
        ax.margins(y=0.15)
    if count > 1:
        ax.legend(frameon=False, fontsize=7)


def _pie(ax: Axes, chart: Chart) -> None:
    """A ring with each share's value inside its wedge and the categories in a legend beside it:
    labels drawn around the ring ran past the figure's edge (constrained layout does not make
    room for them), and long category names do not fit inside a wedge."""
    values = _floats(chart.series[0].values)
    total = sum(values)
    wedges, _texts = ax.pie(
        values,
        colors=COLOURS[: len(values)],
        startangle=90,
        wedgeprops={"width": 0.45, "edgecolor": "white"},
    )
    for wedge, value in zip(wedges, chart.series[0].values, strict=True):
        if not total or float(value or 0) / total < 0.06:
            continue  # too thin for its figure; the legend gives it
        angle = math.radians((wedge.theta1 + wedge.theta2) / 2)
        ax.text(
            0.775 * math.cos(angle),
            0.775 * math.sin(angle),
            _label(chart, value),
            ha="center",
            va="center",
            fontsize=8,
            fontweight="bold",
            color="white",
        )
    ax.legend(
        wedges,
        [
            f"{c}: {_label(chart, v)}"
            for c, v in zip(chart.categories, chart.series[0].values, strict=True)
        ],
        loc="center left",
        bbox_to_anchor=(1.0, 0.5),
        frameon=False,
        fontsize=8,
    )
    ax.set_title(chart.axis_label, fontsize=8)
    ax.axis("equal")


_INSIDE = 0.2  # a bar at least this share of the chart's top holds its figure inside
_MARKER = 4.0  # points: the running total's markers


def _quarters(ax: Axes, chart: Chart) -> None:
    values = chart.series[0].values
    positions = list(range(len(chart.categories)))
    label = chart.series[0].label
    bars = ax.bar(positions, _floats(values), color=COLOURS[0], width=0.6, label=label)
    # A tall bar's figure inside it, in white: above it, the running total's first point (equal
    # to the first bar) and the target line crossed it. A short bar's figure stays above it.
    running = [float(total) for total in accumulate(v or Decimal(0) for v in values)]
    plotted = [float(v) for v in values if v is not None]
    if chart.cumulative:
        plotted.extend(running)
    if chart.target is not None:
        plotted.append(float(chart.target))
    top = max((abs(v) for v in plotted), default=0.0)
    inside = [v is not None and top > 0 and float(v) >= _INSIDE * top for v in values]
    texts = [_label(chart, v) for v in values]
    ax.bar_label(
        bars,
        labels=[t if i else "" for t, i in zip(texts, inside, strict=True)],
        label_type="center",
        color="white",
        fontsize=6,
    )
    ax.bar_label(
        bars,
        labels=[t if not i else "" for t, i in zip(texts, inside, strict=True)],
        fontsize=6,
        padding=_MARKER / 2 + 3 if chart.cumulative else 2,  # clear of the first point
    )
    if chart.cumulative:
        ax.plot(
            positions,
            running,
            color=COLOURS[1],
            marker="o",
            markersize=_MARKER,
            linewidth=1.5,
            label=chart.cumulative_label,
        )
    if chart.target is not None:
        ax.axhline(
            float(chart.target),
            color=TARGET_COLOUR,
            linestyle="--",
            linewidth=1.2,
            label=f"{chart.target_label}: {_label(chart, chart.target)}",
        )
    ax.set_xticks(positions, list(chart.categories))
    ax.yaxis.set_major_formatter(_formatter(chart))
    ax.set_ylabel(chart.axis_label)
    ax.margins(y=0.2)
    # Below the axis, where no bar or label can be: "best" put it over the bars.
    ax.legend(
        frameon=False,
        fontsize=6.5,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncols=3,
        columnspacing=0.8,
        handlelength=1.4,
        handletextpad=0.4,
    )


def _wrap(text: str, width: int) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def _size(chart: Chart) -> tuple[float, float]:
    if chart.kind is ChartKind.ORG:
        return orgchart.size(chart)
    if chart.kind is ChartKind.GLANCE:
        return glance.size(chart)
    if chart.kind is ChartKind.QUARTERS:
        return 3.6, 2.4
    if chart.kind is ChartKind.PIE:
        return 5.2, 2.6
    if chart.kind is ChartKind.HBAR:
        return 6.4, 0.9 + 0.38 * len(chart.categories) * max(1, len(chart.series))
    return 6.0, 3.0


def _rc_context() -> Any:
    """matplotlib's style context, imported on the first drawing (without pyplot): a run whose
    charts are all in the cache, and a process that forks workers, never loads matplotlib nor
    numpy and its threads."""
    import matplotlib

    return matplotlib.rc_context(_STYLE)


def draw(chart: Chart) -> MplFigure:
    from matplotlib.figure import Figure as MplFigure

    with _rc_context():
        fig = MplFigure(figsize=_size(chart), layout="constrained")
        ax = fig.add_subplot()
        if chart.kind is ChartKind.ORG:
            orgchart.draw(ax, chart)
        elif chart.kind is ChartKind.GLANCE:
            glance.draw(ax, chart)
        elif chart.kind is ChartKind.PIE:
            _pie(ax, chart)
        elif chart.kind is ChartKind.QUARTERS:
            _quarters(ax, chart)
        else:
            _bars(ax, chart, horizontal=chart.kind is ChartKind.HBAR)
    return fig


def _render(chart: Chart, image_format: str) -> bytes:
    fig = draw(chart)
    buffer = io.BytesIO()
    with _rc_context():
        metadata = {"Date": None} if image_format == "svg" else {"Software": None}
        fig.savefig(buffer, format=image_format, dpi=200, metadata=metadata)
    if image_format != "png":
        return buffer.getvalue()
    return _opaque_png(buffer.getvalue())


def _opaque_png(data: bytes) -> bytes:
    """The PNG without its alpha channel (the charts are drawn on white, alpha is 255
    everywhere): WeasyPrint re-encodes an RGBA picture twice, as colours and as a mask."""
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    if image.mode != "RGBA" or image.getchannel("A").getextrema() != (255, 255):
        return data
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG")
    return out.getvalue()


def chart_key(chart: Chart, image_format: str) -> str:
    return hashlib.sha256(f"{_VERSION}|{image_format}|{chart!r}".encode()).hexdigest()[:32]


@lru_cache(maxsize=512)
def _memory(chart: Chart, image_format: str) -> bytes:
    return _render(chart, image_format)


def cache_path(chart: Chart, image_format: str, cache_dir: Path) -> Path:
    return cache_dir / f"{chart_key(chart, image_format)}.{image_format}"


def render(chart: Chart, image_format: str, cache_dir: Path | None = None) -> bytes:
    """The chart as SVG or PNG bytes, from memory, the cache folder, or freshly drawn."""
    if cache_dir is None:
        return _memory(chart, image_format)
    path = cache_path(chart, image_format, cache_dir)
    if path.exists():
        return path.read_bytes()
    data = _memory(chart, image_format)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{image_format}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return data
