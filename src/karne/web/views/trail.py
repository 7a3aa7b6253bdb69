"""The whole change trail as CSV, for the strategy unit and auditors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from karne.accounts.access import require_role
from karne.core.workflow import Role
from karne.monitoring.selectors import changes_for
from karne.web.views.indicators import write_changes


@login_required
def trail_csv(request: HttpRequest) -> HttpResponse:
    membership = require_role(request.user, Role.ADMIN, Role.READER)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="karne-degisiklikler.csv"'
    write_changes(response, changes_for(membership))
    return response
