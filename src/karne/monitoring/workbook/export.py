"""A unit's entry form as a workbook to fill in offline (openpyxl): the quarterly form or the
strategic plan's (`kinds`).

One sheet: a title, the rules, a header row and one row per indicator. Only the cells a person
fills in (value, the parts of a ratio, explanation, confirmation, the reason for differing from
a computed figure) are unlocked; the sheet is protected without a password, because a password
in the source code protects nothing and protection is only there against slips (the server
re-checks everything, and the cells it relies on are signed, `identity`).

Numbers are written as numbers with Excel's own format codes (`#,##0.00`): a format code in
the file always uses "," for grouping and "." for decimals, and each spreadsheet shows it with
its own locale's separators — a Turkish Excel or LibreOffice shows 1.234,50. A literal Turkish
pattern cannot be written portably. The input cells keep the General format, so what a person
types stays as typed; typed text ("1.234,5" in an English Excel) is read on upload with the web
form's parser.

A quarterly row with a figure computed from the events (its proposal) shows it read-only in
"Hesaplanan değer", with its provenance in short in "Hesaplama" (definition · fingerprint) and
in full in the figure's cell comment; its "Farklılık gerekçesi" cell is unlocked for the reason
a different value needs, and coloured while the value differs from the figure without one. The
figure cell is for the person's eyes only: the upload compares with the proposal stored now.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from karne.accounts.access import User
from karne.core.decimals import decimal_text
from karne.core.forms import CONFIRM_YES, RULES, FieldKind
from karne.core.permissions import Capability
from karne.core.plausibility import EXPLANATION_LIMIT
from karne.monitoring.computed_selectors import Proposal
from karne.monitoring.workbook.identity import Identity, rows_digest, text_digest
from karne.monitoring.workbook.kinds import QUARTERLY, EntryForm, FormRow
from karne.monitoring.workbook.layout import (
    FIRST_ROW,
    HEADER_ROW,
    LIST_SHEET,
    SHEET,
    Column,
    RowState,
    columns,
)

INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")
CLOSED_FILL = PatternFill("solid", fgColor="D9D9D9")
WARNING_FILL = PatternFill("solid", fgColor="F4B183")
UNLOCKED = Protection(locked=False)
WIDTHS = {"name": 40, "exp": 40, "reason": 40, "computed-by": 26}


@dataclass(frozen=True)
class Exported:
    filename: str
    content: bytes
    rows: int


def number_format(value: Decimal | None) -> str:
    """Excel's code for a figure with the decimals it has (shown with the reader's separators)."""
    if value is None:
        return "General"
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "#,##0" + ("." + "0" * places if places else "")


def plain(value: Decimal | None) -> Decimal | None:
    """A figure as a cell holds it: exact, without exponent ("1E+3" is 1000)."""
    return None if value is None else Decimal(decimal_text(value))


def row_state(row: FormRow) -> RowState:
    """What the workbook shows of a row, as its hidden state cell keeps it."""
    return RowState(
        row.version,
        "" if row.value is None else decimal_text(row.value),
        "" if row.numerator is None else decimal_text(row.numerator),
        "" if row.denominator is None else decimal_text(row.denominator),
        text_digest(row.explanation),
    )


def workbook_export(
    *, user: User, year: int, period: str, unit: str, form: EntryForm = QUARTERLY
) -> Exported:
    """The unit's form of the period as a workbook (entry.view: a reader may take it too);
    `period` is the form's word for it ("1"–"4", "H1", "Y")."""
    located = form.locate(user, year, period, unit, Capability.ENTRY_VIEW)
    membership, stored, unit_obj = located.membership, located.period, located.unit
    rows = form.rows(stored, unit_obj)
    plan = columns(form.fields(period))
    last_row = FIRST_ROW + len(rows) - 1 if rows else HEADER_ROW
    identity = Identity(
        administration=stored.administration.code,
        form=form.name,
        year=year,
        period=period,
        unit=unit_obj.code,
        sheet=SHEET,
        range=f"A{HEADER_ROW}:{plan[-1].letter}{last_row}",
        rows=rows_digest((r.code, row_state(r).text()) for r in rows),
    )
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    _heading(sheet, stored.administration.name, unit_obj.name, form.title(year, period))
    for column in plan:
        cell = sheet.cell(HEADER_ROW, column.index, gettext(column.label))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        width = WIDTHS.get(column.key, 14)
        sheet.column_dimensions[column.letter].width = width
        sheet.column_dimensions[column.letter].hidden = column.hidden
    for offset, row in enumerate(rows):
        _row(sheet, plan, FIRST_ROW + offset, row, form)
    _rules(book, sheet, plan, last_row)
    sheet.freeze_panes = f"C{FIRST_ROW}"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widening a column is no harm
    sheet.protection.formatRows = False
    for name, value in identity.properties().items():
        book.custom_doc_props.append(StringProperty(name=name, value=value))  # type: ignore[attr-defined]
    book.properties.title = f"{unit_obj.name} · {stored}"
    book.properties.creator = membership.user.get_username()
    out = io.BytesIO()
    book.save(out)
    filename = f"karne-{identity.administration}-{year}-{period}-{unit_obj.code}.xlsx"
    return Exported(filename, out.getvalue(), len(rows))


def _heading(sheet: Worksheet, administration: str, unit: str, period: str) -> None:
    title = gettext("%(unit)s · %(period)s girişi") % {"unit": unit, "period": period}
    sheet.cell(1, 2, title).font = Font(bold=True, size=14)
    sheet.cell(2, 2, administration)
    sheet.cell(
        3,
        2,
        gettext(
            "Yalnızca sarı hücreleri doldurun; sayıları 1.234,5 biçiminde de yazabilirsiniz. "
            "Dosyayı karne'deki giriş sayfasından yükleyin."
        ),
    )
    sheet.cell(4, 2, " · ".join(gettext(rule) for rule in RULES))


def provenance_short(proposal: Proposal) -> str:
    """The computed figure's provenance in a cell: its definition and its inputs' fingerprint
    ("ikamet-aktif · cdcdcdcdcdcd"), as the trail's note names it."""
    return f"{proposal.definition} · {proposal.fingerprint_short}"


def _provenance_comment(proposal: Proposal) -> Comment:
    lines = [
        gettext("Tanım: %(name)s (%(hash)s)")
        % {"name": proposal.definition, "hash": proposal.hash_short},
        gettext("Veri parmak izi: %(fingerprint)s") % {"fingerprint": proposal.fingerprint_short},
        gettext("Hesaplandığı an: %(when)s")
        % {"when": proposal.computed_at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")},
    ]
    if proposal.numerator is not None:
        lines.append(
            gettext("Pay / payda: %(num)s / %(den)s")
            % {"num": _text(proposal.numerator), "den": _text(proposal.denominator)}
        )
    return Comment("\n".join(lines), "karne", width=320, height=110)


def _text(value: Decimal | None) -> str:
    return "" if value is None else decimal_text(value)


def _row(
    sheet: Worksheet, plan: tuple[Column, ...], at: int, row: FormRow, form: EntryForm
) -> None:
    bounds = form.bounds(row)
    proposal = form.proposal(row)
    values: dict[str, str | int | Decimal | None] = {
        **{key: plain(value) for key, value in form.shown(row).items()},
        "code": row.code,
        "name": f"{row.code} {row.name}",
        "unit": row.unit,
        "value": plain(row.value),
        "num": plain(row.numerator),
        "den": plain(row.denominator),
        "exp": row.explanation or None,
        "state": row_state(row).text(),
        "pace-low": None if bounds is None else bounds[0],
        "pace-high": None if bounds is None else bounds[1],
        "computed": None if proposal is None else plain(proposal.value),
        "computed-by": None if proposal is None else provenance_short(proposal),
    }
    for column in plan:
        value = values.get(column.key)
        cell = sheet.cell(at, column.index, value)
        if isinstance(value, Decimal):
            cell.number_format = number_format(value)
        elif column.key in ("code", "state"):
            cell.number_format = "@"  # kept as text: "1240000" must not turn into a number
        if column.key == "computed" and proposal is not None:
            cell.comment = _provenance_comment(proposal)
        field = column.field
        if field is None or not field.editable:
            continue
        if (field.ratio_only and not row.is_ratio) or (field.proposal_only and proposal is None):
            cell.fill = CLOSED_FILL  # a count has no parts, a typed row no reason: locked, greyed
            continue
        cell.protection = UNLOCKED
        cell.fill = INPUT_FILL
        if field.kind is FieldKind.TEXT:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _rules(book: Workbook, sheet: Worksheet, plan: tuple[Column, ...], last_row: int) -> None:
    """The drop-down, the length limit, and the colour of a deviation without explanation."""
    if last_row < FIRST_ROW:
        return
    letters = {c.key: c.letter for c in plan}
    lists = book.create_sheet(LIST_SHEET)
    lists.cell(1, 1, CONFIRM_YES)
    lists.sheet_state = "hidden"
    lists.protection.sheet = True
    confirm = DataValidation(
        type="list", formula1=f"={LIST_SHEET}!$A$1:$A$1", allow_blank=True, showErrorMessage=True
    )
    confirm.add(f"{letters['confirm']}{FIRST_ROW}:{letters['confirm']}{last_row}")
    length = DataValidation(
        type="textLength",
        operator="lessThanOrEqual",
        formula1=str(EXPLANATION_LIMIT),
        allow_blank=True,
        showErrorMessage=True,
    )
    length.add(f"{letters['exp']}{FIRST_ROW}:{letters['exp']}{last_row}")
    if "reason" in letters:
        length.add(f"{letters['reason']}{FIRST_ROW}:{letters['reason']}{last_row}")
    sheet.add_data_validation(confirm)
    sheet.add_data_validation(length)
    value, exp = f"${letters['value']}{FIRST_ROW}", f"${letters['exp']}{FIRST_ROW}"
    low, high = f"${letters['pace-low']}{FIRST_ROW}", f"${letters['pace-high']}{FIRST_ROW}"
    deviation = (
        f"AND(ISNUMBER({value}),ISNUMBER({low}),ISNUMBER({high}),"
        f"OR({value}<{low},{value}>{high}),LEN(TRIM({exp}))=0)"
    )
    sheet.conditional_formatting.add(
        f"{letters['exp']}{FIRST_ROW}:{letters['exp']}{last_row}",
        FormulaRule(formula=[deviation], fill=WARNING_FILL),  # type: ignore[no-untyped-call]
    )
    if "reason" not in letters:
        return
    computed, reason = f"${letters['computed']}{FIRST_ROW}", f"${letters['reason']}{FIRST_ROW}"
    override = (
        f"AND(ISNUMBER({value}),ISNUMBER({computed}),{value}<>{computed},LEN(TRIM({reason}))=0)"
    )
    sheet.conditional_formatting.add(
        f"{letters['reason']}{FIRST_ROW}:{letters['reason']}{last_row}",
        FormulaRule(formula=[override], fill=WARNING_FILL),  # type: ignore[no-untyped-call]
    )
