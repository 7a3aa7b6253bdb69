"""Input parsing of the web forms: the number rule lives in the core (`karne.core.parsing`),
because the workbook upload reads typed text with it too; which of its two readings a form
gets is decided here, from the page's language, and nowhere else.

A figure is typed back the way the page showed it: an English page shows 1,234.5 and reads
"1,234.5" (and "1,234" as one thousand two hundred thirty-four), a Turkish page shows and reads
1.234,5. The examples in the error messages are written the page's way too.
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import get_decimal_symbol
from django.utils.translation import get_language

from karne.core.formatting import LOCALE, format_number
from karne.core.parsing import BadNumber, parse_number

__all__ = ["BadNumber", "example_number", "page_locale", "parse_number", "parse_typed"]


def page_locale() -> str:
    """The active page language as a Babel locale: "en_US" on an English page, else Turkish."""
    language = (get_language() or "tr").split("-")[0]
    return "en_US" if language == "en" else LOCALE


def parse_typed(text: str) -> Decimal | None:
    """A number typed into a form of this page, read in the page's language (`BadNumber` if it
    does not read)."""
    return parse_number(text, decimal_comma=get_decimal_symbol(page_locale()) == ",")


def example_number(value: Decimal, places: int = 0) -> str:
    """A figure for an error message's example, as this page writes (and reads) it."""
    return format_number(value, places, page_locale())
