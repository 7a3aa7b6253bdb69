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
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext, pgettext_lazy
from django.views.decorators.http import require_POST

from karne.accounts.access import (
    can,
    membership_of,
    preparation_for,
    require,
)
from karne.core.budget import ECONOMIC_CODES
from karne.core.permissions import Capability
from karne.core.preparation import proposal_years
from karne.core.workflow import STATE_LABELS
from karne.monitoring.errors import Refused
from karne.monitoring.prep_selectors import PrepPage, prep_form, prep_overview, prep_page
from karne.monitoring.services import (
    EntriesRefused,
    ceilings_set,
    preparation_lock,
    preparation_open,
    preparation_save,
)
from karne.web.forms import BadNumber, parse_typed
from karne.web.page_cache import Content, cached_content, page_context, render_content
from karne.web.views.entry import (
    Posted,
    action_choices,
    apply_error,
    bad_number,
    display_row,
    read_row,
)

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
    # Kept as the entry form is (karne/web/page_cache.py): every change it shows is trailed.
    content = cached_content(
        request,
        membership_of(request.user),
        "prep-overview",
        (year,),
        lambda: _overview_content(request, year),
    )
    return render(request, "karne/page.html", page_context(request, content))


def _overview_content(request: HttpRequest, year: int) -> Content:
    membership = require(request.user, Capability.PREPARATION_VIEW)
    period = preparation_for(membership, year)
    overview = prep_overview(period, membership)
    return render_content(
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
        title=str(period),
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
            ceilings[y] = parse_typed(raw)
        except BadNumber as exc:
            messages.error(request, bad_number(exc))
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
    if request.method == "POST":
        return _save(request, year, unit)
    content = cached_content(
        request,
        membership_of(request.user),
        "prep-entry",
        (year, unit),
        lambda: _entry_content(
            request, prep_page(request.user, year, unit, Capability.PREPARATION_VIEW)
        ),
    )
    return render(request, "karne/page.html", page_context(request, content))


def _save(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    """A redirect after a save; after a refusal, the form again with what was posted and why."""
    proposal = prep_page(request.user, year, unit, Capability.PREPARATION_EDIT)
    if not proposal.editable:
        raise PermissionDenied
    posted = {c.code: read_row(request.POST, c) for c in proposal.form.cells}
    entries = [p.entry for p in posted.values() if p.entry is not None]
    status = 400 if any(p.errors for p in posted.values()) else 200
    if status == 200:
        try:
            preparation_save(
                user=request.user, period=proposal.period, unit=proposal.unit, entries=entries
            )
        except EntriesRefused as exc:
            for code, error in exc.errors.items():
                apply_error(posted.setdefault(code, Posted()), error)
            status = 409 if exc.conflict else 400
            proposal.form = prep_form(proposal.period, proposal.unit)  # what is stored now
        else:
            messages.success(request, gettext("Öneriler kaydedildi."))
            return redirect("prep-entry", year=year, unit=unit)
    content = _entry_content(request, proposal, request.POST, posted)
    return render(request, "karne/page.html", page_context(request, content), status=status)


def _entry_content(
    request: HttpRequest,
    proposal: PrepPage,
    post: QueryDict | None = None,
    posted: dict[str, Posted] | None = None,
) -> Content:
    posted = posted or {}
    form, period, submission = proposal.form, proposal.period, proposal.submission
    shown = {c.code: display_row(c, post, posted.get(c.code, Posted())) for c in form.cells}
    return render_content(
        request,
        "karne/prep_entry.html",
        {
            "period": period,
            "unit": proposal.unit,
            "submission": submission,
            "state_label": gettext(STATE_LABELS[submission.state_enum]),
            "years": proposal_years(period.year),
            "base_year": period.year - 1,
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
            "failed": [item for item in shown.values() if item["errors"]],
            "editable": proposal.editable,
            "actions": []
            if period.locked_at is not None
            else action_choices(submission.state_enum, proposal.membership.role_enum),
        },
        title=f"{proposal.unit.name} · {period}",
    )
