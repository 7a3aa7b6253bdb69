"""An uploaded workbook read against the form as it is stored now: the preview, then the save.

Each row is new, changed, unchanged or a conflict. A row the person did not change (what the
workbook shows is what it was exported with) is unchanged whatever happened since, as on the
web form; a changed row whose version is no longer the stored one is a conflict (someone saved
since the workbook was made) unless it equals what is stored now — so uploading the same file
twice changes nothing the second time. The rows to save then go through `entries_check`, the
save's own checks, and every error is reported by cell; confirming runs `entries_save`, the web
form's service, in one transaction, with the file's name in the trail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from django.db import transaction
from django.utils.translation import gettext

from karne.accounts.access import User, require
from karne.core.decimals import decimal_text
from karne.core.permissions import Capability
from karne.monitoring.errors import Conflict, Refused
from karne.monitoring.services import EntriesRefused, EntryInput
from karne.monitoring.workbook.cells import (
    CellError,
    Values,
    found_text,
    layout_errors,
    read_row,
    upload_name,
)
from karne.monitoring.workbook.identity import Identity, rows_digest, text_digest
from karne.monitoring.workbook.kinds import FORMS, QUARTERLY, EntryForm, FormRow
from karne.monitoring.workbook.layout import RowState, plan_for
from karne.monitoring.workbook.reader import Cell, WorkbookRefused, open_workbook
from karne.organisation.models import Unit


class RowStatus(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"


STATUS_LABELS = {
    RowStatus.NEW: "yeni",
    RowStatus.CHANGED: "değişti",
    RowStatus.UNCHANGED: "değişmedi",
    RowStatus.CONFLICT: "çakışma",
}


@dataclass(frozen=True)
class PreviewRow:
    code: str
    name: str
    status: RowStatus
    stored: Values
    uploaded: Values


@dataclass(frozen=True)
class FormTarget:
    """The form a page uploads to: a workbook of another form is refused by name. `period`
    is the form's word for it ("1"–"4" for quarters, "H1" / "Y" for the plan's)."""

    year: int
    period: str
    unit: str
    form: str = QUARTERLY.name


@dataclass(frozen=True)
class Preview:
    filename: str
    identity: Identity
    unit_name: str
    rows: tuple[PreviewRow, ...]
    errors: tuple[CellError, ...]
    entries: tuple[EntryInput, ...]

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[RowStatus, int]:
        counts = dict.fromkeys(RowStatus, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts


@dataclass(frozen=True)
class Applied:
    preview: Preview
    saved: int


def _stored(row: FormRow) -> Values:
    return (row.value, row.numerator, row.denominator, row.explanation)


def _was(text: str) -> Decimal | None:
    return Decimal(text) if text else None


def _form_of(identity: Identity, expect: FormTarget | None) -> EntryForm:
    """The form the workbook says it is, if it is one (and the one the page takes)."""
    form = FORMS.get(identity.form)
    if expect is not None and identity.form != expect.form:
        if form is None:
            raise WorkbookRefused(
                gettext("Bu çalışma kitabı bir %(what)s değil.")
                % {"what": gettext(FORMS[expect.form].what)}
            )
        raise WorkbookRefused(
            gettext("Bu çalışma kitabı bir %(what)s; bu sayfa bir %(here)s bekliyor.")
            % {"what": gettext(form.what), "here": gettext(FORMS[expect.form].what)}
        )
    if form is None or identity.period not in form.periods:
        raise WorkbookRefused(gettext("Bu çalışma kitabı karne'nin bir giriş formu değil."))
    return form


def workbook_preview(
    *, user: User, content: bytes, filename: str, expect: FormTarget | None = None
) -> Preview:
    """What confirming this workbook would do; raises WorkbookRefused for a file that is not
    this form at all (and PermissionDenied / Http404 like the entry form)."""
    opened = open_workbook(content)
    identity = opened.identity
    membership = require(user, Capability.ENTRY_EDIT)
    form = _form_of(identity, expect)
    if identity.administration != membership.administration.code:
        raise WorkbookRefused(
            gettext("Bu çalışma kitabı başka bir idarenin (%(code)s) formu.")
            % {"code": identity.administration}
        )
    if expect is not None and (identity.year, identity.period, identity.unit) != (
        expect.year,
        expect.period,
        expect.unit,
    ):
        names = dict(
            Unit.objects.filter(
                administration=membership.administration, code__in=[identity.unit, expect.unit]
            ).values_list("code", "name")
        )
        raise WorkbookRefused(
            gettext(
                "Bu çalışma kitabı %(unit)s biriminin %(form)s formu; bu sayfa %(here_unit)s "
                "biriminin %(here_form)s formu. Dosyayı kendi formunun sayfasından yükleyin."
            )
            % {
                "unit": names.get(identity.unit, identity.unit),
                "form": form.title(identity.year, identity.period),
                "here_unit": names.get(expect.unit, expect.unit),
                "here_form": form.title(expect.year, expect.period),
            }
        )
    located = form.locate(
        user, identity.year, identity.period, identity.unit, Capability.ENTRY_EDIT
    )
    unit = located.unit
    plan = plan_for(form.fields(identity.period), identity.range)
    sheet = identity.sheet
    name = upload_name(filename)
    errors = layout_errors(sheet, plan, opened)
    empty = Preview(name, identity, unit.name, (), tuple(errors), ())
    if errors:
        return empty  # columns are not where the form put them: no cell can be trusted
    stored = {r.code: r for r in form.rows(located.period, unit)}
    at = {c.key: c.index - 1 for c in plan}
    rows: list[PreviewRow] = []
    entries: list[EntryInput] = []
    cells_of: dict[str, tuple[Cell, ...]] = {}
    states: list[tuple[str, str]] = []
    for cells in opened.rows:
        key_cell = cells[at["code"]]
        code = "" if key_cell.value is None else str(key_cell.value).strip()
        row = stored.get(code)
        if row is None or code in cells_of:
            errors.append(
                CellError(
                    sheet,
                    key_cell.ref,
                    gettext("bu formun bir gösterge kodu (bir kez)"),
                    found_text(key_cell.value),
                    gettext("Gösterge kodu sütunu değiştirilmiş ya da satırlar silinmiş."),
                    code,
                )
            )
            continue
        label_cell = cells[at["name"]]
        if str(label_cell.value or "").strip() != f"{row.code} {row.name}":
            errors.append(
                CellError(
                    sheet,
                    label_cell.ref,
                    f"{row.code} {row.name}",
                    found_text(label_cell.value),
                    gettext("Satırın adı kodundan ayrılmış: satırları ya da sütunları taşımayın."),
                    code,
                )
            )
            continue
        cells_of[code] = cells
        state = cells[at["state"]].value
        states.append((code, "" if state is None else str(state)))
    if errors:
        return replace(empty, errors=tuple(errors))
    shown = {code: RowState.parse(state) for code, state in states}
    if rows_digest(states) != identity.rows or None in shown.values():
        raise WorkbookRefused(
            gettext(
                "Çalışma kitabının gizli sütunları (sürümler, gösterilen değerler) "
                "değiştirilmiş; yeni bir form indirin."
            )
        )
    for code, cells in cells_of.items():
        row = stored[code]
        read, row_errors = read_row(sheet, plan, cells, row, form.proposal(row) is not None)
        errors += row_errors
        if row_errors:
            rows.append(PreviewRow(code, row.name, RowStatus.CHANGED, _stored(row), _stored(row)))
            continue
        values = read.values
        was_state = shown[code]
        assert was_state is not None  # signed, and parsed above
        was = (_was(was_state.value), _was(was_state.numerator), _was(was_state.denominator))
        version = was_state.version
        touched = values[:3] != was or text_digest(values[3]) != was_state.explanation
        if not touched or values == _stored(row):
            status = RowStatus.UNCHANGED
        elif row.version != version:
            status = RowStatus.CONFLICT
            errors.append(_conflict_error(sheet, cells[at["value"]], version, row, values))
        else:
            status = RowStatus.CHANGED if row.has_value or row.explanation else RowStatus.NEW
            entries.append(
                EntryInput(
                    code,
                    *values,
                    version=version,
                    confirmed=read.confirmed,
                    override_reason=read.reason,
                )
            )
        rows.append(PreviewRow(code, row.name, status, _stored(row), values))
    refused = form.check(user, located, entries, list(stored.values()))
    for code, error in refused.items():
        errors.append(_rule_error(sheet, cells_of[code], at, error, stored[code], code))
    return Preview(name, identity, unit.name, tuple(rows), tuple(errors), tuple(entries))


def _shown(value: Decimal | None) -> str:
    return gettext("boş") if value is None else decimal_text(value)


def _conflict_error(
    sheet: str, cell: Cell, version: int, row: FormRow, values: Values
) -> CellError:
    return CellError(
        sheet,
        cell.ref,
        gettext("sürüm %(version)s") % {"version": version},
        gettext("sürüm %(version)s") % {"version": row.version},
        gettext(
            "Bu satırı çalışma kitabı indirildikten sonra %(by)s kaydetti. Kayıtlı değer: "
            "%(current)s; sizin girdiğiniz: %(yours)s. Yeni bir form indirip yeniden girin."
        )
        % {"by": row.updated_by or "?", "current": _shown(row.value), "yours": _shown(values[0])},
        row.code,
    )


def _rule_error(
    sheet: str,
    cells: tuple[Cell, ...],
    at: dict[str, int],
    error: Refused | Conflict,
    row: FormRow,
    code: str,
) -> CellError:
    if isinstance(error, Conflict):
        cell = cells[at["value"]]
        return CellError(sheet, cell.ref, "", found_text(cell.value), str(error), code)
    column = {"parts": "num", "exp": "exp"}.get(error.field, "value")
    cell = cells[at[column]]
    message = str(error)
    if error.confirmable:
        message += " " + gettext("Çalışma kitabında onaylamak için “Onay” sütununa “Evet” yazın.")
    expected = {
        "exp": gettext("açıklama"),
        "num": gettext("pay ve payda"),
    }.get(column, gettext("kurala uyan bir değer"))
    if error.field == "reason" and "reason" in at:  # named at the empty reason cell
        cell = cells[at["reason"]]
        expected = gettext("farklılık gerekçesi")
        message += " " + gettext(
            "Gerekçeyi bu satırın “Farklılık gerekçesi” hücresine yazın ya da hesaplanan değeri "
            "girin."
        )
    elif error.field == "reason":  # a workbook exported before the reason column
        expected = gettext("hesaplanan değer")
        message += " " + gettext(
            "Bu çalışma kitabı gerekçe sütunu eklenmeden önce indirilmiş: hesaplanan değeri "
            "girin ya da yeni bir form indirip farklı değeri gerekçesiyle girin."
        )
    return CellError(sheet, cell.ref, expected, found_text(cell.value), message, code)


TRAIL_REASON = "çalışma kitabı: %(file)s"


# progress(percent 0–100, step code): "read" while the file is read and checked, "write" while
# its rows are saved (the background job shows them; karne.jobs.handlers.STEPS names them).
Progress = Callable[[int, str], None]


def workbook_apply(
    *,
    user: User,
    content: bytes,
    filename: str,
    expect: FormTarget | None = None,
    progress: Progress | None = None,
) -> Applied:
    """Save every new and changed row of the workbook, or none: the file is read again (the
    preview shown earlier is not trusted), checked, and saved with the web form's service.

    Reading and checking take most of the time and write nothing, so they run before the
    write transaction: the database's write lock is held only while the rows are saved. A row
    someone saved in between is still caught — the save compares every row's version under
    the submission's lock — and then nothing is saved."""
    report = progress or (lambda percent, step: None)
    report(5, "read")
    preview = workbook_preview(user=user, content=content, filename=filename, expect=expect)
    if preview.errors or not preview.entries:
        return Applied(preview, 0)
    report(50, "write")
    identity = preview.identity
    form = FORMS[identity.form]
    with transaction.atomic():
        located = form.locate(
            user, identity.year, identity.period, identity.unit, Capability.ENTRY_EDIT
        )
        try:
            saved = form.save(
                user, located, preview.entries, TRAIL_REASON % {"file": preview.filename}
            )
        except EntriesRefused as exc:  # someone saved between the read and the lock
            errors = tuple(
                CellError(preview.identity.sheet, "", "", "", str(e), code)
                for code, e in exc.errors.items()
            )
            return Applied(replace(preview, errors=errors), 0)
    return Applied(preview, saved)


def preview_json(preview: Preview, saved: int | None = None) -> dict[str, object]:
    """The preview for `karne workbook import --json` (and any other machine reader)."""

    def values(v: Values) -> dict[str, str | None]:
        return {
            "value": None if v[0] is None else decimal_text(v[0]),
            "numerator": None if v[1] is None else decimal_text(v[1]),
            "denominator": None if v[2] is None else decimal_text(v[2]),
            "explanation": v[3],
        }

    identity = preview.identity
    return {
        "file": preview.filename,
        "administration": identity.administration,
        "form": identity.form,
        "year": identity.year,
        "period": identity.period,
        "unit": identity.unit,
        "ok": preview.ok,
        "saved": saved,
        "counts": {status.value: n for status, n in preview.counts().items()},
        "rows": [
            {
                "indicator": r.code,
                "status": r.status.value,
                "stored": values(r.stored),
                "uploaded": values(r.uploaded),
            }
            for r in preview.rows
        ],
        "errors": [
            {
                "sheet": e.sheet,
                "cell": e.cell,
                "indicator": e.indicator,
                "expected": e.expected,
                "found": e.found,
                "message": e.message,
            }
            for e in preview.errors
        ],
    }
