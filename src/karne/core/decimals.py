"""Decimal helpers: exact arithmetic everywhere, rounding only where a figure is shown."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

HUNDRED = Decimal(100)
ZERO = Decimal(0)

# Division results (rates) are carried with this many significant digits; far beyond any printed
# precision, so that rounding to two places later is never affected by the division itself.
_DIVISION_PRECISION = 34


def parse_decimal(text: str) -> Decimal:
    """Parse a normalised decimal ("1244779", "-6.25", "16723081452.00").

    Raises ValueError for anything else: Turkish thousands separators or a percent sign are
    a transcription error in normalised fields, not something to guess about.
    """
    candidate = text.strip()
    if not candidate or any(ch in candidate for ch in ",% _eE"):
        raise ValueError(f"not a plain decimal: {text!r}")
    try:
        value = Decimal(candidate)
    except InvalidOperation as exc:
        raise ValueError(f"not a plain decimal: {text!r}") from exc
    return check_magnitude(value)


MAX_DIGITS = 30  # no public figure has more; a "1e999999999" would fill memory when printed


def check_magnitude(value: Decimal) -> Decimal:
    """The value itself, or ValueError when it is not finite or has more than `MAX_DIGITS`
    digits as written (the database keeps a figure as its text, in at most 40 characters)."""
    if not value.is_finite() or abs(value.adjusted()) > MAX_DIGITS:
        raise ValueError("not a usable number")
    if len(value.as_tuple().digits) > MAX_DIGITS or _written_digits(value) > MAX_DIGITS:
        raise ValueError(f"more than {MAX_DIGITS} digits")
    return value


def _written_digits(value: Decimal) -> int:
    return sum(ch.isdigit() for ch in decimal_text(value))


def divide(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator / denominator, or None when the denominator is zero (printed as "-")."""
    if denominator == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = _DIVISION_PRECISION
        return numerator / denominator


def percent(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator / denominator × 100, or None when the denominator is zero."""
    quotient = divide(numerator, denominator)
    if quotient is None:
        return None
    with localcontext() as ctx:
        ctx.prec = _DIVISION_PRECISION
        return quotient * HUNDRED


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round for display: half away from zero, the way the documents' tables are rounded."""
    exponent = Decimal(1).scaleb(-places)
    return value.quantize(exponent, rounding=ROUND_HALF_UP)


def decimal_text(value: Decimal) -> str:
    """Plain text of a decimal without exponent notation ("1E+3" would be a surprise in a CSV)."""
    text = format(value, "f")
    return "0" if text in {"-0", "-0.0"} else text


def half_unit_tolerance(places: int, parts: int) -> Decimal:
    """Half a unit of the last printed digit per part: the most rounding can move a sum (the
    audit's tolerance, and the documents' rounding notes)."""
    return Decimal(1).scaleb(-places) / 2 * parts
