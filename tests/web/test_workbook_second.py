"""Both entry forms' workbooks on the second, differently shaped administration of the tests
(tests/reporting/small_dataset.py): a water utility whose units, titles and codes are its own, with
a ratio, a less-is-better stock and a falling strategic-plan indicator."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone
from openpyxl import load_workbook

from karne.core.periods import SPPeriodCode
from karne.monitoring.models import ChangeRecord, Realization, SPRealization
from karne.monitoring.services import period_open, sp_period_open
from karne.monitoring.workbook import workbook_apply, workbook_export
from karne.monitoring.workbook.kinds import STRATEGIC
from karne.monitoring.workbook.layout import SHEET
from tests.reporting.small_dataset import YEAR, small_dataset
from tests.web.water import load_water_utility
from tests.web.workbooks import fill

pytestmark = pytest.mark.django_db
SOON = timezone.localdate() + datetime.timedelta(days=20)


@pytest.fixture
def water() -> None:
    load_water_utility()


def user(name: str) -> AbstractBaseUser:
    return get_user_model().objects.get(username=name)


def test_the_quarterly_workbook_of_another_administration(water: None) -> None:
    period_open(user=user("yonetici"), year=YEAR, quarter=3, deadline=SOON)
    exported = workbook_export(user=user("veri.tes"), year=YEAR, period="3", unit="TES")
    assert exported.filename == f"karne-ornek-su-{YEAR}-3-TES.xlsx"
    sheet = load_workbook(io.BytesIO(exported.content))[SHEET]
    assert sheet["B1"].value.startswith("Tesisler Dairesi Başkanlığı · ")
    assert sheet["B2"].value == small_dataset().administration.name
    filled = fill(
        exported.content,
        {
            ("AR-01", "num"): 82,
            ("AR-01", "den"): 100,
            ("IC-02", "value"): "11",
            ("IC-02", "exp"): "Yeni ekipler göreve başladı.",
        },
        "3",
    )
    applied = workbook_apply(user=user("veri.tes"), content=filled, filename="tes.xlsx")
    assert applied.preview.ok, applied.preview.errors
    assert applied.saved == 2
    ratio = Realization.objects.get(indicator__code="AR-01", period="Q3")
    assert (ratio.numerator, ratio.denominator) == (82, 100)
    assert Realization.objects.get(indicator__code="IC-02", period="Q3").value == 11
    assert ChangeRecord.objects.filter(
        administration__code="ornek-su", reason="çalışma kitabı: tes.xlsx"
    ).exists()


def test_the_plan_s_workbook_of_another_administration(water: None) -> None:
    sp_period_open(user=user("yonetici"), year=YEAR, code=SPPeriodCode.H1, deadline=SOON)
    exported = workbook_export(
        user=user("veri.tes"), year=YEAR, period="H1", unit="TES", form=STRATEGIC
    )
    sheet = load_workbook(io.BytesIO(exported.content))[SHEET]
    assert [sheet.cell(6, c).value for c in (1, 4, 5)] == ["PG1.1.1", 40, 30]
    # A falling indicator: C = 30,5 is 95 % of the way from A = 40 to B = 30, within tolerance.
    filled = fill(exported.content, {("PG1.1.1", "value"): "30,5"}, "H1", STRATEGIC)
    applied = workbook_apply(user=user("veri.tes"), content=filled, filename="sp.xlsx")
    assert applied.preview.ok, applied.preview.errors
    assert SPRealization.objects.get(indicator__code="PG1.1.1").value == Decimal("30.5")
    # Far off the line it needs its reason, in the reason's cell.
    again = fill(
        workbook_export(
            user=user("veri.tes"), year=YEAR, period="H1", unit="TES", form=STRATEGIC
        ).content,
        {("PG1.1.1", "value"): 90},
        "H1",
        STRATEGIC,
    )
    refused = workbook_apply(user=user("veri.tes"), content=again, filename="sp.xlsx")
    assert [e.indicator for e in refused.preview.errors] == ["PG1.1.1"]
    assert SPRealization.objects.get(indicator__code="PG1.1.1").value == Decimal("30.5")
