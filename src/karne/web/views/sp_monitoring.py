"""Strategic-plan monitoring pages: open a half-year or a year-end, a unit's form (C and the
reason for any deviation), and the period's overview with the SP evaluation of the year.

The form is read, redisplayed and refused exactly as the quarterly one (`views.entry`), and
its workflow buttons post to the same action URL."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from karne.accounts.access import can, require, sp_period_for, submission_for, unit_for
from karne.core.periods import SPPeriodCode
from karne.core.permissions import Capability
from karne.core.plausibility import EXPLANATION_LIMIT
from karne.core.workflow import STATE_LABELS, is_editable
from karne.monitoring.errors import Refused
from karne.monitoring.services import (
    EntriesRefused,
    sp_entries_save,
    sp_period_open,
    sp_period_remove,
)
from karne.monitoring.sp_selectors import sp_entry_rows, sp_evaluation, sp_overview
from karne.web.views.entry import (
    Posted,
    action_choices,
    apply_error,
    deadline_notice,
    display_row,
    first_invalid,
    read_row,
)


def _code(half: str) -> SPPeriodCode:
    try:
        return SPPeriodCode(half)
    except ValueError:
        raise Http404 from None


@login_required
@require_POST
def sp_period_open_view(request: HttpRequest) -> HttpResponse:
    require(request.user, Capability.PERIOD_OPEN)
    try:
        year = int(request.POST["year"])
        code = SPPeriodCode(request.POST["half"])
        deadline = datetime.date.fromisoformat(request.POST["deadline"])
    except (KeyError, ValueError):
        messages.error(request, gettext("Yıl, izleme dönemi ve son tarihi doğru girin."))
        return redirect("home")
    try:
        period = sp_period_open(user=request.user, year=year, code=code, deadline=deadline)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect("home")
    messages.success(request, gettext("%(period)s girişe açıldı.") % {"period": period})
    return redirect("sp-overview", year=year, half=code.value)


@login_required
@require_POST
def sp_period_remove_view(request: HttpRequest, year: int, half: str) -> HttpResponse:
    require(request.user, Capability.PERIOD_OPEN)
    code = _code(half)
    try:
        sp_period_remove(
            user=request.user, year=year, code=code, reason=request.POST.get("reason", "")
        )
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            gettext("%(year)s yılının stratejik plan izlemesi (%(period)s) kaldırıldı.")
            % {"year": year, "period": gettext(code.label_tr)},
        )
    return redirect("home")


@login_required
def sp_overview_view(request: HttpRequest, year: int, half: str) -> HttpResponse:
    membership = require(request.user, Capability.OVERVIEW_VIEW)
    period = sp_period_for(membership, year, _code(half))
    units = [
        {
            "item": item,
            "state": gettext(STATE_LABELS[item.submission.state_enum]),
        }
        for item in sp_overview(period, membership)
    ]
    evaluation = sp_evaluation(period)
    return render(
        request,
        "karne/sp_overview.html",
        {
            "period": period,
            "half": half,
            "units": units,
            "sp_indicators": evaluation.sp_indicators,
            "objectives": [o for o in evaluation.objectives if o.indicators],
        },
    )


@login_required
def sp_entry(request: HttpRequest, year: int, half: str, unit: str) -> HttpResponse:
    posting = request.method == "POST"
    capability = Capability.ENTRY_EDIT if posting else Capability.ENTRY_VIEW
    membership, unit_obj = unit_for(request.user, unit, capability)
    period = sp_period_for(membership, year, _code(half))
    submission = submission_for(membership, period, unit_obj)
    rows = sp_entry_rows(period, unit_obj)
    editable = is_editable(submission.state_enum) and can(
        membership, Capability.ENTRY_EDIT, unit_obj.code
    )
    posted: dict[str, Posted] = {}
    status = 200
    if posting:
        if not editable:
            raise PermissionDenied
        posted = {r.code: read_row(request.POST, r) for r in rows}
        entries = [p.entry for p in posted.values() if p.entry is not None]
        status = 400 if any(p.errors for p in posted.values()) else 200
        if status == 200:
            try:
                sp_entries_save(user=request.user, period=period, unit=unit_obj, entries=entries)
            except EntriesRefused as exc:
                for code, error in exc.errors.items():
                    apply_error(posted.setdefault(code, Posted()), error)
                status = 409 if exc.conflict else 400
                rows = sp_entry_rows(period, unit_obj)
            else:
                messages.success(request, gettext("Değerler kaydedildi."))
                return redirect("sp-entry", year=year, half=half, unit=unit)
    post = request.POST if status != 200 else None
    items = [display_row(r, post, posted.get(r.code, Posted())) for r in rows]
    return render(
        request,
        "karne/sp_entry.html",
        {
            "period": period,
            "unit": unit_obj,
            "submission": submission,
            "state_label": gettext(STATE_LABELS[submission.state_enum]),
            "rows": items,
            "failed": [item for item in items if item["errors"]],
            "focus": first_invalid(items),
            "explanation_limit": EXPLANATION_LIMIT,
            "editable": editable,
            **deadline_notice(period.deadline),
            "actions": action_choices(submission.state_enum, membership.role_enum),
        },
        status=status,
    )
