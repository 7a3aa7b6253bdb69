"""The monitoring overview of a period: each unit's state, completeness and statuses."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from karne.accounts.access import period_for, require
from karne.core.indicators import Status
from karne.core.permissions import Capability
from karne.core.workflow import STATE_LABELS
from karne.monitoring.selectors import overview as overview_rows
from karne.monitoring.selectors import status_summary
from karne.web.page_cache import Content, cached_content, page_context, render_content

STATUS_CLASS = {
    Status.NOT_ACHIEVED: "not-achieved",
    Status.PARTIALLY_ACHIEVED: "partial",
    Status.ACHIEVED: "achieved",
    Status.EXCEEDED: "exceeded",
}


BANDS: list[Status | None] = [*Status, None]


def status_css(band: Status | None) -> str:
    return STATUS_CLASS[band] if band else "none"


@login_required
def overview(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    membership = require(request.user, Capability.OVERVIEW_VIEW)
    # What the period shows the person's role and units (kept: karne/web/page_cache.py).
    content = cached_content(
        request,
        membership,
        "overview",
        (year, quarter),
        lambda: _content(request, year, quarter),
    )
    return render(request, "karne/page.html", page_context(request, content))


def _content(request: HttpRequest, year: int, quarter: int) -> Content:
    membership = require(request.user, Capability.OVERVIEW_VIEW)
    period = period_for(membership, year, quarter)
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
                    "css": status_css(p.status),
                }
            )
        units.append(
            {
                "unit": item.unit,
                "state": gettext(STATE_LABELS[item.submission.state_enum]),
                "state_code": item.submission.state,
                "completeness": item.completeness,
                "entered": item.entered,
                "total": len(item.rows),
                "rows": rows,
            }
        )
    summary = [
        (name, [(counts[band], status_css(band)) for band in BANDS])
        for name, counts in status_summary(items).items()
    ]
    headers = [gettext(band.value) if band else gettext("Veri yok") for band in BANDS]
    return render_content(
        request,
        "karne/overview.html",
        {"period": period, "units": units, "summary": summary, "headers": headers},
        title=f"{gettext('İzleme')} · {period}",
    )
