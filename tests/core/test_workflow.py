from __future__ import annotations

from decimal import Decimal as D

import pytest

from karne.core.indicators import IndicatorKind
from karne.core.periods import PeriodCode
from karne.core.workflow import (
    TRANSITIONS,
    Action,
    Role,
    State,
    TransitionRefused,
    actions_for,
    is_editable,
    needs_explanation,
    transition,
)

Q1, Q2 = PeriodCode.Q1, PeriodCode.Q2


def test_the_happy_path() -> None:
    state = State.DRAFT
    for action, role in [
        (Action.SUBMIT, Role.CLERK),
        (Action.HEAD_APPROVE, Role.HEAD),
        (Action.ADMIN_APPROVE, Role.ADMIN),
    ]:
        state = transition(state, action, role)
    assert state is State.LOCKED
    assert not is_editable(state)


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", list(Role))
def test_only_the_table_moves(state: State, action: Action, role: Role) -> None:
    move = TRANSITIONS.get((state, action))
    if move is None or move.role is not role:
        with pytest.raises(TransitionRefused):
            transition(state, action, role, reason="gerekçe")
    else:
        assert transition(state, action, role, reason="gerekçe") is move.target


def test_returns_and_reopening_need_a_reason() -> None:
    with pytest.raises(TransitionRefused, match="reason"):
        transition(State.LOCKED, Action.REOPEN, Role.ADMIN, reason="  ")
    assert transition(State.SUBMITTED, Action.HEAD_RETURN, Role.HEAD, "eksik") is State.DRAFT


def test_readers_never_act_and_buttons_follow_the_table() -> None:
    assert all(actions_for(state, Role.READER) == [] for state in State)
    assert actions_for(State.UNIT_APPROVED, Role.ADMIN) == [
        Action.ADMIN_APPROVE,
        Action.ADMIN_RETURN,
    ]


def test_explanation_when_off_pace_below_or_above() -> None:
    tol = D("0.10")
    # a flow with a yearly target of 400 should be at 100 after the first quarter
    assert not needs_explanation(IndicatorKind.FLOW, D(400), D(95), Q1, tol)
    assert needs_explanation(IndicatorKind.FLOW, D(400), D(80), Q1, tol)
    assert needs_explanation(IndicatorKind.FLOW, D(400), D(150), Q1, tol)  # above needs it too
    assert not needs_explanation(IndicatorKind.STOCK, D(16), D(15), Q2, tol)
    assert not needs_explanation(IndicatorKind.FLOW, None, D(1), Q1, tol)


def test_a_zero_target_needs_an_explanation_when_missed() -> None:
    assert needs_explanation(IndicatorKind.FLOW, D(0), D(3), Q1, D("0.1"))
    assert not needs_explanation(IndicatorKind.FLOW, D(0), D(0), Q1, D("0.1"))
