from __future__ import annotations

from karne.core.members import Member, leaves_no_admin, units_missing
from karne.core.workflow import Role

A, B = Member("a", Role.ADMIN, True), Member("b", Role.ADMIN, True)
OFF = Member("c", Role.ADMIN, False)
CLERK = Member("d", Role.CLERK, True)


def test_clerks_and_heads_need_a_unit_the_others_none() -> None:
    assert units_missing(Role.CLERK, [])
    assert units_missing(Role.HEAD, ())
    assert not units_missing(Role.CLERK, ["YGM"])
    assert not units_missing(Role.ADMIN, [])
    assert not units_missing(Role.READER, [])


def test_the_last_active_administrator_stays() -> None:
    assert leaves_no_admin([A, OFF, CLERK], "a", role=Role.ADMIN, active=False)
    assert leaves_no_admin([A, CLERK], "a", role=Role.READER, active=True)
    assert not leaves_no_admin([A, B], "a", role=Role.READER, active=True)
    assert not leaves_no_admin([A, CLERK], "a", role=Role.ADMIN, active=True)  # no change
    assert not leaves_no_admin([A, CLERK], "d", role=Role.READER, active=False)
    assert not leaves_no_admin([A, OFF], "c", role=Role.ADMIN, active=True)  # reactivating


def test_an_administration_without_an_administrator_is_not_blocked() -> None:
    """Nothing to keep: the rule guards an administrator there is, not one there never was."""
    assert not leaves_no_admin([CLERK], "d", role=Role.READER, active=True)
