"""The one mapper between records and models: what it derives must hold for every table."""

from __future__ import annotations

import dataclasses

import pytest
from django.db.models import Model

from karne.core.schema import field_specs
from karne.datasets.mapping import TableModel, model_field, table_models
from karne.organisation.models import Administration

TABLES = {t.table.attr: t for t in table_models()}

# References into the nested YAML structures (year-scoped codes, or a stricter rule such as
# "a spending unit"): checked by hand in dataformat/checks.py, not through schema.Ref.
HAND_CHECKED = {
    ("sp_indicators", "objective"),
    ("pp_indicators", "sub_program"),
    ("activity_costs", "activity"),
    ("budget_activity", "activity"),
    ("budget_unit", "unit"),
}


def test_every_dataset_table_has_a_model() -> None:
    from karne.dataformat.tables import TABLES as FILES

    assert set(TABLES) == {t.attr for t in FILES}


@pytest.mark.parametrize("attr", sorted(TABLES))
def test_every_record_field_has_a_model_field(attr: str) -> None:
    item: TableModel = TABLES[attr]
    for spec in field_specs(item.table.record):
        model_field(item.model, spec.name)  # raises FieldDoesNotExist when missing


@pytest.mark.parametrize("attr", sorted(TABLES))
def test_every_foreign_key_is_a_reference_the_reader_checks(attr: str) -> None:
    item = TABLES[attr]
    refs = {s.name: s.ref for s in field_specs(item.table.record)}
    for name in item.relations:
        assert refs[name] is not None or (attr, name) in HAND_CHECKED, (attr, name)


@pytest.mark.parametrize("attr", sorted(TABLES))
def test_rows_reach_their_administration(attr: str) -> None:
    item = TABLES[attr]
    target: object = item.model
    for step in item.scope.split("__"):
        assert isinstance(target, type)
        assert issubclass(target, Model)
        target = target._meta.get_field(step).related_model
    assert target is Administration
    assert set(item.context_fields()) <= {"administration"}


def _stored_records() -> dict[str, tuple[type[Model], type]]:
    """Every model that stores a record of the core, tables and nested structures alike."""
    from django.apps import apps

    from karne.core import records

    out = {}
    for model in apps.get_models():
        record = getattr(records, model.__name__, None)
        if isinstance(record, type) and dataclasses.is_dataclass(record):
            out[model.__name__] = (model, record)
    return out


STORED = _stored_records()


@pytest.mark.parametrize("name", sorted(STORED))
def test_a_value_the_reader_accepts_fits_its_column(name: str) -> None:
    """A bounded text column holds only codes whose form the reader limits to fit it (or enum
    values): free text is unbounded, so no database refuses what another one stores."""
    from django.db import models

    from karne.db.fields import ExactDecimalField

    model, record = STORED[name]
    for spec in field_specs(record):
        if not spec.is_flat:
            continue
        field = model_field(model, spec.name)
        if not isinstance(field, models.CharField) or field.is_relation:
            continue
        if isinstance(field, ExactDecimalField) or spec.enum is not None:
            continue  # at most 30 digits; one of the enum's values
        if spec.name == "economic_code":
            continue  # one of 01…09 (checks.py)
        if spec.code_form is not None:
            limit: int | None = spec.code_form.max_length
        elif spec.ref is not None:
            limit = 64  # the longest code form of a record another one names
        elif (name, spec.name) == ("NarrativeSection", "parent"):
            limit = 200  # a section's id
        else:
            limit = None
        assert limit is not None, f"{name}.{spec.name}: free text in a bounded column"
        assert field.max_length is not None
        assert limit <= field.max_length, (name, spec.name, limit, field.max_length)
