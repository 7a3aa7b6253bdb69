"""Helpers for the preparation workbooks' tests: open 2024's preparation, export, fill cells."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from karne.monitoring.models import MonitoringPeriod
from karne.monitoring.services import preparation_open
from karne.monitoring.workbook.prep import COSTS, TARGETS, prep_workbook_export
from karne.monitoring.workbook.prep.layout import FIRST_ROW, SHEETS, by_key, input_key
from tests.web.workbooks import CellValue


def user(name: str = "veri.ygm") -> AbstractBaseUser:
    return get_user_model().objects.get(username=name)


def open_2024() -> MonitoringPeriod:
    return preparation_open(
        user=user("strateji"),
        year=2024,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )


def export(form: str = TARGETS, username: str = "veri.ygm", unit: str = "YGM") -> bytes:
    return prep_workbook_export(user=user(username), year=2024, unit=unit, form=form).content


def ref(sheet: Worksheet, form: str, key: str, column: str) -> str:
    """The reference of a line's cell ("G6"): `column` a field key ("confirm") or a year."""
    plan = by_key(form, 2024)
    letter = plan[input_key(int(column)) if column.isdigit() else column].letter
    for row in range(FIRST_ROW, sheet.max_row + 1):
        if sheet[f"A{row}"].value == key:
            return f"{letter}{row}"
    raise KeyError(key)


def edit(content: bytes, form: str, change: Callable[[Worksheet], None]) -> bytes:
    book = load_workbook(io.BytesIO(content))
    change(book[SHEETS[form]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fill(content: bytes, form: str, values: dict[tuple[str, str], CellValue]) -> bytes:
    """Type `values` ({(line key, year or field): value}) into the form."""

    def change(sheet: Worksheet) -> None:
        for (key, column), value in values.items():
            sheet[ref(sheet, form, key, column)] = value

    return edit(content, form, change)


def with_property(content: bytes, name: str, value: str) -> bytes:
    """The workbook with one of its identity's properties edited (and not signed again)."""
    book = load_workbook(io.BytesIO(content))
    for prop in book.custom_doc_props.props:  # type: ignore[attr-defined]
        if prop.name == name:
            prop.value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


__all__ = [
    "COSTS",
    "TARGETS",
    "edit",
    "export",
    "fill",
    "open_2024",
    "ref",
    "user",
    "with_property",
]
