"""The whole change trail as CSV, for the strategy unit and auditors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from karne.accounts.access import require
from karne.core.permissions import Capability
from karne.monitoring.selectors import changes_for
from karne.web.trail_csv import trail_response


@login_required
def trail_csv(request: HttpRequest) -> HttpResponse:
    membership = require(request.user, Capability.TRAIL_VIEW)
    return trail_response("karne-degisiklikler.csv", changes_for(membership))
