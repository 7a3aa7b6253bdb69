"""The home page's forms propose what the strategy unit opens next, read from the data
(`monitoring.selectors.open_defaults`), not the calendar's year: the quarter, the strategic
plan's monitoring year and the year to prepare."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from karne.core.periods import SPPeriodCode
from karne.monitoring.models import MonitoringPeriod
from karne.monitoring.services import period_open, period_remove
from karne.monitoring.services.sp import sp_period_open
from tests.reporting.small_dataset import YEAR
from tests.web.water import load_water_utility

Login = Callable[[str], Client]


def proposed(client: Client) -> tuple[int, int, int, int]:
    """The quarter's year and quarter, the strategic plan's year and the year to prepare the
    forms offer."""
    page = client.get("/").content.decode()
    found = [
        re.search(r'<input name="year" id="open-year" [^>]*value="(\d+)"', page),
        re.search(r'<select name="quarter" id="open-quarter">.*?value="(\d)" selected', page),
        re.search(r'<input name="year" id="sp-year" [^>]*value="(\d+)"', page),
        re.search(r'<input name="year" id="prep-year" [^>]*value="(\d+)"', page),
    ]
    numbers = [int(m[1]) for m in found if m is not None]
    assert len(numbers) == 4, page
    return numbers[0], numbers[1], numbers[2], numbers[3]


def open_quarter(username: str, year: int, quarter: int) -> None:
    period_open(
        user=get_user_model().objects.get(username=username),
        year=year,
        quarter=quarter,
        deadline=timezone.localdate() + datetime.timedelta(days=20),
    )


def test_the_reference_proposes_the_quarter_after_the_latest_opened(
    as_user: Login, site: MonitoringPeriod
) -> None:
    client = as_user("strateji")
    assert proposed(client) == (2023, 2, 2023, 2024)  # 2023 Q1 is open
    for quarter in (2, 3, 4):
        open_quarter("strateji", 2023, quarter)
    # After a fourth quarter, the next year's first; the plan's year is still the one monitored.
    assert proposed(client) == (2024, 1, 2023, 2024)


def test_before_any_quarter_the_latest_programme_year(
    as_user: Login, site: MonitoringPeriod
) -> None:
    client = as_user("strateji")
    period_remove(
        user=get_user_model().objects.get(username="strateji"),
        year=2023,
        quarter=1,
        reason="Yanlışlıkla açıldı.",
    )
    assert proposed(client) == (2023, 1, 2023, 2024)


@pytest.mark.django_db
def test_the_water_utility_proposes_its_own_year() -> None:
    load_water_utility()
    client = Client()
    client.force_login(get_user_model().objects.get(username="yonetici"))
    assert proposed(client) == (YEAR, 1, YEAR, YEAR + 1)
    open_quarter("yonetici", YEAR, 3)
    assert proposed(client) == (YEAR, 4, YEAR, YEAR + 1)


def proposed_sp_point(client: Client) -> str:
    page = client.get("/").content.decode()
    form = page[page.index('id="sp-open-form"') :]
    found = re.search(r'<select name="half">.*?<option value="(\w+)" selected', form)
    assert found is not None, form[:2000]
    return found[1]


@pytest.mark.django_db
def test_the_strategic_plan_form_proposes_the_point_not_yet_opened() -> None:
    """The half-year first; once it is opened, the year-end of the same year."""
    load_water_utility()
    client = Client()
    client.force_login(get_user_model().objects.get(username="yonetici"))
    assert proposed_sp_point(client) == "H1"
    sp_period_open(
        user=get_user_model().objects.get(username="yonetici"),
        year=YEAR,
        code=SPPeriodCode.H1,
        deadline=timezone.localdate() + datetime.timedelta(days=20),
    )
    assert proposed_sp_point(client) == "Y"
