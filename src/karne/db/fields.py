"""Model fields shared by the apps."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from karne.core.decimals import check_magnitude, decimal_text, parse_decimal


class ExactDecimalField(models.CharField):  # type: ignore[type-arg]
    """A decimal stored as its exact text.

    SQLite has no exact decimal type (Django's DecimalField lands in a REAL there), and a
    transcribed figure should come back with the precision it was written with ("95" stays 95,
    "16723081452.00" keeps its kuruş). All arithmetic happens in Python on `Decimal` values.
    """

    # Tell django-stubs which Python types go in and come out.
    _pyi_private_set_type: Decimal | str | None  # type: ignore[assignment]
    _pyi_private_get_type: Decimal | None  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Decimal | None:
        if value is None or value == "":
            return None
        return parse_decimal(value)

    def to_python(self, value: Any) -> Decimal | None:
        if value is None or value == "":
            return None
        if isinstance(value, Decimal):
            try:
                return check_magnitude(value)
            except ValueError:
                raise ValidationError("Geçersiz sayı. / Not a usable number.") from None
        try:
            return parse_decimal(str(value))
        except ValueError:
            raise ValidationError("Geçerli bir sayı girin. / Enter a valid number.") from None

    def get_prep_value(self, value: Any) -> str | None:
        number = self.to_python(value)
        return None if number is None else decimal_text(number)
