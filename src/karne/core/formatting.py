"""Display formats through Babel: Turkish by default (9.508.170.000,00 and %98,83); a page in
another language passes its locale ("en": 9,508,170,000.00 and 98.83%). Reports are always Turkish.

Rounding happens here and nowhere else: half up, to the number of places asked for.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal

from karne.core.decimals import round_half_up

LOCALE = "tr_TR"
DASH = "-"


def format_number(value: Decimal | None, places: int = 0, locale: str = LOCALE) -> str:
    """ "1.244.779", "22,82"; "-" for a missing or undefined figure."""
    if value is None:
        return DASH
    rounded = round_half_up(value, places)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(rounded, format=pattern, locale=locale, decimal_quantization=False)


def format_exact(value: Decimal | None, locale: str = LOCALE) -> str:
    """Every decimal the figure has, none rounded away ("0,125", "21.193"); "-" if missing."""
    if value is None:
        return DASH
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(value, places, locale)


def format_money(value: Decimal | None, places: int = 2, locale: str = LOCALE) -> str:
    """ "9.508.170.000,00" (TL amounts as the budget tables print them)."""
    return format_number(value, places, locale)


def format_percent(value: Decimal | None, places: int = 2, locale: str = LOCALE) -> str:
    """ "%98,83", "-%6,25": the Turkish percent sign comes first, after the minus sign.

    That is Babel's tr pattern too ("-%6,25"); "%-6,25" is not Turkish usage. A value that rounds
    to zero has no sign ("%0,00"). Where the sign goes is the locale's own percent pattern
    (English "98.83%").
    """
    if value is None:
        return DASH
    rounded = round_half_up(value, places)
    sign = "-" if rounded < 0 else ""
    figure = format_number(abs(rounded), places, locale)
    if _sign_first(locale):
        return sign + "%" + figure
    return sign + figure + "%"


@lru_cache(maxsize=8)
def _sign_first(locale: str) -> bool:
    pattern = str(Locale.parse(locale).percent_formats[None].pattern)
    return pattern.lstrip("-").startswith("%")


def format_auto(value: Decimal | None, missing: str = DASH, locale: str = LOCALE) -> str:
    """Whole numbers without decimals, others with two: how entered values are shown back."""
    if value is None:
        return missing
    return format_number(value, 0 if value == value.to_integral_value() else 2, locale)
