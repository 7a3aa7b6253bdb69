"""Permission-checked lookups: views never fetch a protected object any other way.

Every refusal raises PermissionDenied, so the view answers 403 and nothing is changed.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from karne.accounts.models import Membership
from karne.core.workflow import Role
from karne.organisation.models import Unit


def membership_of(user: AbstractBaseUser | AnonymousUser) -> Membership:
    if not user.is_authenticated:
        raise PermissionDenied
    membership = Membership.objects.select_related("administration").filter(user_id=user.pk).first()
    if membership is None:
        raise PermissionDenied
    return membership


def require_role(user: AbstractBaseUser | AnonymousUser, *roles: Role) -> Membership:
    membership = membership_of(user)
    if membership.role_enum not in roles:
        raise PermissionDenied
    return membership


def unit_codes_of(membership: Membership) -> set[str]:
    return set(membership.units.values_list("code", flat=True))


def unit_for(
    user: AbstractBaseUser | AnonymousUser, code: str, *, write: bool = False
) -> tuple[Membership, Unit]:
    """A unit the user may see (any role sees all units' read pages) or write for.

    Writing is for the unit's clerks and heads only; the strategy unit acts through workflow
    actions, not by editing a unit's values.
    """
    membership = membership_of(user)
    unit = Unit.objects.filter(administration=membership.administration, code=code).first()
    if unit is None:
        raise PermissionDenied
    if membership.role_enum in (Role.CLERK, Role.HEAD) and code not in unit_codes_of(membership):
        raise PermissionDenied
    if write and membership.role_enum is not Role.CLERK:
        raise PermissionDenied
    return membership, unit
