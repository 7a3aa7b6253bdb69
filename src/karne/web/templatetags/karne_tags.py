"""Number and date formats in the page's language (Turkish or English), through the core's one
formatting module; the kept page top."""

from __future__ import annotations

import datetime
from decimal import Decimal

from babel.numbers import format_percent as babel_percent
from django import template
from django.template import Context
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from karne.core.formatting import (
    format_auto,
    format_day,
    format_day_time,
    format_money,
    format_number,
    format_percent,
)
from karne.core.permissions import PERMISSIONS, Permission, may
from karne.web.forms import page_locale
from karne.web.page_cache import cached_header

register = template.Library()


def _decimal(value: object) -> Decimal | None:
    """Templates pass "" for a missing attribute: treat anything but a number as missing."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return None


def _locale() -> str:
    """The active page language as a Babel locale (`karne.web.forms`: the parser's too)."""
    return page_locale()


@register.filter
def tr_number(value: object, places: int = 0) -> str:
    return format_number(_decimal(value), places, _locale())


@register.filter
def tr_auto(value: object) -> str:
    """Whole numbers without decimals, others with two."""
    return format_auto(_decimal(value), locale=_locale())


@register.filter
def input_number(value: object) -> str:
    """A figure pre-filled into a form input in the page's language ("1.234,50", "1,234.50"):
    the form reads a typed number in the page's language too, so a round trip reads the same."""
    return format_auto(_decimal(value), missing="", locale=_locale())


@register.filter
def tr_money(value: object) -> str:
    return format_money(_decimal(value), locale=_locale())


@register.filter
def tr_percent(value: object, places: int = 2) -> str:
    return format_percent(_decimal(value), places, _locale())


@register.filter(expects_localtime=True)
def page_date(value: object) -> str:
    """A day in the page's language ("02.12.2026", "Dec 2, 2026"); "" for none, as Django's
    `date` filter (templates add `default`)."""
    if not isinstance(value, datetime.date):
        return ""
    return format_day(value, _locale())


@register.filter(expects_localtime=True)
def page_datetime(value: object) -> str:
    """A moment in the reader's time zone and the page's language ("02.12.2026 18:05",
    "Dec 2, 2026, 6:05 PM"); "" for none. A bare day is printed as a day."""
    if isinstance(value, datetime.datetime):
        return format_day_time(value, _locale())
    return page_date(value)


_BY_NAME: dict[str, Permission] = {p.value: p for p in PERMISSIONS}


@register.filter
def progress_percent(value: object) -> str:
    """A progress figure (0–100) with the percent sign where the page's language puts it:
    "%40" in Turkish, "40%" in English (Babel's locale data, not a rule of ours)."""
    number = _decimal(value) or Decimal(0)
    return babel_percent(number / 100, locale=_locale())


@register.simple_tag
def progress_pattern() -> str:
    """The page language's percent pattern with "{}" for the figure, for job.js."""
    return str(progress_percent(7)).replace("7", "{}")


@register.filter
def can(membership: object, permission: str) -> bool:
    """Whether to offer a page or an action in the navigation (the view checks again).

    A name that is not in the permission table is an error in the template, not a "no"."""
    role = getattr(membership, "role_enum", None)
    return role is not None and may(role, _BY_NAME[permission])


@register.simple_tag(takes_context=True)
def page_header(context: Context) -> SafeString:
    """The page's top, kept between requests (karne/web/page_cache.py)."""
    request = context.get("request")
    if request is None:  # a template rendered without a request (an e-mail, a test)
        return render_to_string(
            "karne/header.html", {str(k): v for k, v in context.flatten().items()}
        )
    return cached_header(request, context.get("membership"))
