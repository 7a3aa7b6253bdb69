"""The parsing of what a person types into a form (`karne.web.forms`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from karne.web.forms import BadNumber, parse_number


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-inf", "sNaN", "1e999999999"])
def test_non_finite_numbers_are_refused(text: str) -> None:
    with pytest.raises(BadNumber):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234,5", "1234.5"),
        ("1234,5", "1234.5"),
        ("0,125", "0.125"),
        ("0.125", "0.125"),  # a lone zero is never a thousands group
        ("1234.5", "1234.5"),
        ("1.240.000", "1240000"),
        ("1.240.000,25", "1240000.25"),
        ("12,34", "12.34"),
        ("−5", "-5"),
        ("1 240 000", "1240000"),
    ],
)
def test_numbers_typed_the_turkish_or_the_plain_way(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "value"), [("12.345", "12345"), ("1.240", "1240"), ("-999.000", "-999000")]
)
def test_a_dot_before_groups_of_three_is_a_thousands_separator(text: str, value: str) -> None:
    """As the pages write numbers: the form shows 21193 as "21.193", and reads it back so."""
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1,2,3", "1.23.4", "1.234.56", "12,", "1,234.5", "abc"])
def test_malformed_numbers_are_refused(text: str) -> None:
    with pytest.raises(BadNumber) as info:
        parse_number(text)
    assert info.value.text == text
