"""Why a change to the people of an administration was refused, in words for the person."""

from __future__ import annotations


class MemberRefused(Exception):
    """Nothing was changed. `field` names the input the message is about ("" for none)."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class LinkInvalid(Exception):
    """A set-password link that is malformed, expired, already used or replaced by a newer one."""
