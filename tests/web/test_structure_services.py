"""Structure edits through the services: saved and trailed, or refused with the reader's rules
mapped to the form's inputs, changing nothing."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from karne.monitoring.models import ChangeRecord, MonitoringPeriod
from karne.organisation.models import Unit
from karne.planning.models import (
    Activity,
    Objective,
    PPIndicator,
    Program,
    SPIndicator,
    SPIndicatorValue,
    SubProgram,
)
from karne.structure.services import NotFound, Refused, structure_delete, structure_save

UNIT = {
    "code": "YGM.YENI",
    "name": "Yeni Daire Başkanlığı",
    "parent": "YGM",
    "location": "central",
    "is_spending_unit": "",
    "sort": "70",
    "valid_from": "2024",
    "valid_to": "",
}


def admin() -> Any:
    return get_user_model().objects.get(username="strateji")


def trail() -> list[tuple[str, str, str, str, str]]:
    return list(
        ChangeRecord.objects.order_by("pk").values_list("subject", "key", "field", "old", "new")
    )


def state() -> tuple[object, ...]:
    return (
        list(Unit.objects.order_by("pk").values_list()),
        list(Program.objects.order_by("pk").values_list()),
        list(SubProgram.objects.order_by("pk").values_list()),
        list(Activity.objects.order_by("pk").values_list()),
        list(PPIndicator.objects.order_by("pk").values_list()),
        list(Objective.objects.order_by("pk").values_list()),
        list(SPIndicator.objects.order_by("pk").values_list()),
        list(SPIndicatorValue.objects.order_by("pk").values_list()),
        ChangeRecord.objects.count(),
    )


def refused(call: Callable[[], object]) -> dict[str, list[str]]:
    before = state()
    with pytest.raises(Refused) as info:
        call()
    assert state() == before
    return info.value.errors


def test_a_unit_is_added_and_trailed(site: MonitoringPeriod) -> None:
    key = structure_save(user=admin(), kind="birim", key=None, data=UNIT)
    assert key == "YGM.YENI"
    unit = Unit.objects.get(code="YGM.YENI")
    assert (
        getattr(unit.parent, "code", None),
        unit.valid_from,
        unit.valid_to,
        unit.is_spending_unit,
    ) == (
        "YGM",
        2024,
        None,
        False,
    )
    assert ("unit", "YGM.YENI", "name", "", "Yeni Daire Başkanlığı") in trail()
    assert ("unit", "YGM.YENI", "valid_from", "", "2024") in trail()


def test_a_unit_is_changed_field_by_field(site: MonitoringPeriod) -> None:
    structure_save(user=admin(), kind="birim", key=None, data=UNIT)
    before = len(trail())
    structure_save(
        user=admin(), kind="birim", key="YGM.YENI", data={**UNIT, "name": "Başka Ad", "sort": "71"}
    )
    assert trail()[before:] == [
        ("unit", "YGM.YENI", "name", "Yeni Daire Başkanlığı", "Başka Ad"),
        ("unit", "YGM.YENI", "sort", "70", "71"),
    ]


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"code": "YGM", "parent": "GIB"}, "code", "zaten kullanılıyor"),
        ({"code": "ygm yeni"}, "code", "biçiminde olmalı"),
        ({"parent": "YOKGM"}, "parent", "Böyle bir birim yok"),
        ({"valid_from": "2024", "valid_to": "2020"}, "valid_to", "2024 yılından önce olamaz"),
        ({"valid_from": "24"}, "valid_from", "1900 ile 2200 arasında"),
        ({"name": " "}, "name", "boş bırakılamaz"),
        ({"location": "mars"}, "location", "Listedeki"),
        ({"sort": "-1"}, "sort", "0 ile 999999999 arasında"),
    ],
)
def test_a_bad_unit_is_refused_on_its_field(
    site: MonitoringPeriod, data: dict[str, str], field: str, words: str
) -> None:
    errors = refused(
        lambda: structure_save(user=admin(), kind="birim", key=None, data={**UNIT, **data})
    )
    assert list(errors) == [field], errors
    assert words in errors[field][0]


def test_a_unit_cannot_be_put_below_itself(site: MonitoringPeriod) -> None:
    structure_save(user=admin(), kind="birim", key=None, data=UNIT)
    errors = refused(
        lambda: structure_save(
            user=admin(),
            kind="birim",
            key="YGM",
            data={
                "name": "YGM",
                "parent": "YGM.YENI",
                "location": "central",
                "is_spending_unit": "on",
                "sort": "2",
            },
        )
    )
    assert list(errors) == ["parent"]


def test_a_unit_in_use_is_not_deleted_an_unused_one_is(site: MonitoringPeriod) -> None:
    errors = refused(lambda: structure_delete(user=admin(), kind="birim", key="YGM"))
    assert "bağlı kayıtlar var" in errors[""][0]
    structure_save(user=admin(), kind="birim", key=None, data=UNIT)
    structure_delete(user=admin(), kind="birim", key="YGM.YENI")
    assert not Unit.objects.filter(code="YGM.YENI").exists()
    assert ("unit", "YGM.YENI", "name", "Yeni Daire Başkanlığı", "") in trail()
    with pytest.raises(NotFound):
        structure_delete(user=admin(), kind="birim", key="YGM.YENI")


@pytest.mark.parametrize("persona", ["amir.ygm", "veri.ygm", "okur"])
def test_only_the_administrator_edits(site: MonitoringPeriod, persona: str) -> None:
    user = get_user_model().objects.get(username=persona)
    before = state()
    with pytest.raises(PermissionDenied):
        structure_save(user=user, kind="birim", key=None, data=UNIT)
    assert state() == before


def test_a_programme_structure_is_built(site: MonitoringPeriod) -> None:
    u = admin()
    assert (
        structure_save(
            user=u,
            kind="program",
            key=None,
            data={"code": "YP", "name": "Yeni Program"},
            parent="2024",
        )
        == "2024/YP"
    )
    sub = {"code": "YP.A", "name": "Alt", "rationale": "Gerekçe"}
    assert structure_save(user=u, kind="alt-program", key=None, data=sub, parent="2024/YP") == (
        "2024/YP.A"
    )
    structure_save(
        user=u,
        kind="alt-program-amaci",
        key=None,
        data={"code": "YP.A.H1", "text": "Amaç", "sp_aims": "A1"},
        parent="2024/YP.A",
    )
    structure_save(
        user=u,
        kind="faaliyet",
        key=None,
        data={"code": "YP.A.F1", "name": "Faaliyet", "responsible_unit": "YGM"},
        parent="2024/YP.A",
    )
    assert {"program", "sub_program", "sub_program_objective", "activity"} <= {
        row[0] for row in trail()
    }
    assert ("activity", "2024/YP.A.F1", "responsible_unit", "", "YGM") in trail()
    structure_save(
        user=u,
        kind="faaliyet",
        key="2024/YP.A.F1",
        data={"code": "YP.A.F1", "name": "Faaliyet (yeni)", "responsible_unit": "UKGM"},
    )
    assert ("activity", "2024/YP.A.F1", "responsible_unit", "YGM", "UKGM") in trail()
    activity = Activity.objects.get(code="YP.A.F1")
    assert (
        activity.sub_program.program.year,
        getattr(activity.responsible_unit, "code", None),
    ) == (2024, "UKGM")
    # the same code in another year is another record
    assert (
        structure_save(
            user=u, kind="program", key=None, data={"code": "GY", "name": "GY"}, parent="2024"
        )
        == "2024/GY"
    )
    errors = refused(
        lambda: structure_save(
            user=u, kind="program", key=None, data={"code": "GY", "name": "GY"}, parent="2023"
        )
    )
    assert list(errors) == ["code"]
    errors = refused(
        lambda: structure_save(
            user=u,
            kind="faaliyet",
            key=None,
            data={"code": "YP.A.F2", "name": "F", "responsible_unit": "YOK"},
            parent="2024/YP.A",
        )
    )
    assert list(errors) == ["responsible_unit"]
    errors = refused(
        lambda: structure_save(
            user=u,
            kind="alt-program-amaci",
            key=None,
            data={"code": "YP.A.H2", "text": "x", "sp_aims": "A9"},
            parent="2024/YP.A",
        )
    )
    assert list(errors) == ["sp_aims"]
    errors = refused(
        lambda: structure_save(user=u, kind="alt-program", key=None, data=sub, parent="2024/YOK")
    )
    assert list(errors) == ["parent"]


def test_a_programme_with_sub_programmes_is_not_deleted(site: MonitoringPeriod) -> None:
    errors = refused(lambda: structure_delete(user=admin(), kind="program", key="2023/GY"))
    assert "alt program" in errors[""][0]


def test_a_pp_indicator_card_is_edited(site: MonitoringPeriod) -> None:
    old = PPIndicator.objects.get(code="GYH-01")
    data = {
        "sub_program": "GY.GYH",
        "sort": "1",
        "name": "Aktif ikamet izni sayısı (yeni ad)",
        "unit": "Sayı",
        "kind": "stock",
        "direction": "increase",
        "description": old.description,
        "calculation_method": "Yeni yöntem",
        "data_source": "",
        "responsible_administration": old.responsible_administration,
        "responsible_unit": "YGM",
        "sp_indicator": "PG1.1.3",
    }
    structure_save(user=admin(), kind="pp-gosterge", key="GYH-01", data=data)
    ind = PPIndicator.objects.get(code="GYH-01")
    assert (ind.name, ind.calculation_method, getattr(ind.sp_indicator, "code", None)) == (
        "Aktif ikamet izni sayısı (yeni ad)",
        "Yeni yöntem",
        "PG1.1.3",
    )
    fields = {row[2] for row in trail() if row[0] == "indicator"}
    assert {"name", "calculation_method"} <= fields
    for bad, field in [
        ({"sub_program": "YOK"}, "sub_program"),
        ({"kind": "x"}, "kind"),
        ({"responsible_unit": "YOK"}, "responsible_unit"),
        ({"sp_indicator": "YOK"}, "sp_indicator"),
        ({"name": ""}, "name"),
    ]:
        errors = refused(
            partial(
                structure_save, user=admin(), kind="pp-gosterge", key="GYH-01", data={**data, **bad}
            )
        )
        assert list(errors) == [field], (bad, errors)


def test_a_pp_indicator_with_values_is_not_deleted(site: MonitoringPeriod) -> None:
    errors = refused(lambda: structure_delete(user=admin(), kind="pp-gosterge", key="GYH-01"))
    assert "gerçekleşme" in errors[""][0] or "gösterge değeri" in errors[""][0]


def test_the_strategic_plan_is_edited(site: MonitoringPeriod) -> None:
    u = admin()
    structure_save(
        user=u,
        kind="plan",
        key=None,
        data={"code": "SP2024", "title": "2024-2028", "start_year": "2024", "end_year": "2028"},
    )
    structure_save(
        user=u, kind="amac", key=None, data={"code": "B1", "title": "Amaç"}, parent="SP2024"
    )
    structure_save(
        user=u,
        kind="hedef",
        key=None,
        data={"code": "B1.1", "statement": "Hedef", "responsible_units": "YGM, UKGM"},
        parent="B1",
    )
    assert Objective.objects.get(code="B1.1").responsible_units == ["YGM", "UKGM"]
    sp = {
        "code": "PB1.1.1",
        "objective": "B1.1",
        "name": "Gösterge",
        "unit": "%",
        "weight": "40",
        "baseline": "12.5",
        "direction": "increase",
        "sort": "1",
    }
    structure_save(user=u, kind="sp-gosterge", key=None, data=sp)
    assert SPIndicator.objects.get(code="PB1.1.1").baseline == Decimal("12.5")
    assert {"plan", "aim", "objective", "sp_indicator"} <= {row[0] for row in trail()}
    assert ("objective", "B1.1", "responsible_units", "", "YGM, UKGM") in trail()
    structure_save(
        user=u,
        kind="sp-hedef",
        key=None,
        data={"indicator": "PB1.1.1", "year": "2025", "target": "20"},
    )
    structure_save(user=u, kind="sp-hedef", key="PB1.1.1/2025", data={"target": "25"})
    assert SPIndicatorValue.objects.get(indicator__code="PB1.1.1", year=2025).target == 25
    assert ("sp_target", "PB1.1.1/2025", "target", "20", "25") in trail()
    for kind, key, data, field in [
        (
            "plan",
            None,
            {"code": "SP2030", "title": "x", "start_year": "2030", "end_year": "2029"},
            "end_year",
        ),
        (
            "plan",
            None,
            {"code": "SP2024", "title": "x", "start_year": "2030", "end_year": "2031"},
            "code",
        ),
        ("hedef", None, {"code": "B1.2", "responsible_units": "YOK"}, "responsible_units"),
        ("hedef", None, {"code": "H1.1"}, "code"),
        ("sp-gosterge", None, {**sp, "code": "PB1.1.2", "weight": "101"}, "weight"),
        ("sp-gosterge", None, {**sp, "code": "PB1.1.2", "objective": "YOK"}, "objective"),
        ("sp-gosterge", None, sp, "code"),
        ("sp-hedef", None, {"indicator": "PB1.1.1", "year": "2035", "target": "1"}, "year"),
        ("sp-hedef", None, {"indicator": "PB1.1.1", "year": "2025", "target": "1"}, "year"),
        ("sp-hedef", None, {"indicator": "YOK", "year": "2025", "target": "1"}, "indicator"),
        ("sp-hedef", "PB1.1.1/2025", {"target": "çok"}, "target"),
    ]:
        errors = refused(
            partial(structure_save, user=u, kind=kind, key=key, data=data, parent="B1")
        )
        assert list(errors) == [field], (kind, data, errors)
    errors = refused(lambda: structure_delete(user=u, kind="sp-gosterge", key="PB1.1.1"))
    assert "hedef değeri" in errors[""][0]
    structure_delete(user=u, kind="sp-hedef", key="PB1.1.1/2025")
    structure_delete(user=u, kind="sp-gosterge", key="PB1.1.1")
    # a unit an objective names is not deleted
    structure_save(user=u, kind="birim", key=None, data=UNIT)
    structure_save(user=u, kind="hedef", key="B1.1", data={"responsible_units": "YGM.YENI"})
    errors = refused(lambda: structure_delete(user=u, kind="birim", key="YGM.YENI"))
    assert "Böyle bir birim yok" in errors[""][0]


def test_a_spending_unit_with_budget_rows_stays_one(site: MonitoringPeriod) -> None:
    data = {"name": "Yabancılar GM", "parent": "GIB", "location": "central", "sort": "2"}
    errors = refused(lambda: structure_save(user=admin(), kind="birim", key="YGM", data=data))
    assert errors == {"": ["Bu birimin bütçe satırları var: harcama birimi olarak kalmalı."]}


def test_the_code_of_a_record_is_fixed_once_saved(site: MonitoringPeriod) -> None:
    data = {**UNIT, "code": "BASKA"}
    structure_save(user=admin(), kind="birim", key=None, data=UNIT)
    structure_save(user=admin(), kind="birim", key="YGM.YENI", data=data)
    assert Unit.objects.filter(code="YGM.YENI").exists()
    assert not Unit.objects.filter(code="BASKA").exists()
