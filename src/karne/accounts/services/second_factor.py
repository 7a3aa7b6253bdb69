"""The optional second factor: a TOTP device (django-otp) per person, required per role.

A person enrols from their account page: a secret is drawn and shown (kept in the person's
session, not in the database: looking at the page changes nothing), and the device is made
only once a code from the authenticator app confirms it. With a confirmed device,
signing in asks for a code after the password (`web/second_factor.py`); a role the
administrator requires it for cannot use anything but the enrolment page until a device is
confirmed. django-otp checks the codes (time window, no code used twice, a growing delay after
wrong codes); enrolment and every change of the requirement are in the change trail.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from django.db import connections, transaction
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from karne.accounts.access import User, membership_of, optional_membership, require
from karne.accounts.errors import MemberRefused
from karne.accounts.models import Membership, SecondFactorRule
from karne.core.permissions import Capability
from karne.core.workflow import Role
from karne.monitoring.services.trail import record_change

DEVICE_NAME = "karne"


class Step(StrEnum):
    """What a signed-in person still has to do before the session counts."""

    VERIFY = "verify"  # enter a code from the confirmed device
    ENROL = "enrol"  # the role requires a device: confirm one first


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).first()


def required_roles(user: User) -> frozenset[Role]:
    """The roles of the person's administration that must use a second factor."""
    membership = optional_membership(user)
    if membership is None:
        return frozenset()
    rows = SecondFactorRule.objects.filter(administration=membership.administration)
    return frozenset(Role(r) for r in rows.values_list("role", flat=True))


def _facts(membership: Membership) -> tuple[bool, bool]:
    """(has a confirmed device, the role requires one), read once per request in one plain
    statement: every page checks them before anything else."""
    cached: tuple[bool, bool] | None = getattr(membership, "_karne_second_factor", None)
    if cached is None:
        devices, rules = TOTPDevice._meta.db_table, SecondFactorRule._meta.db_table
        with connections[Membership.objects.db].cursor() as cursor:
            cursor.execute(
                f"SELECT EXISTS (SELECT 1 FROM {devices} WHERE user_id = %s AND confirmed), "
                f"EXISTS (SELECT 1 FROM {rules} WHERE administration_id = %s AND role = %s)",
                [membership.user_id, membership.administration_id, membership.role],
            )
            row = cursor.fetchone()
        cached = (bool(row[0]), bool(row[1]))
        setattr(membership, "_karne_second_factor", cached)  # noqa: B010
    return cached


def role_requires(user: User) -> bool:
    """Whether the person's role is one the administrator requires a second factor for."""
    membership = optional_membership(user)
    return membership is not None and _facts(membership)[1]


def devices_remove(actor: Membership, person: User) -> bool:
    """Remove the person's devices, trailed as the actor's change (False: there was none)."""
    devices = TOTPDevice.objects.filter(user_id=person.pk)
    had = bool(devices.filter(confirmed=True).exists())
    devices.delete()
    if had:
        record_change(actor, "user", person.get_username(), "totp", "enrolled", "removed")
    return had


def step_needed(user: User, *, verified: bool) -> Step | None:
    if not user.is_authenticated or verified:
        return None
    membership = optional_membership(user)
    if membership is None:  # not of any administration: nothing to reach anyway
        return Step.VERIFY if confirmed_device(user) is not None else None
    if _facts(membership)[0]:
        return Step.VERIFY
    return Step.ENROL if role_requires(user) else None


def enrolment_key() -> str:
    """A new secret for an authenticator app, as django-otp keeps it (hex)."""
    return str(random_hex(20))


def enrolment_device(user: User, key: str) -> TOTPDevice:
    """The device being enrolled, unsaved: what the page shows (its otpauth URI, its secret)."""
    membership_of(user)
    return TOTPDevice(user_id=user.pk, name=DEVICE_NAME, key=key, confirmed=False)


@transaction.atomic
def enrolment_confirm(user: User, code: str, key: str) -> TOTPDevice | None:
    """Make the person's device once a code from the app matches the secret shown (None: the
    code was wrong or the secret is not one of ours; nothing is written)."""
    membership = membership_of(user)
    if confirmed_device(user) is not None:
        return None
    try:
        secret = bytes.fromhex(key)
    except ValueError:
        return None
    device = TOTPDevice(user_id=user.pk, name=DEVICE_NAME, key=key, confirmed=False)
    totp = TOTP(secret, device.step, device.t0, device.digits, device.drift)
    token = code.strip()
    if len(secret) != 20 or not token.isdigit() or not totp.verify(int(token), device.tolerance):
        return None
    device.confirmed, device.last_t = True, totp.t()
    TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).delete()  # from before
    device.save()
    record_change(membership, "user", membership.user.get_username(), "totp", "", "enrolled")
    return device


@transaction.atomic
def own_device_remove(user: User) -> bool:
    """A person turns their second factor off (a new phone: remove, then enrol again). Not
    where their role requires one: then only the administrator removes it (a lost phone).
    False: there was none."""
    membership = membership_of(user)
    if role_requires(user):
        raise MemberRefused(
            _(
                "Rolünüz için iki adımlı doğrulama zorunlu; kapatılamaz. Telefonunuzu "
                "kaybettiyseniz strateji birimi yöneticisine başvurun."
            )
        )
    return devices_remove(membership, user)


def code_check(user: User, code: str) -> TOTPDevice | None:
    """The confirmed device if the code is right now (each code works once)."""
    device = confirmed_device(user)
    if device is None:
        return None
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        return device if device.verify_token(code.strip()) else None


@transaction.atomic
def required_roles_set(*, user: User, roles: Collection[Role]) -> frozenset[Role]:
    """The administrator says which roles must use a second factor; each change is trailed."""
    actor = require(user, Capability.USERS_MANAGE)
    before = required_roles(user)
    wanted = frozenset(roles)
    for role in Role:
        if (role in before) == (role in wanted):
            continue
        if role in wanted:
            SecondFactorRule.objects.create(administration=actor.administration, role=role.value)
        else:
            SecondFactorRule.objects.filter(
                administration=actor.administration, role=role.value
            ).delete()
        record_change(
            actor, "totp", role.value, "required", str(role in before), str(role in wanted)
        )
    return wanted
