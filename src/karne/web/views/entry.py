"""The entry form of a unit for a period, and the workflow buttons under it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from karne.accounts.access import unit_for
from karne.core.formatting import format_auto, format_number
from karne.core.workflow import STATE_LABELS, Action, Role, State, actions_for, is_editable
from karne.monitoring.errors import Conflict, Refused
from karne.monitoring.models import MonitoringPeriod, Submission
from karne.monitoring.selectors import EntryRow, entry_rows
from karne.monitoring.services import realization_save, submission_act
from karne.web.forms import BadNumber, parse_number

ACTION_LABELS = {
    Action.SUBMIT: _("Birim amirine gönder"),
    Action.HEAD_APPROVE: _("Onayla ve strateji birimine gönder"),
    Action.HEAD_RETURN: _("Düzeltme için geri gönder"),
    Action.ADMIN_APPROVE: _("Onayla ve kilitle"),
    Action.ADMIN_RETURN: _("Birime geri gönder"),
    Action.REOPEN: _("Kilidi aç"),
}


@dataclass
class Posted:
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    explanation: str
    version: int


def _read(request: HttpRequest, row: EntryRow, errors: dict[str, str]) -> Posted | None:
    """The row as posted, or None when the form did not carry it (nothing to change)."""
    if f"value-{row.code}" not in request.POST:
        return None
    fields = {}
    for name in ("value", "num", "den"):
        raw = request.POST.get(f"{name}-{row.code}", "")
        try:
            fields[name] = parse_number(raw)
        except BadNumber:
            errors[row.code] = f"“{raw}” bir sayı değil (örnek: 1.234,5)."
            return None
    try:
        version = int(request.POST[f"ver-{row.code}"])
    except (KeyError, ValueError):
        version = -1  # a form without its version cannot prove it saw the stored value
    return Posted(
        fields["value"],
        fields["num"],
        fields["den"],
        request.POST.get(f"exp-{row.code}", "").strip(),
        version,
    )


def _changed(row: EntryRow, posted: Posted) -> bool:
    return (posted.value, posted.numerator, posted.denominator, posted.explanation) != (
        row.value,
        row.numerator,
        row.denominator,
        row.explanation,
    )


def _save_all(
    request: HttpRequest, period: MonitoringPeriod, rows: list[EntryRow]
) -> tuple[dict[str, str], bool]:
    """Every changed row in one transaction; any problem keeps all of them unsaved.

    Returns the errors by indicator and whether one of them is a conflict (HTTP 409)."""
    errors: dict[str, str] = {}
    conflict = False
    posted = {r.code: p for r in rows if (p := _read(request, r, errors)) is not None}
    if errors:
        return errors, conflict
    try:
        with transaction.atomic():
            for row in rows:
                item = posted.get(row.code)
                if item is None or not _changed(row, item):
                    continue
                try:
                    realization_save(
                        user=request.user,
                        period=period,
                        indicator=row.code,
                        value=item.value,
                        numerator=item.numerator,
                        denominator=item.denominator,
                        explanation=item.explanation,
                        expected_version=item.version,
                    )
                except Conflict as exc:
                    conflict = True
                    errors[row.code] = (
                        f"Bu değeri siz formu açtıktan sonra {exc.by} kaydetti. Kayıtlı değer: "
                        f"{format_number(exc.current, 2)}; sizin girdiğiniz: "
                        f"{format_number(exc.yours, 2)}. Hiçbir şey üzerine yazılmadı; sayfayı "
                        "yenileyip yeniden deneyin."
                    )
                except Refused as exc:
                    errors[row.code] = str(exc)
            if errors:
                raise _Rollback
    except _Rollback:
        pass
    return errors, conflict


class _Rollback(Exception):
    pass


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
    membership, unit_obj = unit_for(request.user, unit, write=request.method == "POST")
    period = get_object_or_404(
        MonitoringPeriod, administration=membership.administration, year=year, quarter=quarter
    )
    submission = get_object_or_404(Submission, period=period, unit=unit_obj)
    rows = entry_rows(period, unit_obj)
    editable = is_editable(submission.state_enum) and membership.role_enum is Role.CLERK
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        errors, conflict = _save_all(request, period, rows)
        if not errors:
            messages.success(request, gettext_now("Değerler kaydedildi."))
            return redirect("entry", year=year, quarter=quarter, unit=unit)
        status = 409 if conflict else 400
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
                (
                    a.value,
                    str(ACTION_LABELS[a]),
                    a in (Action.HEAD_RETURN, Action.ADMIN_RETURN, Action.REOPEN),
                )
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
        submission = get_object_or_404(Submission, pk=submission_id)
    else:
        state = gettext_now(STATE_LABELS[State(submission.state)])
        messages.success(request, gettext_now("Durum: %(state)s.") % {"state": state})
    return redirect(
        "entry",
        year=submission.period.year,
        quarter=submission.period.quarter,
        unit=submission.unit.code,
    )
