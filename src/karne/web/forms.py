"""Input parsing only: a number typed the Turkish way (1.234.567,5) or plainly (1234567.5)."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal

from karne.core.decimals import check_magnitude


class BadNumber(ValueError):
    pass


def parse_number(text: str) -> Decimal | None:
    """Empty → None; "1.234,5" and "1234,5" and "1234.5" → 1234.5; anything else refused."""
    cleaned = text.strip().replace(" ", "")
    if not cleaned:
        return None
    if "," not in cleaned and cleaned.count(".") == 1 and len(cleaned.split(".")[1]) != 3:
        cleaned = cleaned.replace(".", ",")  # a plain decimal point, not a thousands separator
    try:
        value = parse_decimal(cleaned, locale="tr_TR", strict=True)
    except (NumberFormatError, ArithmeticError):
        raise BadNumber(text) from None
    try:
        return check_magnitude(value)  # "NaN", "Infinity", "1e999999999": never a figure
    except ValueError:
        raise BadNumber(text) from None
