"""The choices an administration makes, as data (`karne.core.policy`)."""

from __future__ import annotations

import pytest

from karne.core.policy import Policy


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-inf", "sNaN", "1e999999999"])
def test_non_finite_numbers_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"finite|number"):
        Policy.from_mapping({"pace_tolerance": text})
