from __future__ import annotations

import datetime
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from karne.accounts.access import can, member_units, require
from karne.core.periods import SP_PERIODS, PeriodKind
from karne.core.permissions import Capability
from karne.core.workflow import STATE_LABELS
from karne.db.health import database_answers
from karne.monitoring.errors import Refused
from karne.monitoring.selectors import (
    open_defaults,
    periods_not_locked,
    periods_of,
    waiting_for,
    year_at_a_glance,
)
from karne.monitoring.services import period_open, period_remove
from karne.web.page_cache import Content, cached_content, render_content
from karne.web.views.overview import status_css


def health(request: HttpRequest) -> HttpResponse:
    """Liveness, and the floor of the benchmark: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


def ready(request: HttpRequest) -> HttpResponse:
    """Readiness: the process answers and so does its database (503 when it does not)."""
    if database_answers():
        return HttpResponse("ok", content_type="text/plain")
    return HttpResponse("database unavailable", content_type="text/plain", status=503)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    membership = require(request.user, Capability.HOME_VIEW)
    open_ids = periods_not_locked(membership)
    waiting = [
        {"submission": s, "state_label": gettext(STATE_LABELS[s.state_enum])}
        for s in waiting_for(membership)
    ]
    glance = None
    if can(membership, Capability.INDICATOR_VIEW, None):  # every unit's indicators
        # Kept per revision (`page_cache`): its evaluation is most of a home page's work.
        glance = cached_content(request, membership, "glance", (), lambda: _glance(request)).body
    return render(
        request,
        "karne/home.html",
        {
            "periods": [
                {"period": p, "overdue": p.deadline < timezone.localdate() and p.id in open_ids}
                for p in periods_of(membership)
                if p.kind == PeriodKind.QUARTER.value
            ],
            "sp_periods": [
                {"period": p, "overdue": p.deadline < timezone.localdate() and p.id in open_ids}
                for p in periods_of(membership)
                if p.is_sp
            ],
            "prep_periods": [
                {"period": p, "overdue": p.deadline < timezone.localdate() and p.id in open_ids}
                for p in periods_of(membership)
                if p.is_preparation
            ],
            "sp_codes": [(c.value, gettext(c.label_tr)) for c in SP_PERIODS],
            "waiting": waiting,
            "glance": glance,
            "units": member_units(membership),
            "today": timezone.localdate(),
            # Read only where the form is shown (the template calls it).
            "proposed": partial(
                open_defaults, membership.administration, timezone.localdate().year
            ),
        },
    )


def _glance(request: HttpRequest) -> Content:
    """The year at a glance, for those who may see every unit's indicators (the strategy unit
    and readers, `indicator.view` on all units): the counts are the whole administration's, so
    a role limited to its own units' indicators (a unit head, a clerk) is not shown them."""
    membership = require(request.user, Capability.HOME_VIEW)
    glance = year_at_a_glance(membership.administration)
    title = gettext("Bir bakışta")
    if glance is None:
        return Content(title, SafeString(""))
    statuses = [
        {
            "label": gettext(band.value) if band else gettext("Veri yok"),
            "css": status_css(band),
            "indicators": found,
        }
        for band, found in glance.by_status
    ]
    return render_content(
        request,
        "karne/_glance.html",
        {
            "glance": glance,
            "statuses": statuses,
            "budget": glance.budget if can(membership, Capability.BUDGET_VIEW, None) else None,
        },
        title=title,
    )


@login_required
@require_POST
def period_open_view(request: HttpRequest) -> HttpResponse:
    require(request.user, Capability.PERIOD_OPEN)
    try:
        year = int(request.POST["year"])
        quarter = int(request.POST["quarter"])
        deadline = datetime.date.fromisoformat(request.POST["deadline"])
    except (KeyError, ValueError):
        messages.error(request, gettext("Yıl, çeyrek ve son tarihi doğru girin."))
        return redirect("home")
    try:
        period = period_open(user=request.user, year=year, quarter=quarter, deadline=deadline)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect("home")
    messages.success(
        request,
        gettext("%(year)s / %(quarter)s. çeyrek girişe açıldı.")
        % {"year": period.year, "quarter": period.quarter},
    )
    return redirect("overview", year=year, quarter=quarter)


@login_required
@require_POST
def period_remove_view(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    require(request.user, Capability.PERIOD_OPEN)
    try:
        period_remove(
            user=request.user, year=year, quarter=quarter, reason=request.POST.get("reason", "")
        )
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            gettext("%(year)s / %(quarter)s. çeyrek kaldırıldı.")
            % {"year": year, "quarter": quarter},
        )
    return redirect("home")
