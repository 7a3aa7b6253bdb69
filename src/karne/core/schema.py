"""What each field of a record is, read off its type hint: the records are the schema.

The CSV columns, the YAML keys, the Django models' field mapping and the load and read mappings
are all derived from these specs, so an input field is declared once, in `core/records.py`.
The few exceptions a plain type cannot say (a year, a text that may be blank although it has no
default, a list of codes rather than of texts, the range of a number, the form of a code) are
`Annotated` markers, which type checkers see through.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints


class Marker(StrEnum):
    YEAR = "year"
    BLANK = "blank"
    CODES = "codes"


Year = Annotated[int, Marker.YEAR]
"""A calendar year (bounded by the reader)."""

OptionalYear = Annotated[int | None, Marker.YEAR]
"""A calendar year that may be left empty (a unit's first or last year)."""

BlankText = Annotated[str, Marker.BLANK]
"""A text every row has a column for, which may be empty."""

Codes = Annotated[tuple[str, ...], Marker.CODES]
"""A list of codes of other records (a single code is read as a list of one)."""


@dataclass(frozen=True)
class Bounds:
    """The range a number field may take (`None`: unbounded on that side), both ends included:
    money and counts are never negative, a weight is a percentage."""

    low: int | None = None
    high: int | None = None


@dataclass(frozen=True)
class CodeForm:
    """The form of a record's own code (its identity, a join key, part of URLs): a regular
    expression the whole code must match, an example for messages and a maximum length. The
    reader also refuses the total keys the computations use as row codes (`budget.TOTAL_KEYS`)."""

    pattern: str
    example: str
    max_length: int = 64


@dataclass(frozen=True)
class Ref:
    """The field names a record of another list of the dataset by its code (the Dataset field
    named `target`); the reader checks that it exists, the database stores a foreign key."""

    target: str


class Kind(StrEnum):
    TEXT = "text"  # may be empty
    REQUIRED_TEXT = "required_text"
    CODE = "code"  # an optional reference by code: empty means none
    INTEGER = "integer"
    YEAR = "year"
    OPTIONAL_YEAR = "optional_year"  # empty means none
    DECIMAL = "decimal"
    OPTIONAL_DECIMAL = "optional_decimal"
    BOOLEAN = "boolean"
    ENUM = "enum"
    TEXTS = "texts"
    CODES = "codes"
    NESTED = "nested"  # records inside a record, or any other structure: mapped by hand


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: Kind
    has_default: bool
    enum: type[Enum] | None = None
    nested: type | None = None  # the record type of a tuple of records
    ref: str | None = None  # the Dataset field whose codes this field names
    bounds: Bounds | None = None  # the range of a number
    code_form: CodeForm | None = None  # the form of a record's own code

    @property
    def is_flat(self) -> bool:
        return self.kind is not Kind.NESTED


def field_specs(record_type: type[Any]) -> tuple[FieldSpec, ...]:
    """The specs of a record's fields, in declaration order (the order files are written in)."""
    specs = _SPECS.get(record_type)
    if specs is None:
        specs = _SPECS[record_type] = _field_specs(record_type)
    return specs


_SPECS: dict[type[Any], tuple[FieldSpec, ...]] = {}


def _field_specs(record_type: type[Any]) -> tuple[FieldSpec, ...]:
    if not dataclasses.is_dataclass(record_type):
        raise TypeError(f"{record_type!r} is not a record")
    hints = get_type_hints(record_type, include_extras=True)
    out = []
    for f in dataclasses.fields(record_type):
        has_default = (
            f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        )
        kind, enum, nested = _kind(hints[f.name], has_default)
        bounds = _marker(hints[f.name], Bounds)
        code_form = _marker(hints[f.name], CodeForm)
        ref = _ref(hints[f.name])
        out.append(FieldSpec(f.name, kind, has_default, enum, nested, ref, bounds, code_form))
    return tuple(out)


def is_flat_record(record_type: type) -> bool:
    """A record every field of which is one CSV cell (a row of a table)."""
    return dataclasses.is_dataclass(record_type) and all(
        s.is_flat for s in field_specs(record_type)
    )


def tuple_item_type(hint: Any) -> type | None:
    """The record type of `tuple[Record, ...]`, else None."""
    if get_origin(hint) is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis and dataclasses.is_dataclass(args[0]):
            return typing.cast(type, args[0])
    return None


def _kind(hint: Any, has_default: bool) -> tuple[Kind, type[Enum] | None, type | None]:
    markers: tuple[Any, ...] = ()
    if get_origin(hint) is Annotated:
        hint, *rest = get_args(hint)
        markers = tuple(rest)
    if Marker.YEAR in markers:
        return (Kind.OPTIONAL_YEAR if _unwrap_optional(hint)[0] else Kind.YEAR), None, None
    if Marker.CODES in markers:
        return Kind.CODES, None, None
    optional, base = _unwrap_optional(hint)
    if base is str:
        if optional:
            return Kind.CODE, None, None
        blank = Marker.BLANK in markers or has_default
        return (Kind.TEXT if blank else Kind.REQUIRED_TEXT), None, None
    if base is bool and not optional:
        return Kind.BOOLEAN, None, None
    if base is int and not optional:
        return Kind.INTEGER, None, None
    if base is Decimal:
        return (Kind.OPTIONAL_DECIMAL if optional else Kind.DECIMAL), None, None
    if isinstance(base, type) and issubclass(base, Enum) and not optional:
        return Kind.ENUM, base, None
    if base == tuple[str, ...]:
        return Kind.TEXTS, None, None
    return Kind.NESTED, None, tuple_item_type(base)


def _ref(hint: Any) -> str | None:
    ref = _marker(hint, Ref)
    return None if ref is None else ref.target


M = typing.TypeVar("M")


def _marker(hint: Any, marker: type[M]) -> M | None:
    if get_origin(hint) is Annotated:
        return next((m for m in get_args(hint)[1:] if isinstance(m, marker)), None)
    return None


def _unwrap_optional(hint: Any) -> tuple[bool, Any]:
    if get_origin(hint) in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(get_args(hint)) == 2:
            return True, args[0]
    return False, hint
