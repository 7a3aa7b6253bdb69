"""The administrator's changes to the people of the administration, each trailed.

Each change is permission-checked (`users.manage`), runs in one transaction and records
subject "user", key the user name, the field and the old and new value in the change trail.
The rules (units for clerks and heads, the last active administrator) are the core's
(`karne.core.members`); the memberships of the administration are locked while the last-admin
rule is checked, so two parallel demotions cannot both pass it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from karne.accounts.access import User, require
from karne.accounts.errors import MemberRefused
from karne.accounts.models import Membership
from karne.accounts.services.links import link_parts
from karne.accounts.services.second_factor import devices_remove
from karne.core.members import Member, leaves_no_admin, units_missing
from karne.core.permissions import Capability
from karne.core.workflow import Role
from karne.monitoring.services.trail import record_change
from karne.organisation.models import Administration, Unit


@dataclass(frozen=True)
class Link:
    """What the set-password page's address is made of (the web layer builds the URL)."""

    username: str
    uidb64: str
    token: str


def _units(administration: Administration, role: Role, codes: Sequence[str]) -> list[Unit]:
    codes = [] if role not in (Role.CLERK, Role.HEAD) else list(dict.fromkeys(codes))
    if units_missing(role, codes):
        raise MemberRefused(
            _("Veri giriş personeli ve birim amiri için en az bir birim seçin."), field="units"
        )
    found = list(
        Unit.objects.filter(administration=administration, code__in=codes).order_by("position")
    )
    if len(found) != len(codes):
        raise MemberRefused(_("Bilinmeyen birim."), field="units")
    return found


def _unit_text(units: Sequence[Unit]) -> str:
    return " ".join(u.code for u in units)


def _check_username(username: str) -> str:
    username = username.strip()
    if not username:
        raise MemberRefused(_("Bir kullanıcı adı yazın."), field="username")
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise MemberRefused(
            _("Kullanıcı adı yalnızca harf, rakam ve @ . + - _ içerebilir."), field="username"
        ) from None
    if len(username) > 150:
        raise MemberRefused(_("Kullanıcı adı en çok 150 karakter olabilir."), field="username")
    if get_user_model().objects.filter(username__iexact=username).exists():
        raise MemberRefused(_("Bu kullanıcı adı zaten var."), field="username")
    return username


@transaction.atomic
def user_invite(
    *,
    user: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: Role,
    units: Sequence[str],
) -> Link:
    """A new member without a password, and the link with which they set one."""
    actor = require(user, Capability.USERS_MANAGE)
    username = _check_username(username)
    found = _units(actor.administration, role, units)
    person = get_user_model().objects.create_user(
        username=username,
        first_name=first_name.strip()[:150],
        last_name=last_name.strip()[:150],
        email=email.strip(),
    )
    person.set_unusable_password()
    person.save(update_fields=["password"])
    membership = Membership.objects.create(
        user=person,
        administration=actor.administration,
        role=role.value,
        link_issued=timezone.now(),
    )
    membership.units.set(found)
    record_change(
        actor, "user", username, "invite", "", f"{role.value} {_unit_text(found)}".strip()
    )
    return Link(username, *link_parts(person))


def _member(actor: Membership, username: str) -> Membership:
    """A member of the actor's administration, locked for the change (else: refused)."""
    found = (
        Membership.objects.select_for_update()
        .select_related("user", "administration")
        .filter(administration=actor.administration, user__username=username)
        .first()
    )
    if found is None:
        raise MemberRefused(_("Böyle bir kullanıcı yok."))
    return found


def _check_last_admin(actor: Membership, username: str, *, role: Role, active: bool) -> None:
    rows = (
        Membership.objects.select_for_update()
        .filter(administration=actor.administration)
        .values_list("user__username", "role", "user__is_active")
    )
    members = [Member(name, Role(r), bool(on)) for name, r, on in rows]
    if leaves_no_admin(members, username, role=role, active=active):
        raise MemberRefused(
            _("Son etkin strateji birimi yöneticisi kaldırılamaz; önce başka bir yönetici atayın.")
        )


@transaction.atomic
def user_role_set(*, user: User, username: str, role: Role, units: Sequence[str]) -> Membership:
    actor = require(user, Capability.USERS_MANAGE)
    member = _member(actor, username)
    found = _units(actor.administration, role, units)
    _check_last_admin(actor, username, role=role, active=member.user.is_active)
    before_role = member.role
    before_units = _unit_text(list(member.units.order_by("position")))
    if before_role != role.value:
        member.role = role.value
        member.save(update_fields=["role"])
        record_change(actor, "user", username, "role", before_role, role.value)
    if before_units != _unit_text(found):
        member.units.set(found)
        record_change(actor, "user", username, "units", before_units, _unit_text(found))
    return member


@transaction.atomic
def user_active_set(*, user: User, username: str, active: bool) -> Membership:
    """Deactivate (the person can no longer sign in; their links stop working) or reactivate."""
    actor = require(user, Capability.USERS_MANAGE)
    member = _member(actor, username)
    _check_last_admin(actor, username, role=member.role_enum, active=active)
    person = member.user
    if person.is_active != active:
        record_change(actor, "user", username, "active", str(person.is_active), str(active))
        person.is_active = active
        person.save(update_fields=["is_active"])
    return member


@transaction.atomic
def user_link_issue(*, user: User, username: str) -> Link:
    """A new set-password link; every earlier one stops working. The password in use keeps
    working until the person sets a new one with the link."""
    actor = require(user, Capability.USERS_MANAGE)
    member = _member(actor, username)
    if not member.user.is_active:
        raise MemberRefused(_("Pasif bir kullanıcıya bağlantı verilemez; önce etkinleştirin."))
    member.link_issued = timezone.now()
    member.save(update_fields=["link_issued"])
    record_change(actor, "user", username, "link", "", "issued")
    return Link(username, *link_parts(member.user))


@transaction.atomic
def user_second_factor_reset(*, user: User, username: str) -> bool:
    """Remove a person's TOTP devices (a lost or replaced phone): they sign in with the
    password alone, or enrol again where their role requires it. False: they had none."""
    actor = require(user, Capability.USERS_MANAGE)
    return devices_remove(actor, _member(actor, username).user)


@transaction.atomic
def admin_create(
    *, administration: str | None, name: str | None, username: str, password: str
) -> Membership:
    """The command line's first (or another) strategy-unit administrator.

    On an empty database the administration is created too (its code and name given); with
    one administration that one is used; with several, `administration` picks one."""
    admin = _administration(administration, name)
    username = _check_username(username)
    candidate = get_user_model()(username=username)
    try:
        validate_password(password, candidate)
    except ValidationError as exc:
        raise MemberRefused(" ".join(exc.messages), field="password") from None
    person = get_user_model().objects.create_user(username=username, password=password)
    membership = Membership.objects.create(user=person, administration=admin, role=Role.ADMIN.value)
    record_change(membership, "user", username, "invite", "", Role.ADMIN.value, "karne createadmin")
    return membership


def _administration(code: str | None, name: str | None) -> Administration:
    existing = list(Administration.objects.order_by("code"))
    if not existing:
        if not code or not name:
            raise MemberRefused(
                "Veritabanında idare yok: kodunu ve adını verin / the database has no "
                "administration: give its code and name (--administration CODE --name NAME)",
                field="administration",
            )
        if slugify(code) != code:
            raise MemberRefused(
                f"'{code}': idare kodu küçük harf, rakam ve - olmalı / an administration code is "
                "lower-case letters, digits and -",
                field="administration",
            )
        return Administration.objects.create(code=code, name=name.strip())
    if code is None:
        if len(existing) > 1:
            codes = ", ".join(a.code for a in existing)
            raise MemberRefused(
                f"Birden çok idare var, --administration ile seçin / several administrations, "
                f"pick one with --administration: {codes}",
                field="administration",
            )
        return existing[0]
    for admin in existing:
        if admin.code == code:
            return admin
    raise MemberRefused(
        f"'{code}' adlı idare yok / no administration '{code}' "
        f"(var olanlar / there are: {', '.join(a.code for a in existing)})",
        field="administration",
    )
