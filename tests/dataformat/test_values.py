"""The values of the dataset files: a number is an exact, finite `Decimal`
(`karne.dataformat.values`)."""

from __future__ import annotations

import pytest

from karne.dataformat.values import BadValue, decimal


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-inf", "sNaN", "1e999999999"])
def test_non_finite_numbers_are_refused(text: str) -> None:
    with pytest.raises(BadValue):
        decimal(text)


def test_a_float_nan_is_refused() -> None:
    with pytest.raises(BadValue):
        decimal(float("nan"))
