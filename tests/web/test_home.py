"""The home page's forms propose what the strategy unit opens next, read from the data
(`monitoring.selectors.open_defaults`), not the calendar's year: the quarter, the strategic
plan's monitoring year and the year to prepare."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from karne.core.evaluation import evaluate
from karne.core.formatting import format_money, format_percent
from karne.core.indicators import Status
from karne.core.periods import SPPeriodCode
from karne.core.records import Dataset
from karne.monitoring.models import MonitoringPeriod, Realization
from karne.monitoring.services import period_open, period_remove
from karne.monitoring.services.sp import sp_period_open
from karne.organisation.models import Administration
from karne.organisation.services import revision_bump
from karne.web.views.overview import status_css
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


# The year at a glance: the reference's indicators by year-end status and its budget's execution.
GLANCE_ROW = re.compile(
    r'<tr><th scope="row" class="status ([\w-]+)">(.*?)</th><td>.*?data-count="(\d+)"', re.S
)


def glance_of(page: str) -> dict[str, tuple[str, int]]:
    """The glance's status rows: css class → (label, count)."""
    start = page.index('id="glance-statuses"')
    table = page[start : page.index("</table>", start)]
    return {css: (label, int(count)) for css, label, count in GLANCE_ROW.findall(table)}


def test_the_reader_sees_the_year_s_statuses_as_the_core_evaluates_them(
    as_user: Login, reference: Dataset
) -> None:
    page = as_user("okur").get("/").content.decode()
    assert '<h2 id="glance">Bir bakışta <small>2023</small></h2>' in page
    evaluation = evaluate(reference, 2023)
    expected = Counter(status_css(i.status) for i in evaluation.indicators)
    shown = glance_of(page)
    assert {css: count for css, (_, count) in shown.items()} == {
        status_css(band): expected[status_css(band)] for band in [*Status, None]
    }
    assert shown["exceeded"][0] == "Hedeflenen Değer Aşıldı"
    assert shown["none"][0] == "Veri yok"
    assert sum(expected.values()) == len(evaluation.indicators) > 0
    # Each indicator counted links to its page.
    for indicator in evaluation.indicators:
        assert f'<a href="/gosterge/{indicator.code}/">{indicator.code}</a>' in page
    # The budget's total, as the budget page computes it.
    total = evaluation.budget.economic_total.execution
    assert total is not None
    budget = page[page.index('id="glance-budget"') :]
    assert 'href="/butce/2023/"' in budget
    assert f"{format_percent(total.realization_rate, 2, 'tr_TR')}</td>" in budget
    assert f"{format_money(total.spent, locale='tr_TR')} TL" in budget


def test_the_glance_in_english(as_user: Login, reference: Dataset) -> None:
    client = as_user("okur")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert '<h2 id="glance">At a glance <small>2023</small></h2>' in page
    shown = glance_of(page)
    assert shown["exceeded"][0] == "Target exceeded"
    assert shown["none"][0] == "No data"
    total = evaluate(reference, 2023).budget.economic_total.execution
    assert total is not None
    budget = page[page.index('id="glance-budget"') :]
    assert "Realization rate" in budget
    assert f"{format_money(total.total_appropriation, locale='en_US')} TL" in budget
    assert re.search(r">\d{1,3}(,\d{3})+\.\d{2} TL<", budget)
    assert not re.search(r">\d{1,3}(\.\d{3})+,\d{2} TL<", budget)


@pytest.mark.parametrize("username", ["strateji", "okur"])
def test_those_who_see_every_unit_see_the_glance(as_user: Login, username: str) -> None:
    assert 'id="glance"' in as_user(username).get("/").content.decode()


@pytest.mark.parametrize("username", ["amir.ygm", "veri.ygm", "veri.ukgm"])
def test_a_unit_s_people_do_not_see_the_whole_administration_s_figures(
    as_user: Login, username: str
) -> None:
    """Their indicators are their units' (`indicator.view`: own units), so the
    administration's counts and budget total are not theirs to see on the home page."""
    page = as_user(username).get("/").content.decode()
    assert 'id="glance"' not in page
    assert "glance-budget" not in page


def test_the_glance_is_computed_afresh_after_a_change(as_user: Login) -> None:
    """Kept under the revision: once the data changes (a new revision), it is read again."""
    client = as_user("okur")
    before = glance_of(client.get("/").content.decode())
    assert before == glance_of(client.get("/").content.decode())  # served from what is kept
    revision_bump(Administration.objects.get().pk)
    Realization.objects.filter(year=2023).delete()
    assert 'id="glance"' not in client.get("/").content.decode()  # no year reported any more
