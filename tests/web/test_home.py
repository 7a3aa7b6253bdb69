"""The home page's "open a period" form proposes the quarter the strategy unit opens next, read
from the data (`monitoring.selectors.quarter_to_open`), not the calendar's year."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from karne.monitoring.models import MonitoringPeriod
from karne.monitoring.services import period_open, period_remove
from tests.reporting.small_dataset import YEAR
from tests.web.water import load_water_utility

Login = Callable[[str], Client]


def proposed(client: Client) -> tuple[int, int]:
    """The year and quarter the form offers."""
    page = client.get("/").content.decode()
    year = re.search(r'<input name="year" id="open-year" [^>]*value="(\d+)"', page)
    quarter = re.search(r'<select name="quarter" id="open-quarter">.*?value="(\d)" selected', page)
    assert year is not None, page
    assert quarter is not None, page
    return int(year[1]), int(quarter[1])


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
    assert proposed(client) == (2023, 2)  # 2023 Q1 is open
    for quarter in (2, 3, 4):
        open_quarter("strateji", 2023, quarter)
    assert proposed(client) == (2024, 1)  # after a fourth quarter, the next year's first


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
    assert proposed(client) == (2023, 1)


@pytest.mark.django_db
def test_the_water_utility_proposes_its_own_year() -> None:
    load_water_utility()
    client = Client()
    client.force_login(get_user_model().objects.get(username="yonetici"))
    assert proposed(client) == (YEAR, 1)
    open_quarter("yonetici", YEAR, 3)
    assert proposed(client) == (YEAR, 4)
