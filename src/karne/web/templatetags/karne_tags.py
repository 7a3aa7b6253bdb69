"""Turkish number formats in templates, through the core's one formatting module."""

from __future__ import annotations

from decimal import Decimal

from django import template

from karne.core.formatting import format_auto, format_money, format_number, format_percent

register = template.Library()


def _decimal(value: object) -> Decimal | None:
    """Templates pass "" for a missing attribute: treat anything but a number as missing."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return None


@register.filter
def tr_number(value: object, places: int = 0) -> str:
    return format_number(_decimal(value), places)


@register.filter
def tr_auto(value: object) -> str:
    """Whole numbers without decimals, others with two."""
    return format_auto(_decimal(value))


@register.filter
def tr_money(value: object) -> str:
    return format_money(_decimal(value))


@register.filter
def tr_percent(value: object, places: int = 2) -> str:
    return format_percent(_decimal(value), places)
