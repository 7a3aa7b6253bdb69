"""The typed-number rule (`karne.core.parsing`) in both of its readings: Turkish (the default,
the workbook's and the documents') and English (an English page's form)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karne.core.formatting import format_exact
from karne.core.parsing import BadNumber, parse_number


def english(text: str) -> Decimal | None:
    return parse_number(text, decimal_comma=False)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234.5", "1234.5"),
        ("1234.5", "1234.5"),
        ("0.125", "0.125"),
        (".5", "0.5"),
        ("1,240,000", "1240000"),
        ("1,240,000.25", "1240000.25"),
        ("12.34", "12.34"),
        ("1.234", "1.234"),  # one point two three four, as an English page writes it
        ("−5", "-5"),
        ("-1,234.5", "-1234.5"),
        ("+7", "7"),
        ("1 240 000", "1240000"),
        ("  42  ", "42"),
    ],
)
def test_numbers_typed_the_english_or_the_plain_way(text: str, value: str) -> None:
    assert english(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "value"), [("1,234", "1234"), ("12,345", "12345"), ("-999,000", "-999000")]
)
def test_a_comma_before_groups_of_three_is_a_thousands_separator(text: str, value: str) -> None:
    """As an English page writes numbers: the form shows 1234 as "1,234" and reads it back so."""
    assert english(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1234,5", "12,34", "0,125", "1,5", "0,500"])
def test_a_lone_comma_that_groups_nothing_is_refused_in_english(text: str) -> None:
    """Neither a decimal comma (a Turkish habit) nor a thousands separator (a slip): refused."""
    with pytest.raises(BadNumber) as info:
        english(text)
    assert info.value.text == text


@pytest.mark.parametrize(
    "text", ["1.234,5", "1,23,456", "1,234,56", "12.", "1.2.3", "abc", "NaN", "1e999999999"]
)
def test_malformed_numbers_are_refused_in_english(text: str) -> None:
    with pytest.raises(BadNumber):
        english(text)


def test_empty_is_no_number_in_either_language() -> None:
    assert english("  ") is None
    assert parse_number("") is None


def test_the_same_text_reads_by_the_page_s_language() -> None:
    assert parse_number("1,234") == Decimal("1.234")
    assert english("1,234") == Decimal(1234)
    assert parse_number("1.234") == Decimal(1234)
    assert english("1.234") == Decimal("1.234")
    assert parse_number("1234.5") == english("1234.5") == Decimal("1234.5")  # plain: both


figures = st.decimals(
    min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=4, allow_nan=False
)


@settings(max_examples=200)
@given(figures)
def test_a_figure_shown_in_english_reads_back_the_same(value: Decimal) -> None:
    assert english(format_exact(value, "en_US")) == value


@settings(max_examples=200)
@given(figures)
def test_a_figure_shown_in_turkish_reads_back_the_same(value: Decimal) -> None:
    assert parse_number(format_exact(value)) == value
