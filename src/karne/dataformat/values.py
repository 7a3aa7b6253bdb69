"""Parsers for single field values, shared by the CSV and YAML readers.

Each parser takes the raw value and returns the typed value or raises `BadValue` with the
expectation in words, which the caller turns into a located `Problem`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from karne.core.decimals import check_magnitude, parse_decimal
from karne.core.schema import FieldSpec, Kind


class BadValue(ValueError):
    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


E = TypeVar("E", bound=StrEnum)
Parser = Callable[[Any], Any]


def text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, bool | dict | list):
        raise BadValue("text")
    return str(raw).strip() if not isinstance(raw, str) else raw.strip()


def required_text(raw: Any) -> str:
    value = text(raw)
    if not value:
        raise BadValue("a non-empty text")
    return value


def optional_code(raw: Any) -> str | None:
    value = text(raw)
    return value or None


def integer(raw: Any) -> int:
    if isinstance(raw, bool):
        raise BadValue("a whole number")
    if isinstance(raw, int):
        return raw
    value = text(raw)
    if not value.lstrip("-").isdigit():
        raise BadValue("a whole number")
    return int(value)


def year(raw: Any) -> int:
    value = integer(raw)
    if not 1900 <= value <= 2200:
        raise BadValue("a year between 1900 and 2200")
    return value


def decimal(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise BadValue("a number")
    if isinstance(raw, int | float):
        try:
            return check_magnitude(Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw))
        except ValueError:
            raise BadValue("a finite number of at most 30 digits") from None
    try:
        return parse_decimal(text(raw))
    except ValueError:
        raise BadValue("a number written like 1234567.89 (no thousands separator, no %)") from None


def optional_decimal(raw: Any) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    return decimal(raw)


def boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    value = text(raw)
    if value not in {"true", "false"}:
        raise BadValue("true or false")
    return value == "true"


def enum(enum_type: type[E]) -> Callable[[Any], E]:
    allowed = ", ".join(member.value for member in enum_type)

    def parse(raw: Any) -> E:
        try:
            return enum_type(text(raw))
        except ValueError:
            raise BadValue(f"one of {allowed}") from None

    return parse


def code_list(raw: Any) -> tuple[str, ...]:
    """A YAML list of codes (a single code is accepted as a list of one)."""
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (raw.strip(),) if raw.strip() else ()
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise BadValue("a list of codes")
    return tuple(x.strip() for x in raw)


def text_list(raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(x, str | int) for x in raw):
        raise BadValue("a list of texts")
    return tuple(str(x).strip() for x in raw)


def parser_for(spec: FieldSpec) -> Parser:
    """The parser of a record field, from what the field's type says it is."""
    if spec.kind is Kind.ENUM:
        assert spec.enum is not None
        return enum(spec.enum)
    return _PARSERS[spec.kind]


_PARSERS: dict[Kind, Parser] = {
    Kind.TEXT: text,
    Kind.REQUIRED_TEXT: required_text,
    Kind.CODE: optional_code,
    Kind.INTEGER: integer,
    Kind.YEAR: year,
    Kind.DECIMAL: decimal,
    Kind.OPTIONAL_DECIMAL: optional_decimal,
    Kind.BOOLEAN: boolean,
    Kind.TEXTS: text_list,
    Kind.CODES: code_list,
}
