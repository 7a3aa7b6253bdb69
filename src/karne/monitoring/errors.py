"""Why a monitoring action was refused, in words for the person who tried it."""

from __future__ import annotations

from decimal import Decimal


class Refused(Exception):
    """The action is not possible now (locked period, missing explanation, wrong state).

    `field` names the input the message is about ("value", "parts", "exp"; "" for none), and
    `confirmable` says that the same entry is saved once the person confirms it.
    """

    def __init__(self, message: str = "", *, field: str = "", confirmable: bool = False) -> None:
        super().__init__(message)
        self.field = field
        self.confirmable = confirmable


class Conflict(Exception):
    """Someone saved the same value since this form was opened: nothing was overwritten."""

    def __init__(self, current: Decimal | None, yours: Decimal | None, by: str) -> None:
        super().__init__(f"current {current}, yours {yours}, saved by {by}")
        self.current = current
        self.yours = yours
        self.by = by
