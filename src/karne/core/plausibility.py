"""Whether a quarterly entry is a figure the indicator can have, before it is saved.

The rules (docs/web.md, "Plausible values"):
- a count (a flow or stock indicator measured in one of the policy's `count_units`: "Sayı",
  "Adet", "Kişi" by default) is never negative;
- a ratio's parts come together, the denominator is positive, and a value given with its parts
  is the parts' quotient (× the policy's ratio scale) to within half a unit of the second
  decimal;
- a share ratio (any ratio but a rate of change, whose name has one of the policy's
  `change_rate_words`: "artış/azalış/değişim oranı" by default) lies between 0
  and the ratio scale (100 %), and so does its numerator between 0 and the denominator;
- a value more than `MAGNITUDE_FACTOR` times the largest figure the indicator had before (the
  previous years' actuals and this year's earlier quarters), or, when that figure was at least
  `MAGNITUDE_FACTOR`, a non-zero value below its hundredth, is a likely typing slip: it is
  saved only once the person confirms it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from karne.core.decimals import ZERO, divide
from karne.core.indicators import IndicatorKind
from karne.core.policy import Policy
from karne.core.textcase import tr_lower

MAGNITUDE_FACTOR = Decimal(100)
RATIO_TOLERANCE = Decimal("0.005")  # half a unit of the second decimal, as a value is typed
DEFAULT_POLICY = Policy()
EXPLANATION_LIMIT = 2000  # characters; a deviation is explained in a paragraph, not a file


class Problem(StrEnum):
    NEGATIVE_COUNT = "negative_count"
    RATIO_OUT_OF_BOUNDS = "ratio_out_of_bounds"
    PARTS_INCOMPLETE = "parts_incomplete"
    DENOMINATOR_NOT_POSITIVE = "denominator_not_positive"
    NUMERATOR_OUT_OF_BOUNDS = "numerator_out_of_bounds"
    PARTS_INCONSISTENT = "parts_inconsistent"
    TOO_LARGE = "too_large"
    TOO_SMALL = "too_small"
    NEGATIVE_AMOUNT = "negative_amount"  # a proposed cost below zero


@dataclass(frozen=True)
class Finding:
    """Why an entry is not plausible; `figure` is the number the message names."""

    problem: Problem
    field: str  # "value" or "parts": where the person should look
    figure: Decimal | None = None

    @property
    def confirmable(self) -> bool:
        """A magnitude slip may be real; the others can never be."""
        return self.problem in {Problem.TOO_LARGE, Problem.TOO_SMALL}


def is_count(kind: IndicatorKind, unit: str, policy: Policy) -> bool:
    return kind is not IndicatorKind.RATIO and tr_lower(unit.strip()) in policy.count_units


def is_change_rate(kind: IndicatorKind, name: str, policy: Policy) -> bool:
    """A rate of change ("Personel sayısının artış oranı") may be negative or beyond 100 %."""
    lowered = tr_lower(name)
    return kind is IndicatorKind.RATIO and any(w in lowered for w in policy.change_rate_words)


def check_entry(
    *,
    kind: IndicatorKind,
    unit: str,
    name: str,
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
    previous: Iterable[Decimal | None],
    policy: Policy = DEFAULT_POLICY,
) -> list[Finding]:
    """The rules above, refusals first; an empty list when the entry is plausible."""
    findings: list[Finding] = []
    if kind is IndicatorKind.RATIO:
        findings += _ratio(kind, name, value, numerator, denominator, policy)
    elif value is not None and value < ZERO and is_count(kind, unit, policy):
        findings.append(Finding(Problem.NEGATIVE_COUNT, "value"))
    if not findings and value is not None:
        findings += _magnitude(value, previous)
    return findings


def _ratio(
    kind: IndicatorKind,
    name: str,
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
    policy: Policy,
) -> list[Finding]:
    scale = policy.ratio_scale
    share = not is_change_rate(kind, name, policy)
    if (numerator is None) != (denominator is None):
        return [Finding(Problem.PARTS_INCOMPLETE, "parts")]
    if numerator is not None and denominator is not None:
        if denominator <= ZERO:
            return [Finding(Problem.DENOMINATOR_NOT_POSITIVE, "parts")]
        if share and not ZERO <= numerator <= denominator:
            return [Finding(Problem.NUMERATOR_OUT_OF_BOUNDS, "parts", denominator)]
        quotient = divide(numerator, denominator)
        assert quotient is not None  # the denominator is positive
        expected = quotient * scale
        if value is not None and abs(value - expected) > RATIO_TOLERANCE:
            return [Finding(Problem.PARTS_INCONSISTENT, "value", expected)]
    if share and value is not None and not ZERO <= value <= scale:
        return [Finding(Problem.RATIO_OUT_OF_BOUNDS, "value", scale)]
    return []


def _magnitude(value: Decimal, previous: Iterable[Decimal | None]) -> list[Finding]:
    figures = [abs(p) for p in previous if p is not None]
    largest = max(figures, default=ZERO)
    if largest == ZERO or value == ZERO:
        return []
    if abs(value) > largest * MAGNITUDE_FACTOR:
        return [Finding(Problem.TOO_LARGE, "value", largest)]
    if largest >= MAGNITUDE_FACTOR and abs(value) * MAGNITUDE_FACTOR < largest:
        return [Finding(Problem.TOO_SMALL, "value", largest)]
    return []
