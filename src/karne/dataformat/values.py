"""Parsers for single field values, shared by the CSV and YAML readers.

Each parser takes the raw value and returns the typed value or raises `BadValue` with the
expectation in words, which the caller turns into a located `Problem`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from karne.core.budget import TOTAL_KEYS
from karne.core.decimals import MAX_DIGITS, check_magnitude, parse_decimal
from karne.core.schema import Bounds, CodeForm, FieldSpec, Kind


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


# ASCII digits only: `str.isdigit` also passes "²" and other digits `int()` refuses.
_INTEGER = re.compile(r"-?[0-9]{1,18}")
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def integer(raw: Any) -> int:
    if isinstance(raw, bool):
        raise BadValue("a whole number")
    if isinstance(raw, int):
        if abs(raw) >= 10**18:
            raise BadValue("a whole number of at most 18 digits")
        return raw
    value = text(raw)
    if not _INTEGER.fullmatch(value):
        raise BadValue("a whole number of at most 18 digits")
    return int(value)


def year(raw: Any) -> int:
    value = integer(raw)
    if not 1900 <= value <= 2200:
        raise BadValue("a year between 1900 and 2200")
    return value


def optional_year(raw: Any) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    return year(raw)


def decimal(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise BadValue("a number")
    if isinstance(raw, int | float):
        try:
            return check_magnitude(Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw))
        except ValueError:
            raise BadValue("a finite number of at most 30 digits") from None
    value = text(raw)
    if len(value) > MAX_DIGITS + 2 or not _DECIMAL.fullmatch(value):
        raise BadValue(f"a number written like 1234567.89 (at most {MAX_DIGITS} digits)")
    try:
        return parse_decimal(value)
    except ValueError:
        raise BadValue(f"a number written like 1234567.89 (at most {MAX_DIGITS} digits)") from None


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


def bounded(parse: Parser, bounds: Bounds) -> Parser:
    """A number parser that also refuses values outside the field's range."""
    if bounds.high is None:
        expected = f"a number ≥ {bounds.low}"
    elif bounds.low is None:
        expected = f"a number ≤ {bounds.high}"
    else:
        expected = f"a number from {bounds.low} to {bounds.high}"

    def parse_bounded(raw: Any) -> Any:
        value = parse(raw)
        if value is not None and (
            (bounds.low is not None and value < bounds.low)
            or (bounds.high is not None and value > bounds.high)
        ):
            raise BadValue(expected)
        return value

    return parse_bounded


def code(form: CodeForm) -> Parser:
    """A record's own code: the field's form (`schema.CodeForm`), never a total key."""
    pattern = re.compile(form.pattern)
    expected = f"a code like {form.example} (at most {form.max_length} characters)"

    def parse_code(raw: Any) -> str:
        value = required_text(raw)
        if len(value) > form.max_length or not pattern.fullmatch(value):
            raise BadValue(expected)
        if value in TOTAL_KEYS:
            raise BadValue("a code that is not a total key (" + ", ".join(sorted(TOTAL_KEYS)) + ")")
        return value

    return parse_code


def parser_for(spec: FieldSpec) -> Parser:
    """The parser of a record field, from what the field's type says it is."""
    if spec.code_form is not None:
        return code(spec.code_form)
    parse: Parser
    if spec.kind is Kind.ENUM:
        assert spec.enum is not None
        assert issubclass(spec.enum, StrEnum)
        parse = enum(spec.enum)
    else:
        parse = _PARSERS[spec.kind]
    return parse if spec.bounds is None else bounded(parse, spec.bounds)


_PARSERS: dict[Kind, Parser] = {
    Kind.TEXT: text,
    Kind.REQUIRED_TEXT: required_text,
    Kind.CODE: optional_code,
    Kind.INTEGER: integer,
    Kind.YEAR: year,
    Kind.OPTIONAL_YEAR: optional_year,
    Kind.DECIMAL: decimal,
    Kind.OPTIONAL_DECIMAL: optional_decimal,
    Kind.BOOLEAN: boolean,
    Kind.TEXTS: text_list,
    Kind.CODES: code_list,
}
