"""A number typed the Turkish way (1.234.567,5) or plainly (1234567.5): the web form's and the
workbook upload's one rule, so that a figure typed in either is read the same.

The rule reads what a Turkish person types the way the pages write it (docs/web.md, "Typing
numbers"): a comma is the decimal separator and dots before it group thousands ("1.234,5");
without a comma, dots that group the digits in threes after a first group of one to three digits
(not starting with zero) are thousands separators ("12.345" is twelve thousand three hundred
forty-five, as the form itself shows 12345), and any other single dot is a decimal point
("1234.5", "0.125", "12.34").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from karne.core.decimals import check_magnitude

_DIGITS = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_SPACES = str.maketrans("", "", " \u00a0\u202f")


class BadNumber(ValueError):
    """Not a number as a person writes one (the text is kept for the message)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def parse_number(text: str) -> Decimal | None:
    """Empty → None; "1.234,5", "1234,5", "1234.5" → 1234.5; "12.345" → 12345; "0.125" → 0.125."""
    cleaned = text.strip().translate(_SPACES)
    if not cleaned:
        return None
    sign = ""
    if cleaned[0] in "-−+":
        sign, cleaned = ("" if cleaned[0] == "+" else "-"), cleaned[1:]
    if "," in cleaned:
        whole, _, fraction = cleaned.partition(",")
        if not _DIGITS.fullmatch(fraction) or not _whole(whole, empty_ok=True):
            raise BadNumber(text)
    elif cleaned.count(".") == 1 and not _GROUPED.fullmatch(cleaned):
        whole, _, fraction = cleaned.partition(".")
        if not _DIGITS.fullmatch(whole) or not _DIGITS.fullmatch(fraction):
            raise BadNumber(text)
    else:
        whole, fraction = cleaned, ""
        if not _whole(whole, empty_ok=False):
            raise BadNumber(text)
    digits = whole.replace(".", "") or "0"
    try:
        value = Decimal(f"{sign}{digits}.{fraction}" if fraction else f"{sign}{digits}")
        return check_magnitude(value)  # "1e999999999"-sized figures are never a public figure
    except (InvalidOperation, ValueError):
        raise BadNumber(text) from None


def _whole(text: str, *, empty_ok: bool) -> bool:
    if not text:
        return empty_ok
    return bool(_DIGITS.fullmatch(text) or _GROUPED.fullmatch(text))
