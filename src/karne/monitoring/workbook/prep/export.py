"""A unit's preparation proposal as two workbooks to fill in offline: its targets, its costs.

The same machinery as the quarterly form's (`karne.monitoring.workbook.export`): one sheet, a
title, a header row and one row per line; only the input cells unlocked, the sheet protected
without a password; figures as numbers with Excel's format codes; a hidden key column and a
hidden state column; the identity (form, programme year, period "hazirlik", unit, range, the
rows' digest) in signed custom document properties.
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from karne.accounts.access import User
from karne.core.decimals import decimal_text
from karne.core.forms import CONFIRM_YES
from karne.core.permissions import Capability
from karne.monitoring.prep_selectors import CostLine, PrepCell, PrepPage, TargetLine, prep_page
from karne.monitoring.workbook.export import INPUT_FILL, UNLOCKED, Exported, number_format, plain
from karne.monitoring.workbook.identity import Identity, rows_digest
from karne.monitoring.workbook.layout import Column
from karne.monitoring.workbook.prep.layout import (
    EARLIER_YEARS,
    FIRST_ROW,
    FORMS,
    HEADER_ROW,
    PERIOD,
    SHEETS,
    TARGETS,
    CellState,
    by_key,
    columns,
    earlier_key,
    input_key,
    state_text,
)

# Which of the base programme's figures of a year the targets' sheet shows, best first.
MEASURE_ORDER = ("actual", "estimate", "planned", "target", "forecast")


def cell_states(cells: list[PrepCell]) -> str:
    """The state cell of a line: each of its figures' version and shown value."""
    return state_text(
        [CellState(c.version, "" if c.value is None else decimal_text(c.value)) for c in cells]
    )


def line_key(line: TargetLine | CostLine) -> str:
    if isinstance(line, TargetLine):
        return line.code
    return f"{line.activity}/{line.economic_code}/{line.source.value}"


def line_labels(line: TargetLine | CostLine) -> dict[str, str]:
    """The read-only texts of a line, as the sheet shows them (and the preview checks them)."""
    if isinstance(line, TargetLine):
        return {"name": f"{line.code} {line.name}", "unit": line.unit}
    return {
        "activity": f"{line.activity} {line.activity_name}",
        "economic": f"{line.economic_code} {line.economic_label}".strip(),
        "source": line.source.label_tr,
    }


def earlier_figures(line: TargetLine, year: int) -> dict[int, Decimal]:
    """The base programme's figure of each of the years before the programme's: the actual
    where there is one, else the estimate, the planned figure, the target."""
    found: dict[int, Decimal] = {}
    for y in range(year - EARLIER_YEARS, year):
        by_measure = {m: v for fy, m, v in line.before if fy == y}
        for measure in MEASURE_ORDER:
            if measure in by_measure:
                found[y] = by_measure[measure]
                break
    return found


def lines_of(page: PrepPage, form: str) -> list[TargetLine | CostLine]:
    return [*page.form.targets] if form == TARGETS else [*page.form.costs]


def prep_workbook_export(*, user: User, year: int, unit: str, form: str) -> Exported:
    """One of the unit's two preparation workbooks (preparation.view: a reader may take it);
    `form` is "hazirlik-hedefleri" or "hazirlik-maliyetleri" (anything else: ValueError)."""
    if form not in FORMS:
        raise ValueError(form)
    page = prep_page(user, year, unit, Capability.PREPARATION_VIEW)
    period, unit_obj = page.period, page.unit
    lines = lines_of(page, form)
    plan = columns(form, period.year)
    sheet_name = SHEETS[form]
    last_row = FIRST_ROW + len(lines) - 1 if lines else HEADER_ROW
    identity = Identity(
        administration=period.administration.code,
        form=form,
        year=period.year,
        period=PERIOD,
        unit=unit_obj.code,
        sheet=sheet_name,
        range=f"A{HEADER_ROW}:{plan[-1].letter}{last_row}",
        rows=rows_digest((line_key(line), cell_states(line.cells)) for line in lines),
    )
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_name
    _heading(sheet, form, period.administration.name, unit_obj.name, period.year)
    for column in plan:
        cell = sheet.cell(HEADER_ROW, column.index, gettext(column.label))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        wide = column.key in ("name", "activity", "economic")
        sheet.column_dimensions[column.letter].width = 40 if wide else 16
        sheet.column_dimensions[column.letter].hidden = column.hidden
    for offset, line in enumerate(lines):
        _row(sheet, plan, FIRST_ROW + offset, line, period.year)
    if form == TARGETS and lines:
        confirm = by_key(form, period.year)["confirm"].letter
        validation = DataValidation(
            type="list", formula1=f'"{CONFIRM_YES}"', allow_blank=True, showErrorMessage=True
        )
        validation.add(f"{confirm}{FIRST_ROW}:{confirm}{last_row}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = f"C{FIRST_ROW}"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widening a column is no harm
    sheet.protection.formatRows = False
    for name, value in identity.properties().items():
        book.custom_doc_props.append(StringProperty(name=name, value=value))  # type: ignore[attr-defined]
    book.properties.title = f"{unit_obj.name} · {period}"
    book.properties.creator = page.membership.user.get_username()
    out = io.BytesIO()
    book.save(out)
    filename = f"karne-{identity.administration}-{period.year}-{form}-{unit_obj.code}.xlsx"
    return Exported(filename, out.getvalue(), len(lines))


def _heading(sheet: Worksheet, form: str, administration: str, unit: str, year: int) -> None:
    if form == TARGETS:
        title = gettext("%(unit)s · %(year)s programı hedef önerileri")
    else:
        title = gettext("%(unit)s · %(year)s programı maliyet önerileri (TL)")
    sheet.cell(1, 2, title % {"unit": unit, "year": year}).font = Font(bold=True, size=14)
    sheet.cell(2, 2, administration)
    sheet.cell(
        3,
        2,
        gettext(
            "Yalnızca sarı hücreleri doldurun; sayıları 1.234,5 biçiminde de yazabilirsiniz. "
            "Dosyayı karne'deki hazırlık sayfasından yükleyin."
        ),
    )
    plan = by_key(form, year)
    first_earlier = plan[earlier_key(year - (EARLIER_YEARS if form == TARGETS else 1))]
    sheet.cell(4, first_earlier.index, gettext("%(year)s programı") % {"year": year - 1})
    sheet.cell(4, plan[input_key(year)].index, gettext("Öneriler")).font = Font(bold=True)


def _row(
    sheet: Worksheet, plan: tuple[Column, ...], at: int, line: TargetLine | CostLine, year: int
) -> None:
    values: dict[str, str | Decimal | None] = {
        "code": line_key(line),
        "state": cell_states(line.cells),
        **line_labels(line),
    }
    if isinstance(line, TargetLine):
        for y, figure in earlier_figures(line, year).items():
            values[earlier_key(y)] = plain(figure)
    else:
        values[earlier_key(year - 1)] = plain(line.before)
    for proposed in line.cells:
        values[input_key(proposed.year)] = plain(proposed.value)
    for column in plan:
        value = values.get(column.key)
        cell = sheet.cell(at, column.index, value)
        if isinstance(value, Decimal):
            cell.number_format = number_format(value)
        elif column.key in ("code", "state"):
            cell.number_format = "@"  # kept as text
        if column.editable:
            cell.protection = UNLOCKED
            cell.fill = INPUT_FILL
