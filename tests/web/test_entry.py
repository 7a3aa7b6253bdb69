"""The quarterly entry form (`karne.web.views.entry` and its template)."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from karne.accounts.services import member_create
from karne.core.workflow import Role
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Realization
from karne.monitoring.services import realization_save
from tests.web.helpers import entry_form, page_form

YGM = "/donem/2023/1/birim/YGM/"


def stored(code: str) -> Realization:
    return Realization.objects.get(indicator__code=code, period="Q1")


@pytest.fixture
def other_clerk(site: MonitoringPeriod) -> Callable[[str, Decimal, str], None]:
    """A second clerk of YGM who saves a value while the first one's form is open."""
    member_create(
        administration="goc-idaresi",
        username="veri2.ygm",
        password="x" * 14,
        role=Role.CLERK,
        units=("YGM",),
    )

    def save(code: str, value: Decimal, explanation: str = "") -> None:
        row = stored(code)
        realization_save(
            user=get_user_model().objects.get(username="veri2.ygm"),
            period=site,
            indicator=code,
            value=value,
            explanation=explanation or row.explanation,
            expected_version=row.version,
        )

    return save


def test_a_row_the_user_did_not_change_is_neither_saved_nor_compared(
    as_user: Callable[[str], Client], other_clerk: Callable[[str, Decimal, str], None]
) -> None:
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    other_clerk("GYH-07", Decimal(22000), "Dönemsel etki.")
    form["value-GYH-01"] = "1.240.000"
    assert clerk.post(YGM, form).status_code == 302  # GYH-07 changed since: not this form's
    assert stored("GYH-07").value == Decimal(22000)
    assert stored("GYH-01").value == Decimal(1240000)


def test_saving_again_after_a_conflict_overwrites_nothing(
    as_user: Callable[[str], Client], other_clerk: Callable[[str, Decimal, str], None]
) -> None:
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    other_clerk("GYH-01", Decimal(1240000), "Dönemsel etki.")
    other_clerk("GYH-07", Decimal(22000), "Dönemsel etki.")
    form["value-GYH-01"] = "1.250.000"
    response = clerk.post(YGM, form)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Kayıtlı değer: 1.240.000; sizin girdiğiniz: 1.250.000." in page
    assert "veri2.ygm kaydetti" in page
    again = page_form(page)
    assert again["value-GYH-01"] == "1.240.000"  # the stored value, not the refused one
    assert again["value-GYH-07"] == "22.000"  # an untouched row shows what is stored now
    assert clerk.post(YGM, again).status_code == 302
    assert (stored("GYH-01").value, stored("GYH-07").value) == (Decimal(1240000), Decimal(22000))
    assert not ChangeRecord.objects.filter(username="veri.ygm").exists()


def test_values_are_shown_exactly_and_an_untouched_one_is_kept_exactly(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    Realization.objects.filter(indicator__code="GYH-10", period="Q1").update(
        value=Decimal("37513.125")
    )
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    assert form["value-GYH-10"] == "37.513,125"
    form["exp-GYH-01"] = "Dönemsel etki."
    assert clerk.post(YGM, form).status_code == 302
    assert stored("GYH-10").value == Decimal("37513.125")
    assert not ChangeRecord.objects.filter(key="GYH-10/2023/Q1").exists()


def test_a_failed_save_says_nothing_was_saved_and_marks_each_field(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    form["value-GYH-07"] = "yirmi bin"
    form["value-GYH-01"] = "1.240.000"
    response = clerk.post(YGM, form)
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(r'<div class="banner" role="alert" id="errors">\s*<p><strong>Hiçbir', page)
    assert 'href="#value-GYH-07"' in page
    value_input = re.search(r'<input id="value-GYH-07"[^>]*>', page)
    assert value_input
    for attribute in ('aria-invalid="true"', 'aria-describedby="error-value-GYH-07"', "autofocus"):
        assert attribute in value_input.group(0)
    assert re.search(r'<p class="error" id="error-value-GYH-07">“yirmi bin” bir sayı', page)
    assert page_form(page)["value-GYH-01"] == "1.240.000"  # what was typed is kept
    assert stored("GYH-01").value == Decimal(1237803)


def test_an_explanation_error_sits_under_the_explanation(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    form["value-GYH-10"] = "30000"
    page = clerk.post(YGM, form).content.decode()
    assert re.search(r'<p class="error" id="error-exp-GYH-10">[^<]*nedenini açıklayın', page)
    textarea = re.search(r'<textarea id="exp-GYH-10"[^>]*>', page)
    assert textarea
    assert 'aria-describedby="error-exp-GYH-10"' in textarea.group(0)
    assert "autofocus" in textarea.group(0)


def test_an_explanation_is_limited_and_the_typed_values_are_kept(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    assert re.search(
        r'<textarea id="exp-GYH-01"[^>]*maxlength="2000"', clerk.get(YGM).content.decode()
    )
    form["value-GYH-01"] = "1.240.000"
    form["exp-GYH-01"] = "ş" * 2001
    response = clerk.post(YGM, form)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Açıklama en çok 2.000 karakter olabilir; yazdığınız 2.001 karakter." in page
    assert page_form(page)["value-GYH-01"] == "1.240.000"
    assert stored("GYH-01").explanation == ""
    form["exp-GYH-01"] = "ş" * 2000
    assert clerk.post(YGM, form).status_code == 302


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5", "negatif olamaz"),
        ("100.000.000.000.000.000.000", "(1.300.000) 100 katından büyük"),
        ("12.345", "(1.300.000) yüzde birinden küçük"),  # 12345: a slip of magnitude
    ],
)
def test_implausible_numbers_are_refused_with_a_message(
    as_user: Callable[[str], Client], site: MonitoringPeriod, text: str, message: str
) -> None:
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    form["value-GYH-01"] = text
    form["exp-GYH-01"] = "açıklama"
    response = clerk.post(YGM, form)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert stored("GYH-01").value == Decimal(1237803)


def test_a_magnitude_slip_is_saved_once_confirmed(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    form["value-GYH-01"] = "1237"  # three digits short
    form["exp-GYH-01"] = "Sistem kaydı eksik."
    page = clerk.post(YGM, form).content.decode()
    assert "yüzde birinden küçük" in page
    assert 'name="confirm-GYH-01"' in page
    again = page_form(page)
    assert again["value-GYH-01"] == "1237"
    assert clerk.post(YGM, {**again, "confirm-GYH-01": "1"}).status_code == 302
    assert stored("GYH-01").value == Decimal(1237)
