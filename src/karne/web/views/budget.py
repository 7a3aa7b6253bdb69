"""Budget execution of a year, by economic code, activity and unit (computed by the core)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from karne.accounts.access import require_role
from karne.core.budget_tables import budget_tables
from karne.core.workflow import Role
from karne.datasets.selectors import dataset_read


@login_required
def budget(request: HttpRequest, year: int) -> HttpResponse:
    membership = require_role(request.user, Role.ADMIN, Role.READER, Role.HEAD)
    dataset = dataset_read(administration=membership.administration.code)
    tables = budget_tables(dataset, year)
    return render(request, "karne/budget.html", {"year": year, "tables": tables})
