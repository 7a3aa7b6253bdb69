"""An indicator's page: quarterly values against the target, a chart, explanations, history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from karne.accounts.access import indicator_for, require
from karne.core.indicators import IndicatorKind
from karne.core.periods import QUARTERS, PeriodCode
from karne.core.permissions import Capability
from karne.core.report_content.model import Chart, ChartKind, Series
from karne.monitoring.errors import Refused
from karne.monitoring.selectors import IndicatorYear, changes_for, indicator_year
from karne.monitoring.services import target_set
from karne.reporting.charts import render as render_chart
from karne.web.forms import BadNumber, parse_number
from karne.web.trail_csv import trail_response


def _chart_svg(year: IndicatorYear) -> str:
    values = year.values()
    if all(v is None for v in values):
        return ""
    chart = Chart(
        ChartKind.QUARTERS,
        tuple(q.label_tr for q in QUARTERS),
        (Series("Üç aylık değer", values),),
        places=2 if any(v is not None and v % 1 for v in values) else 0,
        axis_label=year.indicator.unit,
        target=year.target,
        cumulative=year.indicator.kind == IndicatorKind.FLOW.value,
    )
    svg = render_chart(chart, "svg").decode("utf-8")
    return mark_safe(svg[svg.index("<svg") :])


@login_required
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    membership = require(request.user, Capability.INDICATOR_VIEW)
    ind = indicator_for(membership, code, Capability.INDICATOR_VIEW)
    year = indicator_year(ind)
    return render(
        request,
        "karne/indicator.html",
        {
            "indicator": ind,
            "target": year.target,
            "periods": [(q, year.reported.get(q)) for q in (*QUARTERS, PeriodCode.YEAR)],
            "chart_svg": _chart_svg(year),
            "history": changes_for(membership, f"{ind.code}/"),
        },
    )


@login_required
@require_POST
def target(request: HttpRequest, code: str) -> HttpResponse:
    membership = require(request.user, Capability.TARGET_SET)
    ind = indicator_for(membership, code, Capability.TARGET_SET)
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
    membership = require(request.user, Capability.INDICATOR_VIEW)
    indicator_for(membership, code, Capability.INDICATOR_VIEW)
    return trail_response(f"{code}-gecmis.csv", changes_for(membership, f"{code}/"))
