"""Budget execution of a year, by economic code, activity and unit (computed by the core)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from karne.accounts.access import require
from karne.budget.selectors import execution_tables
from karne.core.permissions import Capability


@login_required
def budget(request: HttpRequest, year: int) -> HttpResponse:
    membership = require(request.user, Capability.BUDGET_VIEW)
    tables = execution_tables(membership.administration, year)
    return render(request, "karne/budget.html", {"year": year, "tables": tables})
