"""The organisation chart is drawn from the year's units, every level: the reference's 57 units
of 2023, and a unit closed before the year is not in it; the plan at a glance from the plan."""

from __future__ import annotations

import dataclasses
import datetime
import io

from PIL import Image

from karne.core.records import Dataset, DocumentKind
from karne.core.report_content import front
from karne.core.report_content.context import make_context
from karne.core.textcase import tr_upper
from karne.reporting import charts, orgchart
from tests.reporting.small_dataset import YEAR, small_dataset


def test_the_reference_s_chart_has_every_unit_under_its_parent(reference: Dataset) -> None:
    ctx = make_context(reference, 2023, DocumentKind.FAALIYET_RAPORU, datetime.date(2024, 3, 1))
    figure = front.organisation_chart(ctx)
    assert figure is not None
    chart = figure.chart
    # 64 units in all; 7 departments closed at the end of 2022 are not in 2023's 57.
    assert len(reference.units) == 64
    of_2023 = [u for u in reference.units if u.exists_in(2023)]
    assert len(chart.categories) == len(of_2023) == 57
    names = {u.code: u.name for u in of_2023}
    ordered = sorted(of_2023, key=lambda u: u.sort)  # names repeat ("Şube Müdürlüğü")
    for at, unit in enumerate(ordered):
        assert chart.categories[at] == unit.name
        parent = chart.parents[at]
        assert (ordered[parent].code if parent >= 0 else None) == unit.parent
        assert (chart.categories[parent] if parent >= 0 else None) == names.get(unit.parent or "")
    top, made = orgchart.cards(chart)
    assert top == "Göç İdaresi Başkanlığı"
    assert len(made) == 21  # the units directly under it
    ygm = next(c for c in made if c.heading == ("Yabancılar Genel Müdürlüğü",))
    assert sum(1 for _depth, _line, first in ygm.items if first) == 5
    png = charts.render(chart, "png")
    width, height = Image.open(io.BytesIO(png)).size
    assert width == 1280  # 6,4 in at 200 dpi
    assert height > 1000  # as tall as its columns


def test_a_unit_closed_before_the_year_is_not_in_its_chart() -> None:
    dataset = small_dataset()
    closed = dataclasses.replace(dataset.units[-1], valid_to=YEAR - 1)
    dataset = dataclasses.replace(dataset, units=(*dataset.units[:-1], closed))
    ctx = make_context(dataset, YEAR, DocumentKind.FAALIYET_RAPORU, datetime.date(YEAR + 1, 3, 1))
    figure = front.organisation_chart(ctx)
    assert figure is not None
    assert closed.name not in figure.chart.categories
    listed = front.organisation(ctx)
    assert listed is None or all(closed.name not in label for label, _v in listed.items)
    top, made = orgchart.cards(figure.chart)
    assert top == "Örnek Su İdaresi"
    assert [c.heading for c in made] == [("Tesisler Dairesi Başkanlığı",)]


def test_the_plan_at_a_glance_has_the_mission_vision_values_and_every_aim(
    reference: Dataset,
) -> None:
    ctx = make_context(reference, 2023, DocumentKind.PERFORMANS_PROGRAMI, datetime.date(2023, 1, 1))
    figure = front.plan_at_a_glance(ctx)
    assert figure is not None
    blocks = dict(figure.chart.blocks)
    admin = reference.administration
    assert blocks["MİSYONUMUZ"] == (admin.mission,)
    assert blocks["VİZYONUMUZ"] == (admin.vision,)
    assert blocks["TEMEL DEĞERLERİMİZ"] == admin.values
    plan = reference.strategic_plans[0]
    assert [h for h, _items in figure.chart.blocks[3:]] == [
        f"{a.code} {tr_upper(a.title)}" for a in plan.aims
    ]
    assert sum(len(items) for _h, items in figure.chart.blocks[3:]) == sum(
        len(a.objectives) for a in plan.aims
    )
    png = charts.render(figure.chart, "png")
    assert Image.open(io.BytesIO(png)).size[0] == 1280
    no_plan = make_context(
        dataclasses.replace(reference, strategic_plans=()),
        2023,
        DocumentKind.PERFORMANS_PROGRAMI,
        datetime.date(2023, 1, 1),
    )
    assert front.plan_at_a_glance(no_plan) is None
