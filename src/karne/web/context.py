"""Template context: who is looking (their role decides the navigation)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest

from karne.accounts.access import optional_membership
from karne.accounts.models import ROLE_LABELS
from karne.budget.selectors import latest_execution_year


def membership(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    found = optional_membership(user)
    if found is None:
        return {}
    return {
        "membership": found,
        "role": found.role,
        "role_label": ROLE_LABELS[found.role_enum],
        # A callable: the template calls it only where the budget link is shown (not for a
        # clerk), so a page that has no budget link makes no budget query.
        "budget_year": partial(latest_execution_year, found.administration),
    }
