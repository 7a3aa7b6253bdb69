"""Preparing next year's performance programme: open it (copied forward), a unit's proposal
(targets and costs for three years beside the previous figures), and the strategy unit's page
(each unit's state, the costs against the ceilings it enters, the lock).

The unit's form is read, redisplayed and refused exactly as the quarterly one (`views.entry`:
`read_row`, `display_row`, `apply_error`), and its workflow buttons post to the same action
URL."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, pgettext_lazy
from django.views.decorators.http import require_POST

from karne.accounts.access import can, preparation_for, require, submission_for, unit_for
from karne.core.budget import ECONOMIC_CODES
from karne.core.permissions import Capability
from karne.core.preparation import proposal_years
from karne.core.workflow import STATE_LABELS, actions_for, is_editable, needs_reason
from karne.monitoring.errors import Refused
from karne.monitoring.prep_selectors import prep_form, prep_overview
from karne.monitoring.services import (
    EntriesRefused,
    ceilings_set,
    preparation_lock,
    preparation_open,
    preparation_save,
)
from karne.web.forms import BadNumber, parse_number
from karne.web.views.entry import ACTION_LABELS, Posted, apply_error, display_row, read_row

# What a figure of the base programme is ("hedef" alone is also an SP objective: a context).
MEASURES = {
    "actual": pgettext_lazy("value measure", "gerçekleşme"),
    "planned": pgettext_lazy("value measure", "planlanan"),
    "estimate": pgettext_lazy("value measure", "yıl sonu tahmini"),
    "target": pgettext_lazy("value measure", "hedef"),
    "forecast": pgettext_lazy("value measure", "öngörü"),
}


@login_required
@require_POST
def prep_open(request: HttpRequest) -> HttpResponse:
    require(request.user, Capability.PREPARATION_MANAGE)
    try:
        year = int(request.POST["year"])
        deadline = datetime.date.fromisoformat(request.POST["deadline"])
    except (KeyError, ValueError):
        messages.error(request, gettext("Yılı ve son tarihi doğru girin."))
        return redirect("home")
    try:
        period = preparation_open(user=request.user, year=year, deadline=deadline)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect("home")
    messages.success(
        request,
        gettext("%(period)s açıldı; %(base)s programı kopyalandı.")
        % {"period": period, "base": year - 1},
    )
    return redirect("prep-overview", year=year)


@login_required
def prep_overview_view(request: HttpRequest, year: int) -> HttpResponse:
    membership = require(request.user, Capability.PREPARATION_VIEW)
    period = preparation_for(membership, year)
    overview = prep_overview(period, membership)
    return render(
        request,
        "karne/prep_overview.html",
        {
            "period": period,
            "overview": overview,
            "units": [
                {"item": u, "state": gettext(STATE_LABELS[u.submission.state_enum])}
                for u in overview.units
            ],
            "economic": [
                (code, ECONOMIC_CODES.get(code, ""), amount)
                for code, amount in overview.economic.items()
            ],
            # The administration's totals: for the roles that see every unit's proposal.
            "totals": can(membership, Capability.PREPARATION_VIEW, None),
            "manage": can(membership, Capability.PREPARATION_MANAGE, None)
            and period.locked_at is None,
        },
    )


@login_required
@require_POST
def prep_ceilings(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, Capability.PREPARATION_MANAGE)
    ceilings: dict[int, Decimal | None] = {}
    for y in proposal_years(year):
        raw = request.POST.get(f"ceiling-{y}")
        if raw is None:
            continue
        try:
            ceilings[y] = parse_number(raw)
        except BadNumber as exc:
            messages.error(
                request,
                gettext("“%(text)s” bir sayı değil (örnek: 1.234,5).") % {"text": exc.text},
            )
            return redirect("prep-overview", year=year)
    try:
        changed = ceilings_set(user=request.user, year=year, ceilings=ceilings)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        if changed:
            messages.success(request, gettext("Tavanlar kaydedildi."))
    return redirect("prep-overview", year=year)


@login_required
@require_POST
def prep_lock(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, Capability.PREPARATION_MANAGE)
    try:
        preparation_lock(user=request.user, year=year)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, gettext("Program kilitlendi."))
    return redirect("prep-overview", year=year)


@login_required
def prep_entry(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    posting = request.method == "POST"
    capability = Capability.PREPARATION_EDIT if posting else Capability.PREPARATION_VIEW
    membership, unit_obj = unit_for(request.user, unit, capability)
    period = preparation_for(membership, year)
    submission = submission_for(membership, period, unit_obj)
    form = prep_form(period, unit_obj)
    editable = (
        period.locked_at is None
        and is_editable(submission.state_enum)
        and can(membership, Capability.PREPARATION_EDIT, unit_obj.code)
    )
    posted: dict[str, Posted] = {}
    status = 200
    if posting:
        if not editable:
            raise PermissionDenied
        posted = {c.code: read_row(request.POST, c) for c in form.cells}
        entries = [p.entry for p in posted.values() if p.entry is not None]
        status = 400 if any(p.errors for p in posted.values()) else 200
        if status == 200:
            try:
                preparation_save(user=request.user, period=period, unit=unit_obj, entries=entries)
            except EntriesRefused as exc:
                for code, error in exc.errors.items():
                    apply_error(posted.setdefault(code, Posted()), error)
                status = 409 if exc.conflict else 400
                form = prep_form(period, unit_obj)
            else:
                messages.success(request, gettext("Öneriler kaydedildi."))
                return redirect("prep-entry", year=year, unit=unit)
    post = request.POST if status != 200 else None
    shown = {c.code: display_row(c, post, posted.get(c.code, Posted())) for c in form.cells}
    failed = [item for item in shown.values() if item["errors"]]
    return render(
        request,
        "karne/prep_entry.html",
        {
            "period": period,
            "unit": unit_obj,
            "submission": submission,
            "state_label": gettext(STATE_LABELS[submission.state_enum]),
            "years": proposal_years(year),
            "base_year": year - 1,
            "targets": [
                {
                    "line": line,
                    "before": [(y, str(MEASURES.get(m, m)), v) for y, m, v in line.before],
                    "cells": [shown[c.code] for c in line.cells],
                }
                for line in form.targets
            ],
            "costs": [
                {"line": line, "cells": [shown[c.code] for c in line.cells]} for line in form.costs
            ],
            "failed": failed,
            "editable": editable,
            "actions": []
            if period.locked_at is not None
            else [
                (a.value, str(ACTION_LABELS[a]), needs_reason(a))
                for a in actions_for(submission.state_enum, membership.role_enum)
            ],
        },
        status=status,
    )
