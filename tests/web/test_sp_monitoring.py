"""Strategic-plan monitoring: a half-year opened, entered by the responsible unit, moved
through the quarterly workflow, and its approved values in the SP evaluation and the dataset."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from karne.core.evaluation import evaluate
from karne.core.periods import SPPeriodCode
from karne.core.workflow import Action
from karne.dataformat import read_dataset, write_dataset
from karne.datasets.selectors import dataset_read
from karne.monitoring.errors import Refused
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, SPRealization, Submission
from karne.monitoring.services import (
    EntriesRefused,
    EntryInput,
    sp_entries_save,
    sp_period_open,
    sp_period_remove,
    submission_act,
    target_set,
)
from karne.monitoring.sp_selectors import sp_entry_rows
from karne.organisation.models import Unit
from karne.planning.models import SPIndicatorValue
from tests.web.helpers import entry_form, state_of

H1 = "/sp-izleme/2023/H1/"
YGM = f"{H1}birim/YGM/"
SOON = timezone.localdate() + datetime.timedelta(days=20)


def user(name: str) -> AbstractBaseUser:
    return get_user_model().objects.get(username=name)


def open_h1() -> MonitoringPeriod:
    return sp_period_open(user=user("strateji"), year=2023, code=SPPeriodCode.H1, deadline=SOON)


def on_target(period: MonitoringPeriod, **values: str) -> dict[str, str]:
    """The YGM form with every C at its target B (no deviation), `values` replacing some."""
    rows = sp_entry_rows(period, Submission.objects.get(period=period, unit__code="YGM").unit)
    form: dict[str, str] = {}
    for row in rows:
        assert row.target is not None
        form[f"value-{row.code}"] = values.get(row.code, str(row.target))
        form[f"ver-{row.code}"] = str(row.version)
        form[f"was-value-{row.code}"] = ""
    return form


def test_opening_gives_each_responsible_unit_a_draft(site: MonitoringPeriod) -> None:
    period = open_h1()
    assert period.is_sp
    assert period.sp_code is SPPeriodCode.H1
    assert str(period) == "2023 · SP izleme · 1. Altı Aylık"
    units = set(period.submissions.values_list("unit__code", flat=True))
    assert {"YGM", "DGGM"} <= units
    assert period.submissions.filter(state="draft").count() == len(units)
    assert ChangeRecord.objects.filter(subject="period", key="2023-SP-H1").exists()
    # the quarter closing with the same quarter is another period
    assert MonitoringPeriod.objects.filter(year=2023, quarter=2, kind="quarter").count() == 0
    with pytest.raises(Refused, match="zaten açık"):
        open_h1()
    with pytest.raises(Refused, match="stratejik planın göstergesi yok"):
        sp_period_open(user=user("strateji"), year=2031, code=SPPeriodCode.H1, deadline=SOON)
    with pytest.raises(PermissionDenied):
        sp_period_open(user=user("veri.ygm"), year=2023, code=SPPeriodCode.YEAR_END, deadline=SOON)


def test_rows_show_a_and_b_and_the_units_own_indicators(site: MonitoringPeriod) -> None:
    period = open_h1()
    ygm = Submission.objects.get(period=period, unit__code="YGM").unit
    rows = {r.code: r for r in sp_entry_rows(period, ygm)}
    assert set(rows) == {c for c in rows if c.startswith("PG1.")}  # A1's objectives are YGM's
    assert (rows["PG1.1.3"].baseline, rows["PG1.1.3"].target) == (Decimal(3), Decimal(18))
    assert rows["PG1.1.3"].value is None
    assert rows["PG1.1.3"].problem == "değer girilmemiş"


def test_a_deviation_needs_its_reason_and_a_stale_form_conflicts(site: MonitoringPeriod) -> None:
    period = open_h1()
    ygm = Submission.objects.get(period=period, unit__code="YGM").unit
    clerk = user("veri.ygm")
    short = EntryInput("PG1.1.3", Decimal(10), None, None, "", 0)  # (10−3)/(18−3) = 46,67 %
    with pytest.raises(EntriesRefused) as refused:
        sp_entries_save(user=clerk, period=period, unit=ygm, entries=[short])
    assert "sapmanın nedenini" in str(refused.value.errors["PG1.1.3"])
    assert not SPRealization.objects.exists()
    explained = EntryInput("PG1.1.3", Decimal(10), None, None, "Eğitimler ikinci yarıda.", 0)
    assert sp_entries_save(user=clerk, period=period, unit=ygm, entries=[explained]) == 1
    saved = SPRealization.objects.get(indicator__code="PG1.1.3", year=2023, period="H1")
    assert (saved.value, saved.version, saved.explanation) == (
        Decimal(10),
        1,
        "Eğitimler ikinci yarıda.",
    )
    trail = ChangeRecord.objects.filter(subject="sp_realization", key="PG1.1.3/2023/H1")
    assert ("value", "", "10") in list(trail.values_list("field", "old", "new"))
    stale = EntryInput("PG1.1.3", Decimal(18), None, None, "", 0)
    with pytest.raises(EntriesRefused) as conflict:
        sp_entries_save(user=clerk, period=period, unit=ygm, entries=[stale])
    assert conflict.value.conflict
    ratio = EntryInput("PG1.1.4", Decimal(140), None, None, "x", 0)  # a per-cent beyond 100
    with pytest.raises(EntriesRefused, match=r"PG1\.1\.4"):
        sp_entries_save(user=clerk, period=period, unit=ygm, entries=[ratio])
    with pytest.raises(PermissionDenied):
        sp_entries_save(user=user("veri.ukgm"), period=period, unit=ygm, entries=[explained])


def test_the_workflow_and_the_sp_evaluation(
    as_user: Callable[[str], Client], site: MonitoringPeriod, tmp_path: Path
) -> None:
    period = open_h1()
    clerk = as_user("veri.ygm")
    form = on_target(period, **{"PG1.1.3": "12"})
    response = clerk.post(YGM, form)
    assert response.status_code == 400  # 12 is (12−3)/(18−3) = 60 %: a reason is needed
    assert "sapmanın nedenini" in response.content.decode()
    form["exp-PG1.1.3"] = "Eğitim takvimi yılın ikinci yarısında yoğunlaşıyor."
    assert clerk.post(YGM, form).status_code == 302
    page = clerk.get(YGM).content.decode()
    assert 'id="perf-PG1.1.3">%60,00' in page
    submission = Submission.objects.get(period=period, unit__code="YGM")
    act = f"/basvuru/{submission.pk}/islem/"
    response = clerk.post(act, {"action": "submit"})
    assert response["Location"] == YGM
    assert state_of(clerk, YGM) == "Birim amirinin onayında"
    assert clerk.post(YGM, entry_form(clerk, YGM)).status_code == 403  # no longer editable
    as_user("amir.ygm").post(act, {"action": "head_approve"})
    admin = as_user("strateji")
    assert admin.post(act, {"action": "admin_return", "reason": "PG1.1.3'ü kontrol edin"})
    assert Submission.objects.get(pk=submission.pk).state == "draft"
    assert SPIndicatorValue.objects.get(indicator__code="PG1.1.3", year=2023).actual == 17
    clerk.post(act, {"action": "submit"})
    as_user("amir.ygm").post(act, {"action": "head_approve"})
    admin.post(act, {"action": "admin_approve"})
    assert Submission.objects.get(pk=submission.pk).state == "locked"
    # the approved C is the year's actual: the evaluation of `karne evaluate` reads it
    assert SPIndicatorValue.objects.get(indicator__code="PG1.1.3", year=2023).actual == 12
    assert ChangeRecord.objects.filter(
        subject="sp_value", key="PG1.1.3/2023", old="17", new="12", reason="2023-SP-H1"
    ).exists()
    result = {r.code: r for r in evaluate(dataset_read(), 2023).sp_indicators}["PG1.1.3"]
    assert (result.actual, result.performance.value) == (Decimal(12), Decimal(60))
    overview = admin.get(H1).content.decode()
    assert '<tr data-code="PG1.1.3">' in overview
    assert '<td class="num actual">12</td><td class="num">%60,00</td>' in overview
    # the dataset still round-trips, with the approved value
    write_dataset(dataset_read(), tmp_path / "out")
    again = read_dataset(tmp_path / "out")
    assert again == dataset_read()
    value = next(v for v in again.sp_indicator_values if v.indicator == "PG1.1.3")
    assert value.actual == Decimal(12)


def test_the_year_end_follows_the_half_year(site: MonitoringPeriod) -> None:
    h1 = open_h1()
    year_end = sp_period_open(
        user=user("strateji"), year=2023, code=SPPeriodCode.YEAR_END, deadline=SOON
    )
    ygm = Submission.objects.get(period=h1, unit__code="YGM").unit
    sp_entries_save(
        user=user("veri.ygm"),
        period=h1,
        unit=ygm,
        entries=[EntryInput("PG1.1.3", Decimal(11), None, None, "Yarıyıl.", 0)],
    )
    rows = {r.code: r for r in sp_entry_rows(year_end, ygm)}
    assert rows["PG1.1.3"].earlier == {SPPeriodCode.H1: Decimal(11)}
    assert rows["PG1.1.3"].value is None


def test_pages_refuse_what_does_not_exist(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    open_h1()
    admin = as_user("strateji")
    assert admin.get("/sp-izleme/2023/H2/").status_code == 404
    assert admin.get("/sp-izleme/2023/Y/").status_code == 404  # not opened
    period = MonitoringPeriod.objects.get(kind="sp")
    entering = set(period.submissions.values_list("unit__code", flat=True))
    other = Unit.objects.exclude(code__in=entering).values_list("code", flat=True).first()
    assert admin.get(f"{H1}birim/{other}/").status_code == 404  # a unit with no SP indicator
    home = admin.get("/").content.decode()
    assert 'href="/sp-izleme/2023/H1/"' in home
    assert admin.post("/sp-izleme/ac/", {"year": "x"}).status_code == 302
    submission = Submission.objects.get(period__kind="sp", unit__code="YGM")
    with pytest.raises(Refused, match="eksikler"):
        submission_act(user=user("veri.ygm"), submission_id=submission.pk, action=Action.SUBMIT)


def test_another_administration_monitors_its_own_plan(site: MonitoringPeriod) -> None:
    """The second, differently shaped administration: its plan, its units, its year."""
    from karne.accounts.services import member_create
    from karne.core.workflow import Role
    from karne.datasets.services import dataset_load
    from tests.audit.factory import clean_dataset

    dataset_load(dataset=clean_dataset())
    for name, role, units in (
        ("test.admin", Role.ADMIN, ()),
        ("test.veri", Role.CLERK, ("AGM",)),
        ("test.amir", Role.HEAD, ("AGM",)),
    ):
        member_create(
            administration="test-idare",
            username=name,
            password="x" * 14,
            role=role,
            units=units,
        )
    period = sp_period_open(
        user=user("test.admin"), year=2024, code=SPPeriodCode.YEAR_END, deadline=SOON
    )
    submission = Submission.objects.get(period=period)
    assert submission.unit.code == "AGM"
    assert not Submission.objects.filter(period=period).exclude(pk=submission.pk).exists()
    entries = [
        EntryInput("PG1.1.1", Decimal(20), None, None, "", 0),  # (20−10)/(20−10): on target
        EntryInput("PG1.1.2", Decimal(30), None, None, "Bütçe kısıtı.", 0),  # 60 %, no baseline
    ]
    sp_entries_save(user=user("test.veri"), period=period, unit=submission.unit, entries=entries)
    for name, action in (
        ("test.veri", Action.SUBMIT),
        ("test.amir", Action.HEAD_APPROVE),
        ("test.admin", Action.ADMIN_APPROVE),
    ):
        submission_act(user=user(name), submission_id=submission.pk, action=action)
    results = {
        r.code: r for r in evaluate(dataset_read(administration="test-idare"), 2024).sp_indicators
    }
    assert (results["PG1.1.1"].actual, results["PG1.1.1"].performance.value) == (
        Decimal(20),
        Decimal(100),
    )
    assert (results["PG1.1.2"].actual, results["PG1.1.2"].performance.value) == (
        Decimal(30),
        Decimal(60),
    )
    # the reference administration's values are untouched
    assert SPIndicatorValue.objects.get(indicator__code="PG1.1.3", year=2023).actual == 17


def test_a_locked_sp_period_does_not_hold_the_programmes_targets(site: MonitoringPeriod) -> None:
    period = open_h1()
    Submission.objects.filter(period=period, unit__code="YGM").update(state="locked")
    saved = target_set(
        user=user("strateji"),
        indicator="GYH-01",
        year=2023,
        value=Decimal(1_300_000),
        reason="revizyon",
    )
    assert saved.value == Decimal(1_300_000)


def test_a_period_opened_by_mistake_is_removed_until_something_is_entered(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    open_h1()
    with pytest.raises(Refused, match="gerekçe"):
        sp_period_remove(user=user("strateji"), year=2023, code=SPPeriodCode.H1, reason=" ")
    with pytest.raises(PermissionDenied):
        sp_period_remove(user=user("veri.ygm"), year=2023, code=SPPeriodCode.H1, reason="x")
    admin = as_user("strateji")
    home = admin.get("/").content.decode()
    assert 'action="/sp-izleme/2023/H1/kaldir/"' in home
    removed = admin.post("/sp-izleme/2023/H1/kaldir/", {"reason": "yanlış yıl"}, follow=True)
    assert "kaldırıldı" in removed.content.decode()
    assert not MonitoringPeriod.objects.filter(kind="sp").exists()
    assert ChangeRecord.objects.filter(key="2023-SP-H1", reason="yanlış yıl").exists()
    with pytest.raises(Refused, match="açık değil"):
        sp_period_remove(user=user("strateji"), year=2023, code=SPPeriodCode.H1, reason="x")
    # Once a value is saved the period stays, with what was entered in it.
    period = open_h1()
    sp_entries_save(
        user=user("veri.ygm"),
        period=period,
        unit=Submission.objects.get(period=period, unit__code="YGM").unit,
        entries=[EntryInput("PG1.1.3", Decimal(18), None, None, "", 0)],
    )
    with pytest.raises(Refused, match="kaldırılamaz"):
        sp_period_remove(user=user("strateji"), year=2023, code=SPPeriodCode.H1, reason="x")
    assert MonitoringPeriod.objects.filter(pk=period.pk).exists()
