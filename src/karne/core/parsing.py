"""A number typed the way the page writes numbers: the web form's and the workbook upload's one
rule, so that a figure typed in either is read the same.

Turkish (the default: the workbook and the documents are Turkish; docs/web.md, "Typing
numbers"): a comma is the decimal separator and dots before it group thousands ("1.234,5");
without a comma, dots that group the digits in threes after a first group of one to three digits
(not starting with zero) are thousands separators ("12.345" is twelve thousand three hundred
forty-five, as the form itself shows 12345), and any other single dot is a decimal point
("1234.5", "0.125", "12.34"): the plain way a figure is written, which is what a spreadsheet
cell's number reads as.

English (`decimal_comma=False`, an English page) mirrors it: a dot is the decimal separator and
commas before it group thousands ("1,234.5", "1234.5", "0.125"); without a dot, commas that group
the digits in threes the same way are thousands separators ("12,345" is 12345). Any other single
comma ("1234,5", "12,34", "0,125") is refused, not read as a decimal point: on an English page it
is either a slip ("12,34" for "1,234") or a Turkish habit ("1,5" for one and a half), and the two
readings differ by a factor of a thousand or more. A refusal costs the clerk a retyped figure; a
guess would store a wrong one without a word.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from karne.core.decimals import check_magnitude

_DIGITS = re.compile(r"[0-9]+")
_GROUPED = {  # the thousands separator → a whole number grouped in threes with it
    ".": re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+"),
    ",": re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+"),
}
_SPACES = str.maketrans("", "", " \u00a0\u202f")


class BadNumber(ValueError):
    """Not a number as a person writes one (the text is kept for the message)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def parse_number(text: str, *, decimal_comma: bool = True) -> Decimal | None:
    """Empty → None. Turkish: "1.234,5", "1234,5", "1234.5" → 1234.5; "12.345" → 12345.
    English (`decimal_comma=False`): "1,234.5", "1234.5" → 1234.5; "12,345" → 12345;
    "1234,5" is refused. Both: "0.125" → 0.125."""
    point, group = (",", ".") if decimal_comma else (".", ",")
    cleaned = text.strip().translate(_SPACES)
    if not cleaned:
        return None
    sign = ""
    if cleaned[0] in "-−+":
        sign, cleaned = ("" if cleaned[0] == "+" else "-"), cleaned[1:]
    if point in cleaned:
        whole, _, fraction = cleaned.partition(point)
        if not _DIGITS.fullmatch(fraction) or not _whole(whole, group, empty_ok=True):
            raise BadNumber(text)
    elif cleaned.count(group) == 1 and not _GROUPED[group].fullmatch(cleaned):
        if not decimal_comma:  # English: a lone comma that groups nothing is refused
            raise BadNumber(text)
        whole, _, fraction = cleaned.partition(group)
        if not _DIGITS.fullmatch(whole) or not _DIGITS.fullmatch(fraction):
            raise BadNumber(text)
    else:
        whole, fraction = cleaned, ""
        if not _whole(whole, group, empty_ok=False):
            raise BadNumber(text)
    digits = whole.replace(group, "") or "0"
    try:
        value = Decimal(f"{sign}{digits}.{fraction}" if fraction else f"{sign}{digits}")
        return check_magnitude(value)  # "1e999999999"-sized figures are never a public figure
    except (InvalidOperation, ValueError):
        raise BadNumber(text) from None


def _whole(text: str, group: str, *, empty_ok: bool) -> bool:
    if not text:
        return empty_ok
    return bool(_DIGITS.fullmatch(text) or _GROUPED[group].fullmatch(text))
