"""Login with throttling: repeated failures for a user name from one address lock it for a while.

An attempt is reserved (accounts/throttle.py) before the password is checked, so parallel
requests never check more passwords than the limit allows."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from karne.accounts.throttle import attempt_reserve, attempts_clear


def _client(request: HttpRequest) -> str:
    header = settings.KARNE_CLIENT_IP_HEADER
    return str(request.META.get(header) or request.META.get("REMOTE_ADDR", ""))


def _username(request: HttpRequest) -> str:
    return str(request.POST.get("username") or "")


class ThrottledLoginView(LoginView):
    template_name = "karne/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        wait = attempt_reserve(
            _client(request),
            _username(request),
            limit=settings.KARNE_LOGIN_MAX_FAILURES,
            seconds=settings.KARNE_LOGIN_LOCK_SECONDS,
        )
        if wait:
            # An unbound form: a bound one would check the password as soon as its errors
            # are read, which is what the lock is there to prevent.
            form = self.get_form_class()(request, initial={"username": _username(request)})
            minutes = -(-wait // 60)  # rounded up: "1 minute" until the very end
            return self.render_to_response(
                self.get_context_data(form=form, locked=True, lock_minutes=minutes), status=429
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        attempts_clear(_client(self.request), _username(self.request))
        return super().form_valid(form)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponseRedirect:
    logout(request)
    return redirect("login")
