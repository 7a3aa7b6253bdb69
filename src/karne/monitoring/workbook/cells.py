"""The cells of an uploaded form read into values: each field by its kind, every problem by cell.

A number cell holds a real number (taken as the shortest decimal of its double: 1234.5, not
1234.4999…) or text read with the web form's parser ("1.234,5"); a formula is refused, because
its cached value may be stale or missing (openpyxl and some tools write none) and the server
does not recompute a spreadsheet; a date or a truth value is refused too. The header row must
be the form's, in any of the site's languages (the person may have switched).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from karne.core.decimals import check_magnitude
from karne.core.formatting import format_number
from karne.core.forms import CONFIRM_YES, FieldKind, FormField
from karne.core.parsing import BadNumber, parse_number
from karne.core.textcase import tr_lower
from karne.monitoring.workbook.kinds import FormRow
from karne.monitoring.workbook.layout import Column
from karne.monitoring.workbook.reader import Cell, Opened

Values = tuple[Decimal | None, Decimal | None, Decimal | None, str]


@dataclass(frozen=True)
class CellError:
    sheet: str
    cell: str
    expected: str
    found: str
    message: str
    indicator: str = ""


def found_text(value: Any) -> str:
    if value is None or value == "":
        return gettext("boş")
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _labels(label: str) -> set[str]:
    """A header as any of the site's languages writes it (the person may have switched)."""
    names = {label}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(gettext(label))
    return names


def number_in(cell: Cell) -> tuple[Decimal | None, str]:
    """A figure from a cell: a real number as it is, typed text by the web form's parser;
    a formula is refused (its cached value may be stale or absent, and the server cannot
    recompute a spreadsheet), as is a date or a truth value. Returns (value, error)."""
    value = cell.value
    if cell.formula:
        return None, gettext("Formül yerine değerin kendisini yazın.")
    if value is None:
        return None, ""
    if isinstance(value, bool | datetime.date | datetime.time):
        return None, gettext("Bu hücreye bir sayı yazın (örnek: 1.234,5).")
    if isinstance(value, int | float | Decimal):
        try:
            # A double's shortest text is what the spreadsheet wrote (1234.5, not 1234.49999…).
            return check_magnitude(Decimal(repr(value) if isinstance(value, float) else value)), ""
        except (ArithmeticError, ValueError):
            return None, gettext("Bu hücreye bir sayı yazın (örnek: 1.234,5).")
    try:
        return parse_number(str(value)), ""
    except BadNumber:
        return None, gettext("“%(text)s” bir sayı değil (örnek: 1.234,5).") % {
            "text": found_text(value)
        }


def text_in(cell: Cell) -> tuple[str, str]:
    if cell.formula:
        return "", gettext("Formül yerine metnin kendisini yazın.")
    value = cell.value
    if value is None:
        return "", ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value), ""
    if not isinstance(value, str):
        return "", gettext("Bu hücreye metin yazın.")
    return value.replace("\r\n", "\n").strip(), ""


def header_errors(
    sheet: str, plan: tuple[Column, ...], header: tuple[Cell, ...]
) -> list[CellError]:
    errors = []
    for column in plan:
        cell = header[column.index - 1] if column.index - 1 < len(header) else None
        found = "" if cell is None or cell.value is None else str(cell.value).strip()
        if found not in _labels(column.label):
            errors.append(
                CellError(
                    sheet,
                    cell.ref if cell else f"{column.letter}?",
                    gettext(column.label),
                    found_text(found),
                    gettext("Sütun başlığı değişmiş: sütunları silmeyin, taşımayın, eklemeyin."),
                )
            )
    return errors


def layout_errors(sheet: str, plan: tuple[Column, ...], opened: Opened) -> list[CellError]:
    """Whether the columns are where the form put them and no cells of the range are merged:
    with any of these wrong, no cell of the sheet can be trusted."""
    errors = header_errors(sheet, plan, opened.header)
    errors += [
        CellError(
            sheet,
            merged,
            gettext("birleştirilmemiş hücreler"),
            gettext("birleştirilmiş hücreler"),
            gettext("Hücre birleştirmeyi kaldırın: birleştirilen hücrelerin değerleri kaybolur."),
        )
        for merged in opened.merged
    ]
    return errors


def upload_name(filename: str) -> str:
    """The uploaded file's own name, as the preview and the trail show it."""
    return PurePath(filename).name[:200] or "workbook.xlsx"


def _expected(field: FormField) -> str:
    """What a field's cell should hold, in words (only asked when it does not)."""
    if field.kind is FieldKind.NUMBER:
        return gettext("sayı (örnek: 1.234,5) ya da boş")
    if field.key == "reason" and field.max_length is not None:
        return gettext("metin (en çok %(limit)s karakter)") % {
            "limit": format_number(Decimal(field.max_length))
        }
    if field.kind is FieldKind.TEXT:
        return gettext("metin")
    return f"“{CONFIRM_YES}” " + gettext("ya da boş")


@dataclass(frozen=True)
class RowRead:
    """What a row's input cells hold: the values, the confirmation, and the reason the value
    differs from the figure computed from the events ("" in a row without one)."""

    values: Values
    confirmed: bool
    reason: str = ""


def read_row(
    sheet: str,
    plan: tuple[Column, ...],
    cells: tuple[Cell, ...],
    row: FormRow,
    has_proposal: bool = False,
) -> tuple[RowRead, list[CellError]]:
    errors: list[CellError] = []
    numbers: dict[str, Decimal | None] = {}
    explanation, confirmed, reason = "", False, ""
    stored = {"value": row.value, "num": row.numerator, "den": row.denominator}
    for column in plan:
        field = column.field
        if field is None or not field.editable:
            continue
        if field.proposal_only and not has_proposal:
            continue  # a row without a computed figure has no reason: locked, ignored
        cell = cells[column.index - 1]
        if field.kind is FieldKind.NUMBER:
            if field.ratio_only and not row.is_ratio:
                numbers[field.key] = stored[field.key]  # a count has no parts: locked, ignored
                continue
            value, problem = number_in(cell)
            numbers[field.key] = value
        elif field.kind is FieldKind.TEXT and field.key == "reason":
            reason, problem = text_in(cell)
            limit = field.max_length
            if not problem and limit is not None and len(reason) > limit:
                problem = gettext(
                    "Gerekçe en çok %(limit)s karakter olabilir; yazdığınız %(length)s karakter."
                ) % {
                    "limit": format_number(Decimal(limit)),
                    "length": format_number(Decimal(len(reason))),
                }
        elif field.kind is FieldKind.TEXT:
            explanation, problem = text_in(cell)
        else:
            text, problem = text_in(cell)
            confirmed = tr_lower(text) == tr_lower(CONFIRM_YES)
            if text and not confirmed:
                problem = gettext("Onay sütununa yalnızca “Evet” yazılabilir.")
        if problem:
            errors.append(
                CellError(
                    sheet, cell.ref, _expected(field), found_text(cell.value), problem, row.code
                )
            )
    # A form without parts (the strategic plan's) reads them as empty, as the save stores them.
    values = (numbers.get("value"), numbers.get("num"), numbers.get("den"), explanation)
    return RowRead(values, confirmed, reason), errors
