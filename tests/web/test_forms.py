"""The parsing of what a person types into a form (`karne.web.forms`)."""

from __future__ import annotations

import pytest

from karne.web.forms import BadNumber, parse_number


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-inf", "sNaN", "1e999999999"])
def test_non_finite_numbers_are_refused(text: str) -> None:
    with pytest.raises(BadNumber):
        parse_number(text)
