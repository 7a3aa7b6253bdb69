"""Template context: who is looking (their role decides the navigation)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from karne.accounts.models import ROLE_LABELS, Membership
from karne.budget.models import BudgetEconomic


def membership(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    found = Membership.objects.filter(user=user).select_related("administration").first()
    if found is None:
        return {}
    latest = (
        BudgetEconomic.objects.filter(administration=found.administration, spent__isnull=False)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return {
        "membership": found,
        "role": found.role,
        "role_label": ROLE_LABELS[found.role_enum],
        "budget_year": latest,
    }
