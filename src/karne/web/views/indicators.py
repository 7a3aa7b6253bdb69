"""An indicator's page: quarterly values against the target, a chart, explanations, history,
and the strategy unit's correction notes (a printed slip a stored value corrects)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from karne.accounts.access import indicator_for, require
from karne.core.formatting import format_exact
from karne.core.indicators import IndicatorKind
from karne.core.periods import QUARTERS, PeriodCode
from karne.core.permissions import Capability
from karne.core.report_content.model import Chart, ChartKind, Series
from karne.monitoring.computed_selectors import computed_quarters
from karne.monitoring.errors import Refused
from karne.monitoring.selectors import IndicatorYear, TrailRow, changes_for, indicator_year
from karne.monitoring.services import correction_set, target_set
from karne.reporting.charts import render as render_chart
from karne.web.forms import BadNumber, example_number, page_locale, parse_typed
from karne.web.labels import FIELD_LABELS, NUMERIC_FIELDS
from karne.web.trail_csv import trail_response


def _chart_svg(year: IndicatorYear) -> str:
    values = year.values()
    if all(v is None for v in values):
        return ""
    chart = Chart(
        ChartKind.QUARTERS,
        tuple(gettext(q.label_tr) for q in QUARTERS),
        (Series(gettext("Üç aylık değer"), values),),
        places=2 if any(v is not None and v % 1 for v in values) else 0,
        axis_label=year.indicator.unit,
        target=year.target,
        cumulative=year.indicator.kind == IndicatorKind.FLOW.value,
        target_label=gettext("Hedef"),
        cumulative_label=gettext("Kümülatif"),
        locale=page_locale(),
    )
    svg = render_chart(chart, "svg").decode("utf-8")
    return mark_safe(svg[svg.index("<svg") :])


def _shown(field: str, text: str) -> str:
    """A trailed number in the page's language with all its decimals; other text as it is."""
    if field in NUMERIC_FIELDS and text:
        try:
            return format_exact(Decimal(text), page_locale())
        except ArithmeticError:
            return text
    return text


def _history_row(change: TrailRow) -> dict[str, object]:
    """One trail row as a person reads it: the field's name, the period, Turkish numbers."""
    parts = change.key.split("/")
    period = ""
    if len(parts) == 3 and parts[2] in PeriodCode.__members__.values():
        period = f"{parts[1]} · {gettext(PeriodCode(parts[2]).label_tr)}"
    elif len(parts) == 2:
        period = parts[1]
    return {
        "at": change.at,
        "username": change.username,
        "field": FIELD_LABELS.get(change.field, change.field),
        "period": period,
        "old": _shown(change.field, change.old),
        "new": _shown(change.field, change.new),
        "reason": change.reason,
    }


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
            "periods": [
                (q.label_tr, year.reported.get(q), year.shown(q))
                for q in (*QUARTERS, PeriodCode.YEAR)
            ],
            "chart_svg": _chart_svg(year),
            "history": [_history_row(c) for c in changes_for(membership, f"{ind.code}/")],
            "computed": computed_quarters(ind, {q: year.shown(q) for q in year.reported}),
        },
    )


@login_required
@require_POST
def target(request: HttpRequest, code: str) -> HttpResponse:
    membership = require(request.user, Capability.TARGET_SET)
    ind = indicator_for(membership, code, Capability.TARGET_SET)
    try:
        value = parse_typed(request.POST.get("target", ""))
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
        messages.error(
            request,
            gettext("Hedef bir sayı olmalı (örnek: %(example)s).")
            % {"example": example_number(Decimal(1_280_000))},
        )
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, gettext("Hedef değiştirildi."))
    return redirect("indicator", code=code)


@login_required
@require_POST
def correction(request: HttpRequest, code: str) -> HttpResponse:
    """The correction note of one period's value (`period`, `correction`, and `seen`: the note
    the form showed)."""
    membership = require(request.user, Capability.CORRECTION_SET)
    indicator_for(membership, code, Capability.CORRECTION_SET)
    try:
        period = PeriodCode(request.POST.get("period", ""))
    except ValueError:
        messages.error(request, gettext("Bir dönem seçin."))
        return redirect("indicator", code=code)
    try:
        correction_set(
            user=request.user,
            indicator=code,
            period=period,
            text=request.POST.get("correction", ""),
            seen=request.POST.get("seen"),
        )
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            gettext("%(period)s düzeltme notu kaydedildi.") % {"period": gettext(period.label_tr)},
        )
    return redirect(reverse("indicator", kwargs={"code": code}) + f"#correction-{period.value}")


@login_required
def history_csv(request: HttpRequest, code: str) -> HttpResponse:
    membership = require(request.user, Capability.INDICATOR_VIEW)
    indicator_for(membership, code, Capability.INDICATOR_VIEW)
    return trail_response(f"{code}-gecmis.csv", changes_for(membership, f"{code}/"))
