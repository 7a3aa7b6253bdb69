"""Which tables a backup carries and how their values become JSON and back.

Read off Django's app registry: every installed model with a table of its own (the hidden
tables of many-to-many fields included), its concrete fields in declaration order, in the
order of their foreign keys. A new model is carried by the next backup without a line here.
Values are converted by field through Django's own `get_prep_value` / `to_python`, so an exact
decimal stays its stored text and a datetime keeps its time zone (written in UTC); a JSON field
is written with its keys sorted, the same from every database.
"""

from __future__ import annotations

import base64
import datetime
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.duration import duration_string

from karne.backup.format import JSON, BackupRefused, dependency_order

# Tables not carried, and why. Foreign keys to the first two are written as natural keys.
NOT_CARRIED: dict[str, str] = {
    "contenttypes.contenttype": "rebuilt by migrate; referred to by natural key",
    "auth.permission": "rebuilt by migrate; referred to by natural key",
    "sessions.session": "sign-ins: everyone signs in again after a restore",
    "accounts.loginattempts": "sign-in throttle counters: they start afresh after a restore",
    "jobs.job": "background builds: made again on demand (published versions are carried)",
}
# Columns not carried: a restored row takes the field's default.
NOT_CARRIED_COLUMNS: dict[str, str] = {
    "organisation.administration.revision": "the page cache's key: new after a restore",
}


@dataclass(frozen=True)
class Column:
    field: models.Field[Any, Any]
    by_natural_key: bool  # a foreign key to a table migrate rebuilds (content types…)

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def attname(self) -> str:
        return self.field.attname


@dataclass(frozen=True)
class Table:
    model: type[models.Model]
    columns: tuple[Column, ...]
    defaulted: tuple[models.Field[Any, Any], ...] = ()  # not carried: restored with the default

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def carried_tables() -> list[Table]:
    """Every table a backup carries, each after the tables its foreign keys name."""
    found = {
        m._meta.label_lower: m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in NOT_CARRIED
    }
    depends_on = {
        label: {
            _label(f)
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is not None
        }
        for label, model in found.items()
    }
    return [_table(found[label]) for label in dependency_order(depends_on)]


def _related(field: models.Field[Any, Any]) -> type[models.Model]:
    related = field.related_model
    if related is None or isinstance(related, str):  # resolved once the registry is ready
        raise TypeError(f"{field}: not a resolved relation")
    return related


def _label(field: models.Field[Any, Any]) -> str:
    return _related(field)._meta.label_lower


def _table(model: type[models.Model]) -> Table:
    columns, defaulted = [], []
    for field in model._meta.concrete_fields:
        if f"{model._meta.label_lower}.{field.name}" in NOT_CARRIED_COLUMNS:
            defaulted.append(field)
            continue
        natural = field.is_relation and _label(field) in NOT_CARRIED
        if natural and not hasattr(_related(field), "natural_key"):
            raise TypeError(f"{model._meta.label}.{field.name}: names a table not carried")
        columns.append(Column(field, natural))
    return Table(model, tuple(columns), tuple(defaulted))


class NaturalKeys:
    """Natural keys of the rows migrate rebuilds, for the foreign keys that name them."""

    def __init__(self, using: str) -> None:
        self._using = using
        self._keys: dict[str, dict[Any, tuple[JSON, ...]]] = {}
        self._pks: dict[str, dict[tuple[JSON, ...] | None, Any]] = {}

    def _of(self, field: models.Field[Any, Any]) -> dict[Any, tuple[JSON, ...]]:
        label = _label(field)
        if label not in self._keys:
            rows = _related(field)._base_manager.using(self._using).all()
            self._keys[label] = {row.pk: tuple(row.natural_key()) for row in rows}  # type: ignore[attr-defined]
        return self._keys[label]

    def key(self, field: models.Field[Any, Any], pk: Any) -> list[JSON]:
        return list(self._of(field)[pk])

    def pk(self, field: models.Field[Any, Any], key: JSON) -> Any:
        label = _label(field)
        if label not in self._pks:
            self._pks[label] = {natural: pk for pk, natural in self._of(field).items()}
        wanted = tuple(key) if isinstance(key, list) else None
        if wanted not in self._pks[label]:
            raise BackupRefused(f"{label} {key!r} does not exist in this database")
        return self._pks[label][wanted]


def dumper(column: Column, keys: NaturalKeys) -> Callable[[Any], JSON]:
    """The function that turns a value read from the database into the backup's JSON value."""
    field = column.field
    if column.by_natural_key:
        return lambda value: None if value is None else keys.key(field, value)
    if isinstance(field, models.JSONField):
        # Keys sorted: PostgreSQL's jsonb does not keep their order, SQLite's text does.
        return lambda value: json.loads(json.dumps(value, sort_keys=True))
    return lambda value: None if value is None else _json(field, field.get_prep_value(value))


def _json(field: models.Field[Any, Any], value: Any) -> JSON:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_string(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"{field}: a {type(value).__name__} has no exact form in a backup yet")


def loader(column: Column, keys: NaturalKeys) -> Callable[[JSON], Any]:
    """The inverse of `dumper`: the backup's JSON value as the field's Python value."""
    field = column.field
    if column.by_natural_key:
        return lambda value: None if value is None else keys.pk(field, value)
    if isinstance(field, models.JSONField):
        return lambda value: value
    return lambda value: None if value is None else field.to_python(value)


def table_rows(table: Table, using: str, keys: NaturalKeys) -> Iterator[list[JSON]]:
    """The table's rows by primary key, streamed from the database."""
    dumps = [dumper(c, keys) for c in table.columns]
    query = (
        table.model._base_manager.using(using)
        .order_by("pk")
        .values_list(*(c.attname for c in table.columns))
    )
    for row in query.iterator(chunk_size=2000):
        yield [dump(value) for dump, value in zip(dumps, row, strict=True)]
