"""The second step of signing in: a session with a TOTP device counts once its code is given.

After django-otp's middleware (which tells whether the session is verified), every page but the
code page, the enrolment page, signing out and the language switch sends a person who still
has a step to do there: one with a confirmed device to the code page, one whose role requires a
device but who has none to the enrolment page. Nothing else can be reached until it is done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from karne.accounts.services.second_factor import Step, step_needed

# Pages a person with a step still to do may open.
ALLOWED = frozenset(
    {"otp-verify", "otp-enrol", "logout", "set_language", "login", "health", "ready"}
)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., HttpResponse],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.url_name in ALLOWED:
            return None
        step = step_needed(user, verified=bool(getattr(user, "is_verified", lambda: False)()))
        if step is None:
            return None
        target = reverse("otp-verify" if step is Step.VERIFY else "otp-enrol")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
