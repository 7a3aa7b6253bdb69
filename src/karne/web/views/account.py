"""The person's own account: the optional TOTP second factor (enrol, then a code at sign-in);
and the administrator's choice of the roles that must use it."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from karne.accounts.access import require
from karne.accounts.errors import MemberRefused
from karne.accounts.selectors import role_choices
from karne.accounts.services.second_factor import (
    code_check,
    confirmed_device,
    enrolment_confirm,
    enrolment_device,
    enrolment_key,
    own_device_remove,
    required_roles,
    required_roles_set,
    role_requires,
)
from karne.core.permissions import Capability
from karne.core.workflow import Role


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return "/"


def _role_context(request: HttpRequest) -> dict[str, object]:
    require(request.user, Capability.HOME_VIEW)
    return {"required": role_requires(request.user)}


@login_required
def account(request: HttpRequest) -> HttpResponse:
    context = {"device": confirmed_device(request.user), **_role_context(request)}
    return render(request, "karne/account.html", context)


@login_required
@require_POST
def otp_remove(request: HttpRequest) -> HttpResponse:
    require(request.user, Capability.HOME_VIEW)
    try:
        removed = own_device_remove(request.user)
    except MemberRefused as exc:
        messages.error(request, str(exc))
    else:
        if removed:
            messages.success(request, gettext("İki adımlı doğrulama kapatıldı."))
    return redirect("account")


def _secret(key_hex: str) -> str:
    """The key as an authenticator app takes it when typed: base 32, in groups of four."""
    text = base64.b32encode(bytes.fromhex(key_hex)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


ENROLMENT_KEY = "karne.totp_key"  # the secret being enrolled, in the person's session


@login_required
def otp_enrol(request: HttpRequest) -> HttpResponse:
    require(request.user, Capability.HOME_VIEW)
    if confirmed_device(request.user) is not None:
        return redirect("account")
    error = ""
    key = request.session.get(ENROLMENT_KEY)
    if not isinstance(key, str):
        key = request.session[ENROLMENT_KEY] = enrolment_key()  # the session's, until confirmed
    if request.method == "POST":
        device = enrolment_confirm(request.user, request.POST.get("code", ""), key)
        if device is not None:
            request.session.pop(ENROLMENT_KEY, None)
            otp_login(request, device)
            messages.success(request, gettext("İki adımlı doğrulama açıldı."))
            return redirect(_next(request))
        error = gettext("Kod doğru değil; uygulamadaki güncel kodu yazın.")
    device = enrolment_device(request.user, key)
    context = {
        "uri": device.config_url,
        "secret": _secret(device.key),
        "error": error,
        "next": _next(request),
        **_role_context(request),
    }
    return render(request, "karne/otp_enrol.html", context, status=400 if error else 200)


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in."""
    if confirmed_device(request.user) is None or request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_next(request))
    error = ""
    if request.method == "POST":
        device = code_check(request.user, request.POST.get("code", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        error = gettext("Kod doğru değil ya da kullanıldı; uygulamadaki güncel kodu yazın.")
    context = {"error": error, "next": _next(request)}
    return render(request, "karne/otp_verify.html", context, status=400 if error else 200)


@login_required
@require_POST
def totp_require_view(request: HttpRequest) -> HttpResponse:
    require(request.user, Capability.USERS_MANAGE)
    wanted = []
    for value in request.POST.getlist("roles"):
        try:
            wanted.append(Role(value))
        except ValueError:
            continue
    required_roles_set(user=request.user, roles=wanted)
    messages.success(request, gettext("İki adımlı doğrulama kuralı kaydedildi."))
    return redirect("users")


def totp_context(request: HttpRequest) -> dict[str, object]:
    """For the users page: which roles must use a second factor."""
    roles = required_roles(request.user)
    return {"totp_roles": [(v, label, Role(v) in roles) for v, label in role_choices()]}
