"""An uploaded preparation workbook read against the proposal as it is stored now, then saved.

The quarterly form's rules (`karne.monitoring.workbook.preview`) cell by cell: each proposed
figure is new, changed, unchanged or a conflict — a figure the person did not change is
unchanged whatever happened since; a changed one whose version is no longer the stored one is
a conflict unless it equals what is stored now, so the same file uploaded twice changes
nothing the second time. The figures to save are judged by the save's own code
(`judge_entries`, as `preparation_save` does) and every error is reported by cell; confirming
runs `preparation_save`, all or nothing, with the file's name in the trail.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext

from karne.accounts.access import User, preparation_for, require, unit_for
from karne.core.decimals import decimal_text
from karne.core.forms import CONFIRM_YES
from karne.core.permissions import Capability
from karne.core.textcase import tr_lower
from karne.monitoring.errors import Conflict, Refused
from karne.monitoring.prep_selectors import CostLine, PrepCell, PrepPage, TargetLine, prep_page
from karne.monitoring.services import EntriesRefused, EntryInput, preparation_save
from karne.monitoring.services.entries import judge_entries
from karne.monitoring.workbook.cells import (
    CellError,
    Values,
    found_text,
    layout_errors,
    number_in,
    text_in,
    upload_name,
)
from karne.monitoring.workbook.identity import Identity, rows_digest
from karne.monitoring.workbook.prep.export import line_key, line_labels, lines_of
from karne.monitoring.workbook.prep.layout import (
    FORM_LABELS,
    FORMS,
    PERIOD,
    TARGETS,
    CellState,
    columns,
    input_key,
    parse_state,
)
from karne.monitoring.workbook.preview import TRAIL_REASON, Applied, Preview, PreviewRow, RowStatus
from karne.monitoring.workbook.reader import Cell, WorkbookRefused, open_workbook
from karne.organisation.models import Administration, Unit


@dataclass(frozen=True)
class PrepTarget:
    """The page a workbook is uploaded to: another unit's or year's (or, with `form`, the
    other form) is refused by name; `form` None takes either of the unit's two forms."""

    year: int
    unit: str
    form: str | None = None


def _check_identity(
    identity: Identity, administration: Administration, expect: PrepTarget | None
) -> None:
    if identity.form not in FORMS or identity.period != PERIOD:
        raise WorkbookRefused(gettext("Bu çalışma kitabı bir program hazırlığı formu değil."))
    if identity.administration != administration.code:
        raise WorkbookRefused(
            gettext("Bu çalışma kitabı başka bir idarenin (%(code)s) formu.")
            % {"code": identity.administration}
        )
    if expect is None or (
        (identity.year, identity.unit) == (expect.year, expect.unit)
        and expect.form in (None, identity.form)
    ):
        return
    names = dict(
        Unit.objects.filter(
            administration=administration, code__in=[identity.unit, expect.unit]
        ).values_list("code", "name")
    )
    raise WorkbookRefused(
        gettext(
            "Bu çalışma kitabı %(unit)s biriminin %(year)s programı %(form)s formu; bu sayfa "
            "%(here_unit)s biriminin %(here_year)s programının. Dosyayı kendi formunun "
            "sayfasından yükleyin."
        )
        % {
            "unit": names.get(identity.unit, identity.unit),
            "year": identity.year,
            "form": gettext(FORM_LABELS[identity.form]),
            "here_unit": names.get(expect.unit, expect.unit),
            "here_year": expect.year,
        }
    )


def is_prep_workbook(content: bytes) -> bool:
    """Whether the file is signed as one of the preparation forms (for a caller such as the
    command line that takes any workbook and dispatches by its form); WorkbookRefused for a
    file that is no signed karne workbook at all."""
    identity = open_workbook(content).identity
    return identity.form in FORMS and identity.period == PERIOD


def _line_name(line: TargetLine | CostLine) -> str:
    if isinstance(line, TargetLine):
        return line.name
    return " · ".join(
        part for part in (line.activity_name, line.economic_label, line.source.label_tr) if part
    )


def _figures(cell: PrepCell) -> Values:
    return (cell.value, None, None, "")


def _was(state: CellState) -> Decimal | None:
    return Decimal(state.value) if state.value else None


@dataclass
class _Reading:
    """What the rows of an upload gave so far."""

    sheet: str
    errors: list[CellError]
    rows: list[PreviewRow]
    entries: list[EntryInput]
    refs: dict[str, Cell]  # a proposed figure's code → its cell in the sheet


def prep_workbook_preview(
    *, user: User, content: bytes, filename: str, expect: PrepTarget | None = None
) -> Preview:
    """What confirming this preparation workbook would do; raises WorkbookRefused for a file
    that is not one of the unit's two forms (and PermissionDenied / Http404 like the web form)."""
    opened = open_workbook(content)
    identity = opened.identity
    membership = require(user, Capability.PREPARATION_EDIT)
    _check_identity(identity, membership.administration, expect)
    page = prep_page(user, identity.year, identity.unit, Capability.PREPARATION_EDIT)
    if page.period.locked_at is not None:
        raise WorkbookRefused(gettext("Program kilitlendi; öneriler değiştirilemez."))
    plan = columns(identity.form, identity.year)
    sheet = identity.sheet
    name = upload_name(filename)
    errors = layout_errors(sheet, plan, opened)
    empty = Preview(name, identity, page.unit.name, (), tuple(errors), ())
    if errors:
        return empty  # columns are not where the form put them: no cell can be trusted
    lines = {line_key(line): line for line in lines_of(page, identity.form)}
    at = {c.key: c.index - 1 for c in plan}
    found: dict[str, tuple[Cell, ...]] = {}
    states: list[tuple[str, str]] = []
    for cells in opened.rows:
        key_cell = cells[at["code"]]
        key = "" if key_cell.value is None else str(key_cell.value).strip()
        line = lines.get(key)
        if line is None or key in found:
            errors.append(
                CellError(
                    sheet,
                    key_cell.ref,
                    gettext("bu formun bir satır anahtarı (bir kez)"),
                    found_text(key_cell.value),
                    gettext("Anahtar sütunu değiştirilmiş ya da satırlar silinmiş."),
                    key,
                )
            )
            continue
        moved = [
            (cells[at[field]], text)
            for field, text in line_labels(line).items()
            if str(cells[at[field]].value or "").strip() != text
        ]
        if moved:
            cell, text = moved[0]
            errors.append(
                CellError(
                    sheet,
                    cell.ref,
                    text,
                    found_text(cell.value),
                    gettext("Satırın adı kodundan ayrılmış: satırları ya da sütunları taşımayın."),
                    key,
                )
            )
            continue
        found[key] = cells
        state = cells[at["state"]].value
        states.append((key, "" if state is None else str(state)))
    if errors:
        return replace(empty, errors=tuple(errors))
    shown = {key: parse_state(state, len(lines[key].cells)) for key, state in states}
    if rows_digest(states) != identity.rows or None in shown.values():
        raise WorkbookRefused(
            gettext(
                "Çalışma kitabının gizli sütunları (sürümler, gösterilen değerler) "
                "değiştirilmiş; yeni bir form indirin."
            )
        )
    reading = _Reading(sheet, errors, [], [], {})
    for key, cells in found.items():
        was = shown[key]
        assert was is not None  # signed, and parsed above
        _read_line(reading, lines[key], cells, was, at, identity.form == TARGETS)
    _judge(reading, page)
    return Preview(
        name,
        identity,
        page.unit.name,
        tuple(reading.rows),
        tuple(reading.errors),
        tuple(reading.entries),
    )


def _read_line(
    reading: _Reading,
    line: TargetLine | CostLine,
    cells: tuple[Cell, ...],
    was: list[CellState],
    at: dict[str, int],
    confirmable: bool,
) -> None:
    sheet = reading.sheet
    confirmed = False
    if confirmable:
        cell = cells[at["confirm"]]
        text, problem = text_in(cell)
        confirmed = tr_lower(text) == tr_lower(CONFIRM_YES)
        if text and not confirmed:
            problem = gettext("Onay sütununa yalnızca “Evet” yazılabilir.")
        if problem:
            reading.errors.append(
                CellError(
                    sheet,
                    cell.ref,
                    f"“{CONFIRM_YES}” " + gettext("ya da boş"),
                    found_text(cell.value),
                    problem,
                    line_key(line),
                )
            )
    name = _line_name(line)
    for stored, state in zip(line.cells, was, strict=True):
        cell = cells[at[input_key(stored.year)]]
        reading.refs[stored.code] = cell
        value, problem = number_in(cell)
        if problem:
            reading.errors.append(
                CellError(
                    sheet,
                    cell.ref,
                    gettext("sayı (örnek: 1.234,5) ya da boş"),
                    found_text(cell.value),
                    problem,
                    stored.code,
                )
            )
            reading.rows.append(
                PreviewRow(stored.code, name, RowStatus.CHANGED, _figures(stored), _figures(stored))
            )
            continue
        uploaded: Values = (value, None, None, "")
        if value == _was(state) or value == stored.value:
            status = RowStatus.UNCHANGED
        elif stored.version != state.version:
            status = RowStatus.CONFLICT
            reading.errors.append(_conflict_error(sheet, cell, state.version, stored, value))
        else:
            status = RowStatus.NEW if stored.value is None else RowStatus.CHANGED
            reading.entries.append(
                EntryInput(stored.code, value, None, None, "", state.version, confirmed)
            )
        reading.rows.append(PreviewRow(stored.code, name, status, _figures(stored), uploaded))


def _shown(value: Decimal | None) -> str:
    return gettext("boş") if value is None else decimal_text(value)


def _conflict_error(
    sheet: str, cell: Cell, version: int, stored: PrepCell, value: Decimal | None
) -> CellError:
    return CellError(
        sheet,
        cell.ref,
        gettext("sürüm %(version)s") % {"version": version},
        gettext("sürüm %(version)s") % {"version": stored.version},
        gettext(
            "Bu satırı çalışma kitabı indirildikten sonra %(by)s kaydetti. Kayıtlı değer: "
            "%(current)s; sizin girdiğiniz: %(yours)s. Yeni bir form indirip yeniden girin."
        )
        % {"by": stored.updated_by or "?", "current": _shown(stored.value), "yours": _shown(value)},
        stored.code,
    )


def _judge(reading: _Reading, page: PrepPage) -> None:
    """The save's own checks of the figures to save (open submission, version, the rules)."""
    refused: dict[str, Refused | Conflict] = {}
    judge_entries(reading.entries, page.form.cells, page.submission, refused)
    for code, error in refused.items():
        cell = reading.refs[code]
        message = str(error)
        if isinstance(error, Refused) and error.confirmable:
            message += " " + gettext(
                "Çalışma kitabında onaylamak için “Onay” sütununa “Evet” yazın."
            )
        reading.errors.append(
            CellError(
                reading.sheet,
                cell.ref,
                gettext("kurala uyan bir değer"),
                found_text(cell.value),
                message,
                code,
            )
        )


def prep_workbook_apply(
    *, user: User, content: bytes, filename: str, expect: PrepTarget | None = None
) -> Applied:
    """Save every new and changed figure of the workbook, or none: the file is read again
    (the preview shown earlier is not trusted), checked, and saved by `preparation_save`, the
    web form's service, with the file's name as the trail's reason. A figure someone saved in
    between is caught there (it compares every version under the submission's lock)."""
    preview = prep_workbook_preview(user=user, content=content, filename=filename, expect=expect)
    if preview.errors or not preview.entries:
        return Applied(preview, 0)
    membership, unit = unit_for(user, preview.identity.unit, Capability.PREPARATION_EDIT)
    period = preparation_for(membership, preview.identity.year)
    sheet = preview.identity.sheet
    try:
        saved = preparation_save(
            user=user,
            period=period,
            unit=unit,
            entries=preview.entries,
            reason=TRAIL_REASON % {"file": preview.filename},
        )
    except EntriesRefused as exc:  # someone saved between the read and the lock
        errors = tuple(CellError(sheet, "", "", "", str(e), code) for code, e in exc.errors.items())
        return Applied(replace(preview, errors=errors), 0)
    except Refused as exc:  # locked in between
        return Applied(replace(preview, errors=(CellError(sheet, "", "", "", str(exc)),)), 0)
    return Applied(preview, saved)
