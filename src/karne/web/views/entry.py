"""The entry form of a unit for a period, and the workflow buttons under it."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from karne.accounts.access import (
    can,
    membership_of,
    period_for,
    submission_by_id,
    submission_for,
    unit_for,
)
from karne.core.formatting import format_auto, format_number
from karne.core.permissions import Capability
from karne.core.workflow import STATE_LABELS, Action, actions_for, is_editable, needs_reason
from karne.monitoring.errors import Conflict, Refused
from karne.monitoring.selectors import EntryRow, entry_rows
from karne.monitoring.services import EntriesRefused, EntryInput, entries_save, submission_act
from karne.web.forms import BadNumber, parse_number

ACTION_LABELS = {
    Action.SUBMIT: _("Birim amirine gönder"),
    Action.HEAD_APPROVE: _("Onayla ve strateji birimine gönder"),
    Action.HEAD_RETURN: _("Düzeltme için geri gönder"),
    Action.ADMIN_APPROVE: _("Onayla ve kilitle"),
    Action.ADMIN_RETURN: _("Birime geri gönder"),
    Action.REOPEN: _("Kilidi aç"),
}


def _parse(request: HttpRequest, rows: list[EntryRow]) -> tuple[list[EntryInput], dict[str, str]]:
    """The rows the form carried, as typed; rows it did not carry are left alone."""
    entries: list[EntryInput] = []
    errors: dict[str, str] = {}
    for row in rows:
        if f"value-{row.code}" not in request.POST:
            continue
        numbers: dict[str, Decimal | None] = {}
        for name in ("value", "num", "den"):
            raw = request.POST.get(f"{name}-{row.code}", "")
            try:
                numbers[name] = parse_number(raw)
            except BadNumber:
                errors[row.code] = f"“{raw}” bir sayı değil (örnek: 1.234,5)."
                break
        if row.code in errors:
            continue
        try:
            version = int(request.POST[f"ver-{row.code}"])
        except (KeyError, ValueError):
            version = -1  # a form without its version cannot prove it saw the stored value
        entries.append(
            EntryInput(
                row.code,
                numbers["value"],
                numbers["num"],
                numbers["den"],
                request.POST.get(f"exp-{row.code}", "").strip(),
                version,
            )
        )
    return entries, errors


def _message(error: Refused | Conflict) -> str:
    if isinstance(error, Conflict):
        return (
            f"Bu değeri siz formu açtıktan sonra {error.by} kaydetti. Kayıtlı değer: "
            f"{format_number(error.current, 2)}; sizin girdiğiniz: "
            f"{format_number(error.yours, 2)}. Hiçbir şey üzerine yazılmadı; sayfayı "
            "yenileyip yeniden deneyin."
        )
    return str(error)


def _shown(value: Decimal | None) -> str:
    return format_auto(value, missing="")


def _display(row: EntryRow, posted: object, errors: dict[str, str]) -> dict[str, object]:
    """What each input shows: what the user typed after an error, else what is stored."""
    get = getattr(posted, "get", None)
    if get is not None:
        value, num, den, exp = (
            get(f"value-{row.code}", ""),
            get(f"num-{row.code}", ""),
            get(f"den-{row.code}", ""),
            get(f"exp-{row.code}", ""),
        )
    else:
        value, num, den, exp = (
            _shown(row.value),
            _shown(row.numerator),
            _shown(row.denominator),
            row.explanation,
        )
    return {
        "row": row,
        "value": value,
        "num": num,
        "den": den,
        "exp": exp,
        "error": errors.get(row.code, ""),
    }


@login_required
def entry(request: HttpRequest, year: int, quarter: int, unit: str) -> HttpResponse:
    posting = request.method == "POST"
    capability = Capability.ENTRY_EDIT if posting else Capability.ENTRY_VIEW
    membership, unit_obj = unit_for(request.user, unit, capability)
    period = period_for(membership, year, quarter)
    submission = submission_for(membership, period, unit_obj)
    rows = entry_rows(period, unit_obj)
    editable = is_editable(submission.state_enum) and can(
        membership, Capability.ENTRY_EDIT, unit_obj.code
    )
    errors: dict[str, str] = {}
    status = 200
    if posting:
        if not editable:
            raise PermissionDenied
        entries, errors = _parse(request, rows)
        if not errors:
            try:
                entries_save(user=request.user, period=period, unit=unit_obj, entries=entries)
            except EntriesRefused as exc:
                errors = {code: _message(e) for code, e in exc.errors.items()}
                status = 409 if exc.conflict else 400
            else:
                messages.success(request, gettext_now("Değerler kaydedildi."))
                return redirect("entry", year=year, quarter=quarter, unit=unit)
        else:
            status = 400
    return render(
        request,
        "karne/entry.html",
        {
            "period": period,
            "unit": unit_obj,
            "submission": submission,
            "state_label": gettext_now(STATE_LABELS[submission.state_enum]),
            "rows": [_display(r, request.POST if errors else None, errors) for r in rows],
            "editable": editable,
            "actions": [
                (a.value, str(ACTION_LABELS[a]), needs_reason(a))
                for a in actions_for(submission.state_enum, membership.role_enum)
            ],
        },
        status=status,
    )


@login_required
@require_POST
def act(request: HttpRequest, submission_id: int) -> HttpResponseRedirect:
    try:
        action = Action(request.POST.get("action", ""))
    except ValueError:
        raise PermissionDenied from None
    try:
        submission = submission_act(
            user=request.user,
            submission_id=submission_id,
            action=action,
            reason=request.POST.get("reason", ""),
        )
    except Refused as exc:
        messages.error(request, str(exc))
        membership = membership_of(request.user)
        submission = submission_by_id(membership, submission_id, Capability.ENTRY_VIEW)
    else:
        state = gettext_now(STATE_LABELS[submission.state_enum])
        messages.success(request, gettext_now("Durum: %(state)s.") % {"state": state})
    return redirect(
        "entry",
        year=submission.period.year,
        quarter=submission.period.quarter,
        unit=submission.unit.code,
    )
