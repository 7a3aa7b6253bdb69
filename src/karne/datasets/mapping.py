"""The one mapper between the core's records and the Django models.

A model that stores a record names it (`record = records.Unit`) and has a field of the same name
for each of the record's one-value fields (or names the exception in `record_fields`). What a
field holds is read off the record's type (`karne.core.schema`): enums are stored as their
value, lists of texts or codes as JSON lists, and a record field that names another record by
its code is a foreign key on the model, resolved through `Refs` on the way in and read back as
the related row's `code` on the way out. Nothing else in the project maps a field by hand.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable
from enum import Enum
from typing import Any, TypeVar

from django.apps import apps
from django.db import models

from karne.core.schema import FieldSpec, Kind, field_specs
from karne.dataformat.tables import TABLES, Table
from karne.organisation.models import Administration

R = TypeVar("R")
M = TypeVar("M", bound=models.Model)


class Refs:
    """The rows loaded so far, by model and code, for foreign keys given as codes.

    A code that is unique only within a year (a sub-programme's) is registered with its year;
    a lookup tries the referring record's year first.
    """

    def __init__(self) -> None:
        self._rows: dict[tuple[type[models.Model], int | None, str], models.Model] = {}

    def add(self, obj: models.Model, *, year: int | None = None) -> None:
        self._rows[(type(obj), year, str(getattr(obj, "code")))] = obj  # noqa: B009

    def add_all(self, objs: Iterable[models.Model]) -> None:
        for obj in objs:
            self.add(obj)

    def loaded(self) -> list[models.Model]:
        return list(self._rows.values())

    def get(self, model: type[models.Model], code: str, year: int | None) -> models.Model | None:
        found = self._rows.get((model, year, code))
        return found if found is not None else self._rows.get((model, None, code))


def model_field(model: type[models.Model], name: str) -> Any:
    aliases: dict[str, str] = getattr(model, "record_fields", {})
    return model._meta.get_field(aliases.get(name, name))


def to_model(record: Any, model: type[M], refs: Refs | None = None, **context: Any) -> M:
    """An unsaved model row holding the record's one-value fields (self references left out:
    they are set once every row of the table exists)."""
    return model(**model_values(record, model, refs, skip=context), **context)


def model_values(
    record: Any,
    model: type[models.Model],
    refs: Refs | None = None,
    *,
    skip: Collection[str] = (),
    self_references: bool = False,
) -> dict[str, Any]:
    """The model field values that hold a record's one-value fields (by model field name), for
    a new row or for an edit of one; a reference to a row of the same table only with
    `self_references` (a load sets those once every row exists)."""
    kwargs: dict[str, Any] = {}
    year = getattr(record, "year", None)
    for spec in field_specs(type(record)):
        if not spec.is_flat or spec.name in skip:
            continue
        field = model_field(model, spec.name)
        value = getattr(record, spec.name)
        if field.is_relation:
            if field.related_model is model and not self_references:
                continue
            kwargs[field.name] = _resolve(field, value, refs, year)
        else:
            kwargs[field.name] = _stored(spec, value, field)
    return kwargs


_PREPARED_CACHE = 100_000


class InsertPlan:
    """How a table's records become rows of plain values for one multi-row INSERT, without a
    model instance per row: for the large tables (millions of realizations, values, printed
    figures) the instances, not the database, were the cost of a load.

    Each column's value is prepared by the field itself (`get_db_prep_save`), as `bulk_create`
    would, so what is stored is the same either way. Only for tables whose rows no other row
    refers to and whose model computes nothing on save (`usable`).
    """

    def __init__(self, record: type, model: type[models.Model], **context: models.Model) -> None:
        self.model = model
        self.record = record
        specs = {s.name: s for s in field_specs(record) if s.is_flat}
        by_field = {model_field(model, name).name: spec for name, spec in specs.items()}
        self.fields: list[Any] = []
        self.steps: list[tuple[str, Any, Any]] = []  # (how, what, field)
        for f in model._meta.concrete_fields:
            if f.primary_key:
                continue
            self.fields.append(f)
            if f.name in context:
                self.steps.append(("const", context[f.name].pk, f))
            elif f.name == "position":
                self.steps.append(("position", None, f))
            elif f.name in by_field:
                spec = by_field[f.name]
                self.steps.append(("ref" if f.is_relation else "value", spec, f))
            else:
                self.steps.append(("const", f.get_default(), f))

    @staticmethod
    def usable(model: type[models.Model]) -> bool:
        return not any(
            getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            for f in model._meta.concrete_fields
        )

    def insert(self, records: Iterable[Any], start: int, refs: Refs) -> None:
        from django.db import DEFAULT_DB_ALIAS, connections

        connection = connections[DEFAULT_DB_ALIAS]  # the wrapper itself, looked up once
        prepared = [
            (how, what, f, f.get_db_prep_save(what, connection) if how == "const" else None)
            for how, what, f in self.steps
        ]
        ids: dict[tuple[int, str, int | None], Any] = {}  # (step, code, year) → the row's id
        # Prepared texts, years, enum values by field (a column repeats few of them). Never a
        # Decimal: 1.0 and 1.00 are equal keys but may be stored differently.
        seen: dict[tuple[int, str | int], Any] = {}
        rows = []
        for i, record in enumerate(records, start):
            year = getattr(record, "year", None)
            row = []
            for step, (how, what, f, constant) in enumerate(prepared):
                if how == "const":
                    row.append(constant)
                elif how == "position":
                    row.append(i)
                elif how == "ref":
                    code = getattr(record, what.name)
                    ref = (step, code, year)
                    if ref not in ids:
                        found = _resolve(f, code, refs, year)
                        ids[ref] = None if found is None else found.pk
                    row.append(ids[ref])
                else:
                    value = _stored(what, getattr(record, what.name), f)
                    if isinstance(value, str | int) and len(seen) < _PREPARED_CACHE:
                        cell = (step, value)
                        if cell not in seen:
                            seen[cell] = f.get_db_prep_save(value, connection)
                        row.append(seen[cell])
                    else:
                        row.append(f.get_db_prep_save(value, connection))
            rows.append(row)
        if not rows:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        sql = f"INSERT INTO {quote(self.model._meta.db_table)} ({columns}) VALUES ({marks})"
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


def from_model(obj: models.Model, record: type[R], **given: Any) -> R:
    """The record a model row holds (nested parts `given` by the caller)."""
    values: dict[str, Any] = {}
    for spec in field_specs(record):
        if not spec.is_flat or spec.name in given:
            continue
        field = model_field(type(obj), spec.name)
        if field.is_relation:
            related = getattr(obj, field.name)
            values[spec.name] = None if related is None else related.code
        else:
            values[spec.name] = _loaded(spec, getattr(obj, field.name))
    return record(**values, **given)


def _resolve(field: Any, code: str | None, refs: Refs | None, year: int | None) -> Any:
    if not code:
        return None
    assert refs is not None, f"{field} needs the rows it refers to"
    found = refs.get(field.related_model, code, year)
    if found is None and not field.null:
        raise KeyError(f"{field.related_model.__name__} {code!r}")
    return found


def _stored(spec: FieldSpec, value: Any, field: Any) -> Any:
    if value is None and spec.kind is Kind.CODE and not field.null:
        return ""  # a code kept as text: none is the empty text
    if isinstance(value, Enum):
        return value.value
    if spec.kind in (Kind.TEXTS, Kind.CODES):
        return list(value)
    return value


def _loaded(spec: FieldSpec, value: Any) -> Any:
    if spec.kind is Kind.ENUM and spec.enum is not None:
        return spec.enum(value)
    if spec.kind in (Kind.TEXTS, Kind.CODES):
        return tuple(value)
    if spec.kind is Kind.CODE and value == "":
        return None
    return value


# --- the tables: models that store a flat record list of the dataset --------------------------


class TableModel:
    """A CSV table of the dataset and the model that stores its rows."""

    def __init__(self, table: Table, model: type[models.Model]) -> None:
        self.table = table
        self.model = model
        self.scope = scope_path(model)
        # record field name → the model's foreign key that stores it
        self.relations = {
            s.name: model_field(model, s.name)
            for s in field_specs(table.record)
            if s.is_flat and model_field(model, s.name).is_relation
        }

    @property
    def depends_on(self) -> set[type[models.Model]]:
        return {
            f.related_model for f in self.relations.values() if f.related_model is not self.model
        }

    def context_fields(self) -> list[str]:
        """Required foreign keys of the model that are not record fields: the administration."""
        names = {model_field(self.model, s.name).name for s in field_specs(self.table.record)}
        return [
            f.name
            for f in self.model._meta.concrete_fields
            if f.is_relation and not f.null and f.name not in names
        ]


def scope_path(model: type[models.Model]) -> str:
    """The shortest chain of required foreign keys from a model to its administration."""
    queue: deque[tuple[type[models.Model], str]] = deque([(model, "")])
    seen = {model}
    while queue:
        current, path = queue.popleft()
        for f in current._meta.concrete_fields:
            if not f.is_relation or f.null:
                continue
            target = f.related_model
            step = f"{path}__{f.name}" if path else f.name
            if target is Administration:
                return step
            if isinstance(target, type) and target not in seen:
                seen.add(target)
                queue.append((target, step))
    raise LookupError(f"{model.__name__} has no required path to an administration")


def table_models() -> list[TableModel]:
    """Every dataset table with its model, in the dataset's order."""
    by_record = {
        getattr(m, "record", None): m for m in apps.get_models() if getattr(m, "record", None)
    }
    missing = [t.record.__name__ for t in TABLES if t.record not in by_record]
    if missing:
        raise LookupError("no model stores " + ", ".join(missing))
    return [TableModel(t, by_record[t.record]) for t in TABLES]
