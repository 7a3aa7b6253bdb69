"""Rules for who may be a member with which role: pure, so the forms, the services and the
command line apply the same ones.

A clerk or a unit head works on units: without one they could see and do nothing, so such a
membership is refused rather than created empty. An administration must keep an active
administrator: the last one can neither deactivate nor demote themself (nor be deactivated or
demoted by anyone), or nobody would be left who can manage users.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from karne.core.permissions import UNIT_ROLES
from karne.core.workflow import Role


def needs_units(role: Role) -> bool:
    return role in UNIT_ROLES


def units_missing(role: Role, units: Collection[str]) -> bool:
    """A clerk or a head with no unit (other roles reach every unit and name none)."""
    return needs_units(role) and not units


@dataclass(frozen=True)
class Member:
    username: str
    role: Role
    active: bool


def leaves_no_admin(
    members: Collection[Member], username: str, *, role: Role, active: bool
) -> bool:
    """Whether giving `username` this role and active state would leave no active
    administrator (when there was one)."""
    before = [m for m in members if m.role is Role.ADMIN and m.active]
    after = [m for m in before if m.username != username]
    if role is Role.ADMIN and active:
        after.append(Member(username, role, active))
    return bool(before) and not after
