"""A user with a role (and units) in one transaction; the demo's users."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from karne.accounts.models import Membership
from karne.core.permissions import UNIT_ROLES
from karne.core.workflow import Role
from karne.organisation.models import Administration, Unit


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str
    role: Role
    units: tuple[str, ...]


@transaction.atomic
def member_create(
    *,
    administration: str,
    username: str,
    password: str,
    role: Role,
    units: Sequence[str] = (),
) -> Membership:
    admin = Administration.objects.get(code=administration)
    if role in UNIT_ROLES and not units:
        raise ValueError("clerks and unit heads need at least one unit")
    found = list(Unit.objects.filter(administration=admin, code__in=units))
    if len(found) != len(set(units)):
        raise ValueError(f"unknown unit among {', '.join(units)}")
    user = get_user_model().objects.create_user(username=username, password=password)
    membership = Membership.objects.create(user=user, administration=admin, role=role.value)
    membership.units.set(found)
    return membership


DEMO_USERS: tuple[tuple[str, Role, tuple[str, ...]], ...] = (
    ("strateji", Role.ADMIN, ()),
    ("amir.ygm", Role.HEAD, ("YGM",)),
    ("veri.ygm", Role.CLERK, ("YGM",)),
    ("veri.ukgm", Role.CLERK, ("UKGM",)),
    ("okur", Role.READER, ()),
)


def demo_users_create(*, administration: str) -> list[Credentials]:
    """One user per role (and a second clerk of another unit), each with a fresh password."""
    out = []
    for username, role, units in DEMO_USERS:
        password = secrets.token_urlsafe(12)
        member_create(
            administration=administration,
            username=username,
            password=password,
            role=role,
            units=units,
        )
        out.append(Credentials(username, password, role, units))
    return out
