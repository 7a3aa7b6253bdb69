"""Every chart of both documents, for both datasets, is drawn whole: nothing it draws (a label,
a legend, a title, a tick) runs past the edge of its picture, where the PDF and the DOCX would
cut it off; the ring chart of shares names every category with its figure."""

from __future__ import annotations

import datetime
from decimal import Decimal

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.transforms import Bbox

from karne.core.records import Dataset
from karne.core.report_content import build_report
from karne.core.report_content.model import Chart, ChartKind, Figure, Series
from karne.reporting import charts
from karne.reporting.formats import value_text
from tests.reporting.small_dataset import YEAR, small_dataset

KINDS = ("performans-programi", "faaliyet-raporu")
DAY = datetime.date(2024, 2, 29)


def figures(dataset: Dataset, year: int) -> list[Figure]:
    """Each chart once (the documents share some)."""
    found = (f for kind in KINDS for f in build_report(dataset, year, kind, DAY).figures())
    return list({f.chart: f for f in found}.values())


@pytest.fixture(params=["reference", "small"])
def all_figures(request: pytest.FixtureRequest) -> list[Figure]:
    if request.param == "reference":
        reference = request.getfixturevalue("reference")
        assert isinstance(reference, Dataset)
        return figures(reference, 2023)
    return figures(small_dataset(), YEAR)


def test_every_chart_is_drawn_inside_its_picture(all_figures: list[Figure]) -> None:
    assert all_figures
    for figure in all_figures:
        fig = charts.draw(figure.chart)
        fig.draw_without_rendering()  # lays it out as saving does (constrained layout)
        drawn = fig.get_tightbbox()  # inches, what is actually drawn
        picture = fig.bbox_inches
        slack = 0.01
        assert drawn.x0 >= picture.x0 - slack, (figure.label, "left", drawn.x0)
        assert drawn.y0 >= picture.y0 - slack, (figure.label, "bottom", drawn.y0)
        assert drawn.x1 <= picture.x1 + slack, (figure.label, "right", drawn.x1, picture.x1)
        assert drawn.y1 <= picture.y1 + slack, (figure.label, "top", drawn.y1, picture.y1)


def test_the_ring_chart_names_every_category_with_its_figure(all_figures: list[Figure]) -> None:
    rings = [f for f in all_figures if f.chart.kind is ChartKind.PIE]
    assert rings  # the staff by gender
    for figure in rings:
        chart = figure.chart
        fig = charts.draw(chart)
        (ax,) = fig.axes
        legend = ax.get_legend()
        assert legend is not None, figure.label
        entries = [t.get_text() for t in legend.get_texts()]
        values = chart.series[0].values
        assert entries == [
            f"{c}: {value_text(v, chart.value_fmt, chart.places)}"
            for c, v in zip(chart.categories, values, strict=True)
        ]


QUARTERS = ("1st quarter", "2nd quarter", "3rd quarter", "4th quarter")


def test_the_quarterly_chart_s_legend_is_the_page_s_and_below_the_axis() -> None:
    values = tuple(Decimal(v) for v in (300, 280, 350, 400))
    chart = Chart(
        ChartKind.QUARTERS,
        QUARTERS,
        (Series("Quarterly value", values),),
        axis_label="Count",
        target=Decimal(1200),
        cumulative=True,
        target_label="Target",
        cumulative_label="Cumulative",
    )
    fig = charts.draw(chart)
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert legend is not None
    assert sorted(t.get_text() for t in legend.get_texts()) == [
        "Cumulative",
        "Quarterly value",
        "Target: 1.200",
    ]
    renderer = FigureCanvasAgg(fig).get_renderer()  # type: ignore[no-untyped-call]
    fig.draw(renderer)
    box, axis = legend.get_window_extent(renderer), ax.get_window_extent(renderer)
    assert box.y1 <= axis.y0  # below the plotting area
    assert fig.bbox.x0 <= box.x0  # inside the picture
    assert box.x1 <= fig.bbox.x1
    assert box.y0 >= fig.bbox.y0


def test_no_quarterly_figure_is_covered_by_a_marker_or_the_target(
    all_figures: list[Figure],
) -> None:
    """Each bar's figure is readable: not under a point of the running total, not crossed by
    the target line (the reviewer found "1.237.803" barely legible)."""
    quarterly = [f for f in all_figures if f.chart.kind is ChartKind.QUARTERS]
    assert quarterly
    for figure in quarterly:
        fig = charts.draw(figure.chart)
        renderer = FigureCanvasAgg(fig).get_renderer()  # type: ignore[no-untyped-call]
        fig.draw(renderer)
        (ax,) = fig.axes
        labels = [t for t in ax.texts if t.get_text()]
        boxes = [t.get_window_extent(renderer) for t in labels]
        # each point of the running total, as the square its marker covers (in pixels)
        markers = []
        for line in ax.get_lines():
            if line.get_marker() != "o":
                continue
            radius = float(line.get_markersize()) / 2 * fig.dpi / 72
            for x, y in np.asarray(line.get_xydata(), dtype=float):
                px, py = ax.transData.transform((float(x), float(y)))
                markers.append(
                    Bbox.from_extents(px - radius, py - radius, px + radius, py + radius)
                )
        for box, text in zip(boxes, labels, strict=True):
            for marker in markers:
                assert not box.overlaps(marker), (figure.label, text.get_text())
        if figure.chart.target is not None:
            target = ax.transData.transform((0, float(figure.chart.target)))[1]
            for box, text in zip(boxes, labels, strict=True):
                assert not box.y0 < target < box.y1, (figure.label, text.get_text())
