"""Display formats through Babel: Turkish by default (9.508.170.000,00 and %98,83, 02.12.2026);
a page in another language passes its locale ("en_US": 9,508,170,000.00 and 98.83%, Dec 2,
2026). Reports are always Turkish.

Rounding happens here and nowhere else: half up, to the number of places asked for.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format
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


# Turkish pages print a day as the Turkish documents do, day first with two digits
# ("02.12.2026 18:05"), not Babel's Turkish medium form ("2 Ara 2026"); another language gets
# its locale's own medium date and short time ("Dec 2, 2026, 6:05 PM").
_DAY = {LOCALE: "dd.MM.y"}
_TIME = {LOCALE: "HH:mm"}


def format_day(value: datetime.date, locale: str = LOCALE) -> str:
    """ "02.12.2026"; "Dec 2, 2026" in English."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    return format_date(day, _DAY.get(locale, "medium"), locale=locale)


def format_day_time(value: datetime.datetime, locale: str = LOCALE) -> str:
    """ "02.12.2026 18:05"; "Dec 2, 2026, 6:05 PM" in English. The clock time as given: the
    caller passes it in the reader's time zone."""
    time = format_time(value.time(), _TIME.get(locale, "short"), locale=locale)
    pattern = str(get_datetime_format("medium", locale=locale))
    return pattern.replace("{1}", format_day(value, locale)).replace("{0}", time)
