"""How a printed figure is compared with a computed one.

Tolerance: a printed number with d decimals agrees with a computed value c when c rounded half up
to d decimals gives it — that is what printing c would produce. When it does not, but it is c
truncated to d decimals (171,42 for 171,428…, 99,50 for 99,509…), the document cut the digits
instead of rounding: an info finding, not an error — the figure is right within its printed
precision. Anything else is the rule's finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from enum import Enum

from karne.core.decimals import parse_decimal, round_half_up
from karne.core.indicators import Status
from karne.core.textcase import tr_lower


class Verdict(Enum):
    AGREES = "agrees"
    ROUNDING = "rounding"  # within one unit of the last printed digit
    DIFFERS = "differs"
    NOT_A_NUMBER = "not_a_number"


@dataclass(frozen=True)
class Comparison:
    verdict: Verdict
    places: int


def places_of(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def printed_number(text: str) -> Decimal | None:
    try:
        return parse_decimal(text)
    except ValueError:
        return None


def compare_number(printed: str, computed: Decimal | None) -> Comparison:
    """Compare a normalised printed value ("171.42", "-") with a computed one."""
    text = printed.strip()
    if text == "-" or text == "":
        return Comparison(Verdict.AGREES if computed is None else Verdict.DIFFERS, 0)
    value = printed_number(text)
    if value is None:
        return Comparison(Verdict.NOT_A_NUMBER, 0)
    places = places_of(text)
    if computed is None:
        return Comparison(Verdict.DIFFERS, places)
    if round_half_up(computed, places) == value:
        return Comparison(Verdict.AGREES, places)
    if computed.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN) == value:
        return Comparison(Verdict.ROUNDING, places)
    return Comparison(Verdict.DIFFERS, places)


# Order matters: "ulaşılamadı" and "ulaşıldı" both contain "aşıl", so whole words are matched
# and the negative and partial bands are tried first.
_BANDS = (
    (re.compile(r"\bulaşılamadı\b|\bulaşamadı\b"), Status.NOT_ACHIEVED),
    (re.compile(r"\bkısmen\b"), Status.PARTIALLY_ACHIEVED),
    (re.compile(r"\başıldı\b"), Status.EXCEEDED),
    (re.compile(r"\bulaşıldı\b"), Status.ACHIEVED),
)


def status_band(text: str) -> Status | None:
    """The band a printed status text means, even when it is worded wrongly."""
    lowered = tr_lower(text)
    for pattern, status in _BANDS:
        if pattern.search(lowered):
            return status
    return None


_SPACE = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def same_text(a: str, b: str) -> bool:
    return _SPACE.sub(" ", a).strip() == _SPACE.sub(" ", b).strip()


def same_text_loosely(a: str, b: str) -> bool:
    """Equal but for case, spacing and the kind of apostrophe."""

    def norm(s: str) -> str:
        return _SPACE.sub(" ", tr_lower(s.translate(_APOSTROPHES))).strip()

    return norm(a) == norm(b)
