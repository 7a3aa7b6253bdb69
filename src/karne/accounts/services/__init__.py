"""Writes for accounts, each in one transaction: members, the users page's changes, the
set-password links and the first administrator of the command line."""

from __future__ import annotations

from karne.accounts.services.links import link_user, password_set
from karne.accounts.services.members import (
    DEMO_USERS,
    Credentials,
    demo_users_create,
    member_create,
)
from karne.accounts.services.users import (
    Link,
    admin_create,
    user_active_set,
    user_invite,
    user_link_issue,
    user_role_set,
    user_second_factor_reset,
)

__all__ = [
    "DEMO_USERS",
    "Credentials",
    "Link",
    "admin_create",
    "demo_users_create",
    "link_user",
    "member_create",
    "password_set",
    "user_active_set",
    "user_invite",
    "user_link_issue",
    "user_role_set",
    "user_second_factor_reset",
]
