"""The strategy unit's restatements: computed figures that differ from a quarter already sent
or approved, each accepted (the value becomes the computed one) or dismissed, with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from karne.accounts.access import require
from karne.core.permissions import Capability
from karne.monitoring.computed_selectors import open_restatements
from karne.monitoring.errors import Refused
from karne.monitoring.services.computed import restatement_decide

DECISIONS = {"accept": True, "dismiss": False}


@login_required
def restatements(request: HttpRequest) -> HttpResponse:
    require(request.user, Capability.RESTATEMENT_DECIDE)
    return render(
        request, "karne/restatements.html", {"restatements": open_restatements(request.user)}
    )


@login_required
@require_POST
def restatement_decide_view(request: HttpRequest, restatement_id: int) -> HttpResponse:
    require(request.user, Capability.RESTATEMENT_DECIDE)
    decision = request.POST.get("decision", "")
    if decision not in DECISIONS:
        messages.error(request, gettext("Kabul mü ret mi, seçin."))
        return redirect("restatements")
    try:
        restatement_decide(
            user=request.user,
            restatement=restatement_id,
            accept=DECISIONS[decision],
            reason=request.POST.get("reason", ""),
        )
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            gettext("Hesaplanan değer kabul edildi; dönemin değeri değişti.")
            if DECISIONS[decision]
            else gettext("Yeniden düzenleme reddedildi; dönemin değeri olduğu gibi kaldı."),
        )
    return redirect("restatements")
