"""An indicator's page: quarterly values against the target, a chart, explanations, history."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from karne.accounts.access import membership_of, require_role, unit_codes_of
from karne.accounts.models import Membership
from karne.core.indicators import IndicatorKind
from karne.core.periods import QUARTERS, PeriodCode
from karne.core.report_content.model import Chart, ChartKind, Series
from karne.core.workflow import Role
from karne.monitoring.errors import Refused
from karne.monitoring.models import ChangeRecord, Realization
from karne.monitoring.selectors import changes_for, programme_codes, target_of
from karne.monitoring.services import target_set
from karne.planning.models import PPIndicator
from karne.reporting.charts import render as render_chart
from karne.web.forms import BadNumber, parse_number


def _indicator_for(membership: Membership, code: str) -> PPIndicator:
    """Clerks and heads see the indicators their units are responsible for; others see all."""
    indicator = (
        PPIndicator.objects.select_related("responsible_unit", "sub_program")
        .filter(code=code, sub_program__program__administration=membership.administration)
        .first()
    )
    if indicator is None:
        raise PermissionDenied
    if membership.role_enum in (Role.CLERK, Role.HEAD):
        unit = indicator.responsible_unit.code if indicator.responsible_unit else ""
        if unit not in unit_codes_of(membership):
            raise PermissionDenied
    return indicator


@login_required
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    membership = membership_of(request.user)
    ind = _indicator_for(membership, code)
    target = target_of(ind, ind.year, programme_codes(membership.administration, ind.year))
    reported = {
        PeriodCode(r.period): r for r in Realization.objects.filter(indicator=ind, year=ind.year)
    }
    values = tuple(reported[q].value if q in reported else None for q in QUARTERS)
    chart_svg = ""
    if any(v is not None for v in values):
        chart = Chart(
            ChartKind.QUARTERS,
            tuple(f"{q.quarter}. Üç Aylık" for q in QUARTERS),
            (Series("Üç aylık değer", values),),
            places=2 if any(v is not None and v % 1 for v in values) else 0,
            axis_label=ind.unit,
            target=target,
            cumulative=ind.kind == IndicatorKind.FLOW.value,
        )
        svg = render_chart(chart, "svg").decode("utf-8")
        chart_svg = mark_safe(svg[svg.index("<svg") :])
    return render(
        request,
        "karne/indicator.html",
        {
            "indicator": ind,
            "target": target,
            "periods": [(q, reported.get(q)) for q in (*QUARTERS, PeriodCode.YEAR)],
            "chart_svg": chart_svg,
            "history": changes_for(membership, f"{ind.code}/"),
            "can_set_target": membership.role_enum is Role.ADMIN,
        },
    )


@login_required
@require_POST
def target(request: HttpRequest, code: str) -> HttpResponse:
    require_role(request.user, Role.ADMIN)
    ind = _indicator_for(membership_of(request.user), code)
    try:
        value = parse_number(request.POST.get("target", ""))
        if value is None:
            raise BadNumber("")
        target_set(
            user=request.user,
            indicator=code,
            year=ind.year,
            value=value,
            reason=request.POST.get("reason", ""),
        )
    except BadNumber:
        messages.error(request, "Hedef bir sayı olmalı (örnek: 1.280.000).")
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Hedef değiştirildi.")
    return redirect("indicator", code=code)


@login_required
def history_csv(request: HttpRequest, code: str) -> HttpResponse:
    membership = membership_of(request.user)
    _indicator_for(membership, code)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{code}-gecmis.csv"'
    write_changes(response, changes_for(membership, f"{code}/"))
    return response


def _cell(text: str) -> str:
    """Text a clerk typed must not become a formula when the CSV is opened in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_changes(response: HttpResponse, changes: list[ChangeRecord]) -> None:
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(["at", "user", "subject", "key", "field", "old", "new", "reason"])
    for c in changes:
        texts = [c.username, c.subject, c.key, c.field, c.old, c.new, c.reason]
        writer.writerow([c.at.isoformat(), *map(_cell, texts)])
