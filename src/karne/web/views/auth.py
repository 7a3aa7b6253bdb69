"""Login with throttling: repeated failures for a user name from one address lock it for a while."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.views.decorators.http import require_POST


def _client(request: HttpRequest) -> str:
    header = settings.KARNE_CLIENT_IP_HEADER
    return str(request.META.get(header) or request.META.get("REMOTE_ADDR", ""))


def _key(request: HttpRequest) -> str:
    name = (request.POST.get("username") or "").strip().lower()
    return f"karne-login-fail:{_client(request)}:{name}"


class ThrottledLoginView(LoginView):
    template_name = "karne/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if cache.get(_key(request), 0) >= settings.KARNE_LOGIN_MAX_FAILURES:
            form = self.get_form()
            form.errors.clear()
            minutes = -(-settings.KARNE_LOGIN_LOCK_SECONDS // 60)  # rounded up
            return self.render_to_response(
                self.get_context_data(form=form, locked=True, lock_minutes=minutes), status=429
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        key = _key(self.request)
        cache.set(key, cache.get(key, 0) + 1, settings.KARNE_LOGIN_LOCK_SECONDS)
        return super().form_invalid(form)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        cache.delete(_key(self.request))
        return super().form_valid(form)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponseRedirect:
    logout(request)
    return redirect("login")
