"""Why a monitoring action was refused, in words for the person who tried it."""

from __future__ import annotations

from decimal import Decimal


class Refused(Exception):
    """The action is not possible now (locked period, missing explanation, wrong state)."""


class Conflict(Exception):
    """Someone saved the same value since this form was opened: nothing was overwritten."""

    def __init__(self, current: Decimal | None, yours: Decimal | None, by: str) -> None:
        super().__init__(f"current {current}, yours {yours}, saved by {by}")
        self.current = current
        self.yours = yours
        self.by = by
