"""What the users page lists: the administration's members, and the units one may be given."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from karne.accounts.access import User, require
from karne.accounts.models import ROLE_LABELS, Membership
from karne.core.permissions import Capability
from karne.core.workflow import Role
from karne.organisation.models import Unit


@dataclass(frozen=True)
class MemberRow:
    username: str
    full_name: str
    email: str
    role: Role
    role_label: str  # Turkish: the template translates it
    units: tuple[str, ...]
    active: bool
    last_login: datetime.datetime | None
    has_password: bool


def _row(m: Membership) -> MemberRow:
    user = m.user
    return MemberRow(
        username=user.username,
        full_name=user.get_full_name(),
        email=user.email,
        role=m.role_enum,
        role_label=ROLE_LABELS[m.role_enum],
        units=tuple(u.code for u in m.units.all()),
        active=user.is_active,
        last_login=user.last_login,
        has_password=user.has_usable_password(),
    )


def members_of(user: User) -> list[MemberRow]:
    """Every member of the manager's administration, by user name."""
    actor = require(user, Capability.USERS_MANAGE)
    rows = (
        Membership.objects.filter(administration=actor.administration)
        .select_related("user")
        .prefetch_related("units")
        .order_by("user__username")
    )
    return [_row(m) for m in rows]


def member_of(user: User, username: str) -> MemberRow | None:
    actor = require(user, Capability.USERS_MANAGE)
    found = (
        Membership.objects.filter(administration=actor.administration, user__username=username)
        .select_related("user")
        .prefetch_related("units")
        .first()
    )
    return None if found is None else _row(found)


def units_to_give(user: User) -> list[tuple[str, str]]:
    """(code, name) of the administration's units, in the documents' order."""
    actor = require(user, Capability.USERS_MANAGE)
    return list(
        Unit.objects.filter(administration=actor.administration)
        .order_by("position")
        .values_list("code", "name")
    )


def role_choices() -> list[tuple[str, str]]:
    """(value, Turkish label) of every role, the administrator first."""
    return [(r.value, ROLE_LABELS[r]) for r in Role]


def administration_codes() -> list[str]:
    """For the command line's first administrator: is there an administration, and which."""
    from karne.organisation.models import Administration

    return list(Administration.objects.order_by("code").values_list("code", flat=True))
