"""Workbook helpers for the tests: export a form, fill cells in as a person would, count rows."""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Callable
from decimal import Decimal
from functools import cache

from django.contrib.auth import get_user_model
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from karne.monitoring.models import ChangeRecord, Realization
from karne.monitoring.workbook import workbook_export
from karne.monitoring.workbook.kinds import QUARTERLY, STRATEGIC, EntryForm
from karne.monitoring.workbook.layout import FIRST_ROW, SHEET, by_key
from karne.monitoring.workbook.reader import UNPACKED_LIMIT

CellValue = str | int | float | Decimal | datetime.date | None


def export(
    username: str = "veri.ygm", unit: str = "YGM", year: int = 2023, quarter: int = 1
) -> bytes:
    user = get_user_model().objects.get(username=username)
    return workbook_export(user=user, year=year, period=str(quarter), unit=unit).content


def sp_export(
    username: str = "veri.ygm", unit: str = "YGM", year: int = 2023, period: str = "H1"
) -> bytes:
    """The unit's strategic-plan form of a half-year ("H1") or a year-end ("Y")."""
    user = get_user_model().objects.get(username=username)
    return workbook_export(user=user, year=year, period=period, unit=unit, form=STRATEGIC).content


def ref(
    sheet: Worksheet, code: str, key: str, period: str = "1", form: EntryForm = QUARTERLY
) -> str:
    """The reference of a field's cell in the row of an indicator ("E6")."""
    column = by_key(form.fields(period))[key].letter
    for row in range(FIRST_ROW, sheet.max_row + 1):
        if sheet[f"A{row}"].value == code:
            return f"{column}{row}"
    raise KeyError(code)


def edit(content: bytes, change: Callable[[Worksheet], None]) -> bytes:
    """The workbook after `change`, saved by openpyxl as a spreadsheet would save it."""
    book = load_workbook(io.BytesIO(content))
    change(book[SHEET])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fill(
    content: bytes,
    values: dict[tuple[str, str], CellValue],
    period: str = "1",
    form: EntryForm = QUARTERLY,
) -> bytes:
    """Type `values` ({(indicator, field): value}) into the form."""

    def change(sheet: Worksheet) -> None:
        for (code, key), value in values.items():
            sheet[ref(sheet, code, key, period, form)] = value

    return edit(content, change)


def counts() -> tuple[int, int, list[object]]:
    return (
        Realization.objects.count(),
        ChangeRecord.objects.count(),
        list(Realization.objects.order_by("pk").values_list("value", "explanation", "version")),
    )


@cache
def zip_bomb() -> bytes:
    """A small zip whose one member unpacks to more than the limit (zeros compress 1000:1)."""
    out = io.BytesIO()
    block = b"\0" * (1 << 20)
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(UNPACKED_LIMIT // len(block) + 1):
            member.write(block)
    return out.getvalue()
