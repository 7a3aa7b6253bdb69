"""A quarterly chart's legend says what the page asks it to say (a page in English translates
it), and sits below the axis, where it covers no bar and no label."""

from __future__ import annotations

from decimal import Decimal

from matplotlib.backends.backend_agg import FigureCanvasAgg

from karne.core.report_content.model import Chart, ChartKind, Series
from karne.reporting.charts import draw

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
    fig = draw(chart)
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
