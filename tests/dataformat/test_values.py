"""The values of the dataset files: a number is an exact, finite `Decimal`
(`karne.dataformat.values`)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from karne.core.records import (
    Administration,
    BudgetEconomic,
    PPIndicator,
    Resource,
    SPIndicator,
    Unit,
)
from karne.core.schema import field_specs
from karne.dataformat.values import BadValue, Parser, decimal, integer, parser_for


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-inf", "sNaN", "1e999999999"])
def test_non_finite_numbers_are_refused(text: str) -> None:
    with pytest.raises(BadValue):
        decimal(text)


def test_a_float_nan_is_refused() -> None:
    with pytest.raises(BadValue):
        decimal(float("nan"))


@pytest.mark.parametrize("text", ["²", "--1", "9" * 5000, "١٢", "1.0", "+-3"])
def test_a_whole_number_is_ascii_digits_of_bounded_length(text: str) -> None:
    with pytest.raises(BadValue):
        integer(text)


@pytest.mark.parametrize("text", ["1" * 31, "1." + "0" * 50, "0." + "0" * 30 + "1", "٣", "--1"])
def test_a_number_has_at_most_thirty_ascii_digits(text: str) -> None:
    with pytest.raises(BadValue):
        decimal(text)


def test_thirty_digits_are_enough() -> None:
    assert decimal("1" * 20 + "." + "1" * 10) == D("1" * 20 + "." + "1" * 10)


def _parser(record: type, name: str) -> Parser:
    return parser_for(next(s for s in field_specs(record) if s.name == name))


@pytest.mark.parametrize(
    ("record", "name", "bad", "good"),
    [
        (SPIndicator, "weight", "150", "100"),
        (SPIndicator, "weight", "-10", "0"),
        (BudgetEconomic, "kbo", "-1", "0"),
        (BudgetEconomic, "spent", "-0.01", ""),
        (Resource, "value", "-3", "3"),
        (Unit, "sort", "-1", "1"),
    ],
)
def test_the_records_bound_their_numbers(record: type, name: str, bad: str, good: str) -> None:
    with pytest.raises(BadValue):
        _parser(record, name)(bad)
    _parser(record, name)(good)


@pytest.mark.parametrize(
    "code", ["../../x", "GYH/01?x=<script>", "GENEL_TOPLAM", "TOPLAM", "gyh-01", "GYH 01", ""]
)
def test_a_code_has_its_entity_s_form_and_is_no_total_key(code: str) -> None:
    with pytest.raises(BadValue):
        _parser(PPIndicator, "code")(code)


def test_codes_of_the_reference_forms_are_accepted() -> None:
    assert _parser(PPIndicator, "code")("GYH-01") == "GYH-01"
    assert _parser(Unit, "code")("YHGM.SGDB") == "YHGM.SGDB"
    assert _parser(Administration, "code")("goc-idaresi") == "goc-idaresi"
