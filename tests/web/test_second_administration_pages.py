"""The pages of the second, differently shaped administration of the tests
(tests/reporting/small_dataset.py): a water utility whose ratio AR-01 was reported by its parts
alone (70 / 100, 81 / 100, no value typed)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from karne.monitoring.services import period_open
from tests.reporting.small_dataset import YEAR
from tests.web.water import load_water_utility

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk() -> Client:
    load_water_utility()
    users = get_user_model().objects
    period_open(
        user=users.get(username="yonetici"),
        year=YEAR,
        quarter=3,
        deadline=timezone.localdate() + datetime.timedelta(days=20),
    )
    client = Client()
    client.force_login(users.get(username="veri.tes"))
    return client


def test_a_ratio_reported_by_its_parts_shows_them_among_the_earlier_quarters(
    clerk: Client,
) -> None:
    page = clerk.get(f"/donem/{YEAR}/3/birim/TES/").content.decode()
    assert "1. Üç Aylık: 70 / 100<br>2. Üç Aylık: 81 / 100<br>" in page
    assert "Üç Aylık: -" not in page
    assert "1. Üç Aylık: 20<br>2. Üç Aylık: 35<br>" in page  # a value typed is shown as it is


def test_the_earlier_quarters_are_named_in_the_page_s_language(clerk: Client) -> None:
    """Not by their codes ("Q1"): in Turkish as the Form-3 names them, in English as the
    catalogue does."""
    english = clerk.get(f"/donem/{YEAR}/3/birim/TES/", HTTP_ACCEPT_LANGUAGE="en").content
    assert "1st quarter: 70 / 100<br>" in english.decode()
    turkish = clerk.get(f"/donem/{YEAR}/3/birim/TES/").content.decode()
    assert "Q1:" not in turkish


def test_the_indicator_page_shows_and_charts_a_quarter_given_by_its_parts(clerk: Client) -> None:
    """The quarter's figure is the parts' quotient, as the Form-3 prints it; its parts stay
    beside it, and the quarters are charted."""
    page = clerk.get("/gosterge/AR-01/").content.decode()
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    assert (
        '<td class="num" data-label="Değer">70</td>'
        '<td class="num" data-label="Pay / payda">70 / 100</td>'
    ) in table
    assert (
        '<td class="num" data-label="Değer">81</td>'
        '<td class="num" data-label="Pay / payda">81 / 100</td>'
    ) in table
    assert "<svg" in page


def test_only_a_ratio_s_page_has_a_column_for_parts(clerk: Client) -> None:
    """A count has no numerator and denominator: its page shows no empty "Pay / payda"."""
    assert "Pay / payda" in clerk.get("/gosterge/AR-01/").content.decode()
    count = clerk.get("/gosterge/IC-01/")
    assert count.status_code == 200
    assert "Pay / payda" not in count.content.decode()
