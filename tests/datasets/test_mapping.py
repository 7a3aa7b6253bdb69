"""The one mapper between records and models: what it derives must hold for every table."""

from __future__ import annotations

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
