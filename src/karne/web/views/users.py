"""The administrator's users page: list, invite, re-role, deactivate, issue a set-password link;
and the open page where a person sets their password with such a link.

The link is shown to the administrator once, on the person's page after the redirect (kept in
the session until then, never in the trail or the log): no e-mail server is needed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from karne.accounts.access import require
from karne.accounts.errors import LinkInvalid, MemberRefused
from karne.accounts.selectors import member_of, members_of, role_choices, units_to_give
from karne.accounts.services import (
    Link,
    link_user,
    password_set,
    user_active_set,
    user_invite,
    user_link_issue,
    user_role_set,
    user_second_factor_reset,
)
from karne.core.members import needs_units, units_missing
from karne.core.permissions import Capability
from karne.core.workflow import Role
from karne.web.views.account import totp_context

_LINK = "karne-link"


def _role(text: str) -> Role | None:
    try:
        return Role(text)
    except ValueError:
        return None


def _keep_link(request: HttpRequest, link: Link) -> None:
    url = reverse("password-set", args=[link.uidb64, link.token])
    request.session[_LINK] = {"username": link.username, "url": request.build_absolute_uri(url)}


def _form_context(request: HttpRequest) -> dict[str, Any]:
    return {
        "roles": role_choices(),
        "unit_roles": [r.value for r in Role if needs_units(r)],
        "all_units": units_to_give(request.user),
        "link_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }


def _users_page(
    request: HttpRequest, errors: dict[str, str], values: dict[str, Any], status: int = 200
) -> HttpResponse:
    context = {
        "members": members_of(request.user),
        "errors": errors,
        "values": values,
        **_form_context(request),
        **totp_context(request),
    }
    return render(request, "karne/users.html", context, status=status)


@login_required
def users(request: HttpRequest) -> HttpResponse:
    require(request.user, Capability.USERS_MANAGE)
    return _users_page(request, {}, {"role": Role.CLERK.value, "units": []})


@login_required
@require_POST
def user_invite_view(request: HttpRequest) -> HttpResponse:
    require(request.user, Capability.USERS_MANAGE)
    post = request.POST
    values: dict[str, Any] = {
        k: post.get(k, "").strip() for k in ("username", "first_name", "last_name", "email", "role")
    }
    values["units"] = post.getlist("units")
    errors: dict[str, str] = {}
    role = _role(values["role"])
    if role is None:
        errors["role"] = gettext("Bir rol seçin.")
    if not values["username"]:
        errors["username"] = gettext("Bir kullanıcı adı yazın.")
    if role is not None and units_missing(role, values["units"]):
        errors["units"] = gettext("Veri giriş personeli ve birim amiri için en az bir birim seçin.")
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors["email"] = gettext("Geçerli bir e-posta adresi yazın (ya da boş bırakın).")
    if role is not None and not errors:
        try:
            link = user_invite(
                user=request.user,
                username=values["username"],
                first_name=values["first_name"],
                last_name=values["last_name"],
                email=values["email"],
                role=role,
                units=values["units"],
            )
        except MemberRefused as exc:
            errors[exc.field or "form"] = str(exc)
        else:
            _keep_link(request, link)
            messages.success(request, gettext("Kullanıcı davet edildi."))
            return redirect("user", username=link.username)
    return _users_page(request, errors, values, status=400)


def _user_page(
    request: HttpRequest,
    username: str,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    member = member_of(request.user, username)
    if member is None:
        raise Http404
    link = request.session.pop(_LINK, None)
    if link is not None and link.get("username") != username:
        link = None
    context = {
        "member": member,
        "errors": errors or {},
        "values": values or {"role": member.role.value, "units": list(member.units)},
        "link": link,
        "is_me": username == request.user.get_username(),
        **_form_context(request),
    }
    return render(request, "karne/user.html", context, status=status)


@login_required
def user(request: HttpRequest, username: str) -> HttpResponse:
    require(request.user, Capability.USERS_MANAGE)
    return _user_page(request, username)


@login_required
@require_POST
def user_role_view(request: HttpRequest, username: str) -> HttpResponse:
    require(request.user, Capability.USERS_MANAGE)
    values: dict[str, Any] = {
        "role": request.POST.get("role", ""),
        "units": request.POST.getlist("units"),
    }
    role = _role(values["role"])
    if role is None:
        return _user_page(request, username, {"role": gettext("Bir rol seçin.")}, values, 400)
    try:
        user_role_set(user=request.user, username=username, role=role, units=values["units"])
    except MemberRefused as exc:
        return _user_page(request, username, {exc.field or "form": str(exc)}, values, 400)
    messages.success(request, gettext("Rol ve birimler kaydedildi."))
    return redirect("user", username=username)


@login_required
@require_POST
def user_active_view(request: HttpRequest, username: str) -> HttpResponse:
    require(request.user, Capability.USERS_MANAGE)
    active = request.POST.get("active") == "1"
    try:
        user_active_set(user=request.user, username=username, active=active)
    except MemberRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            gettext("Kullanıcı etkinleştirildi.")
            if active
            else gettext("Kullanıcı pasifleştirildi."),
        )
    return redirect("user", username=username)


@login_required
@require_POST
def user_link_view(request: HttpRequest, username: str) -> HttpResponse:
    require(request.user, Capability.USERS_MANAGE)
    try:
        link = user_link_issue(user=request.user, username=username)
    except MemberRefused as exc:
        messages.error(request, str(exc))
    else:
        _keep_link(request, link)
        messages.success(request, gettext("Yeni parola bağlantısı oluşturuldu."))
    return redirect("user", username=username)


@login_required
@require_POST
def user_second_factor_reset_view(request: HttpRequest, username: str) -> HttpResponse:
    require(request.user, Capability.USERS_MANAGE)
    try:
        had = user_second_factor_reset(user=request.user, username=username)
    except MemberRefused as exc:
        messages.error(request, str(exc))
    else:
        if had:
            messages.success(request, gettext("Kişinin iki adımlı doğrulama cihazı kaldırıldı."))
        else:
            messages.info(request, gettext("Kişinin iki adımlı doğrulama cihazı yoktu."))
    return redirect("user", username=username)


def password_set_view(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Open: the link is the credential. A link that no longer works says so, plainly."""
    try:
        person = link_user(uidb64, token)
    except LinkInvalid:
        return render(request, "karne/link_invalid.html", status=400)
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            password_set(
                uidb64=uidb64,
                token=token,
                password=request.POST.get("password", ""),
                repeat=request.POST.get("repeat", ""),
            )
        except LinkInvalid:
            return render(request, "karne/link_invalid.html", status=400)
        except MemberRefused as exc:
            errors[exc.field or "password"] = str(exc)
        else:
            messages.success(request, gettext("Parolanız kaydedildi; şimdi giriş yapabilirsiniz."))
            return redirect("login")
    context = {"person": person.get_username(), "errors": errors}
    return render(request, "karne/password_set.html", context, status=400 if errors else 200)
