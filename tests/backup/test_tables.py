"""The tables read off the app registry, and the values' exact forms."""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.db import models

from karne.backup.tables import NOT_CARRIED, Column, NaturalKeys, carried_tables, dumper, loader
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Realization
from karne.organisation.models import Administration

pytestmark = pytest.mark.django_db


def test_every_model_is_carried_after_the_tables_it_names() -> None:
    tables = carried_tables()
    labels = [t.label for t in tables]
    assert (
        set(labels)
        == {m._meta.label_lower for m in apps.get_models(include_auto_created=True)}
        - NOT_CARRIED.keys()
    )
    for table in tables:
        for column in table.columns:
            related = column.field.related_model
            if isinstance(related, type) and related._meta.label_lower in labels:
                target = labels.index(related._meta.label_lower)
                assert target <= labels.index(table.label), (table.label, column.name)
    membership_units = next(t for t in tables if t.label == "accounts.membership_units")
    assert membership_units.fields == ("id", "membership", "unit")


def test_foreign_keys_to_tables_migrate_rebuilds_are_natural_keys() -> None:
    permissions = next(t for t in carried_tables() if t.label == "auth.user_user_permissions")
    column = next(c for c in permissions.columns if c.name == "permission")
    assert column.by_natural_key
    keys = NaturalKeys("default")
    some = Permission.objects.order_by("pk").first()
    assert some is not None
    key = dumper(column, keys)(some.pk)
    assert key == [some.codename, some.content_type.app_label, some.content_type.model]
    assert loader(column, keys)(key) == some.pk


def round_trip(model: type[models.Model], name: str, value: Any) -> tuple[Any, Any]:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    column = Column(field, by_natural_key=False)
    keys = NaturalKeys("default")
    written = dumper(column, keys)(value)
    return written, loader(column, keys)(written)


def test_an_exact_decimal_is_its_text() -> None:
    assert round_trip(Realization, "value", Decimal("16723081452.00")) == (
        "16723081452.00",
        Decimal("16723081452.00"),
    )
    assert round_trip(Realization, "value", None) == (None, None)


def test_a_datetime_keeps_its_moment_written_in_utc() -> None:
    istanbul = datetime.datetime(
        2024, 3, 31, 23, 30, 5, 123, tzinfo=zoneinfo.ZoneInfo("Europe/Istanbul")
    )
    written, back = round_trip(ChangeRecord, "at", istanbul)
    assert written == "2024-03-31T20:30:05.000123+00:00"
    assert back == istanbul


def test_dates_numbers_and_json_are_themselves() -> None:
    assert round_trip(MonitoringPeriod, "deadline", datetime.date(2023, 4, 15)) == (
        "2023-04-15",
        datetime.date(2023, 4, 15),
    )
    assert round_trip(MonitoringPeriod, "quarter", 3) == (3, 3)
    assert round_trip(Administration, "values", ["Şeffaflık", "İnsan"]) == (
        ["Şeffaflık", "İnsan"],
        ["Şeffaflık", "İnsan"],
    )


def test_a_json_field_is_written_with_its_keys_sorted() -> None:
    written, back = round_trip(Administration, "policy", {"z": 1, "a": {"y": 2, "b": [3]}})
    assert list(written) == ["a", "z"]
    assert list(written["a"]) == ["b", "y"]
    assert back == {"a": {"b": [3], "y": 2}, "z": 1}
