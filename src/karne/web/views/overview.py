"""The monitoring overview of a period: each unit's state, completeness and statuses."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext

from karne.accounts.access import membership_of
from karne.core.indicators import Status
from karne.core.workflow import STATE_LABELS, State
from karne.monitoring.models import MonitoringPeriod
from karne.monitoring.selectors import overview as overview_rows
from karne.monitoring.selectors import status_summary

STATUS_CLASS = {
    Status.NOT_ACHIEVED: "not-achieved",
    Status.PARTIALLY_ACHIEVED: "partial",
    Status.ACHIEVED: "achieved",
    Status.EXCEEDED: "exceeded",
}


BANDS: list[Status | None] = [*Status, None]


def _css(band: Status | None) -> str:
    return STATUS_CLASS[band] if band else "none"


@login_required
def overview(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    membership = membership_of(request.user)
    period = get_object_or_404(
        MonitoringPeriod, administration=membership.administration, year=year, quarter=quarter
    )
    units = []
    items = overview_rows(period, membership)
    for item in items:
        rows = []
        for row in item.rows:
            p = row.progress
            rows.append(
                {
                    "row": row,
                    "progress": p,
                    "status": gettext(p.status.value) if p.status else gettext("Veri yok"),
                    "css": STATUS_CLASS.get(p.status, "none") if p.status else "none",
                }
            )
        units.append(
            {
                "unit": item.unit,
                "state": gettext(STATE_LABELS[State(item.submission.state)]),
                "state_code": item.submission.state,
                "completeness": item.completeness,
                "entered": item.entered,
                "total": len(item.rows),
                "rows": rows,
            }
        )
    summary = [
        (name, [(counts[band], _css(band)) for band in BANDS])
        for name, counts in status_summary(items).items()
    ]
    headers = [gettext(band.value) if band else gettext("Veri yok") for band in BANDS]
    return render(
        request,
        "karne/overview.html",
        {"period": period, "units": units, "summary": summary, "headers": headers},
    )
