"""The quarterly monitoring workflow as a transition table.

A unit's submission for a period moves: taslak → birim amirine gönderildi → strateji biriminde
→ onaylandı ve kilitlendi. Returns and reopening go back to taslak with a required reason. Each
move is allowed to one role only; everything else is refused here, before any database is touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from karne.core.indicators import IndicatorKind, expected_to_date
from karne.core.periods import PeriodCode


class Role(StrEnum):
    ADMIN = "admin"  # strateji birimi yöneticisi: opens periods, approves and locks, reopens
    HEAD = "head"  # birim amiri: approves or returns the unit's submission
    CLERK = "clerk"  # veri giriş personeli: enters values and explanations, submits
    READER = "reader"  # üst yönetim, denetçi: reads


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNIT_APPROVED = "unit_approved"
    LOCKED = "locked"


class Action(StrEnum):
    SUBMIT = "submit"
    HEAD_APPROVE = "head_approve"
    HEAD_RETURN = "head_return"
    ADMIN_APPROVE = "admin_approve"
    ADMIN_RETURN = "admin_return"
    REOPEN = "reopen"


@dataclass(frozen=True)
class Transition:
    target: State
    role: Role
    needs_reason: bool = False


TRANSITIONS: dict[tuple[State, Action], Transition] = {
    (State.DRAFT, Action.SUBMIT): Transition(State.SUBMITTED, Role.CLERK),
    (State.SUBMITTED, Action.HEAD_APPROVE): Transition(State.UNIT_APPROVED, Role.HEAD),
    (State.SUBMITTED, Action.HEAD_RETURN): Transition(State.DRAFT, Role.HEAD, needs_reason=True),
    (State.UNIT_APPROVED, Action.ADMIN_APPROVE): Transition(State.LOCKED, Role.ADMIN),
    (State.UNIT_APPROVED, Action.ADMIN_RETURN): Transition(
        State.DRAFT, Role.ADMIN, needs_reason=True
    ),
    (State.LOCKED, Action.REOPEN): Transition(State.DRAFT, Role.ADMIN, needs_reason=True),
}

STATE_LABELS = {
    State.DRAFT: "Taslak",
    State.SUBMITTED: "Birim amirinin onayında",
    State.UNIT_APPROVED: "Strateji biriminin onayında",
    State.LOCKED: "Onaylandı ve kilitlendi",
}


class Refusal(StrEnum):
    """Why a move was refused: the caller turns each into its own answer."""

    NOT_FROM_STATE = "not_from_state"  # the table has no such move from this state
    WRONG_ROLE = "wrong_role"  # the move is another role's
    NEEDS_REASON = "needs_reason"  # the move needs a written reason


class TransitionRefused(Exception):
    """The move is not in the table, not for this role, or lacks its reason."""

    def __init__(self, reason: Refusal, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def transition(state: State, action: Action, role: Role, reason: str = "") -> State:
    move = TRANSITIONS.get((state, action))
    if move is None:
        raise TransitionRefused(
            Refusal.NOT_FROM_STATE, f"'{action.value}' is not possible from '{state.value}'"
        )
    if move.role is not role:
        raise TransitionRefused(
            Refusal.WRONG_ROLE, f"'{action.value}' is for the role '{move.role.value}'"
        )
    if move.needs_reason and not reason.strip():
        raise TransitionRefused(Refusal.NEEDS_REASON, f"'{action.value}' needs a reason")
    return move.target


def actions_for(state: State, role: Role) -> list[Action]:
    """The moves a role can make from a state, in table order (for buttons)."""
    return [a for (s, a), t in TRANSITIONS.items() if s is state and t.role is role]


def needs_reason(action: Action) -> bool:
    """Whether a move needs a written reason (the same for every state it leaves)."""
    return any(t.needs_reason for (_, a), t in TRANSITIONS.items() if a is action)


def _forward(source: State, move: Transition) -> bool:
    order = list(State)
    return order.index(move.target) > order.index(source)


def awaited_states(role: Role) -> frozenset[State]:
    """The states in which a submission waits for this role: those it moves forward from."""
    return frozenset(s for (s, _), t in TRANSITIONS.items() if t.role is role and _forward(s, t))


EDITABLE_STATES = frozenset(s for (s, a) in TRANSITIONS if a is Action.SUBMIT)


def is_editable(state: State) -> bool:
    """Values can be entered while the submission can still be submitted."""
    return state in EDITABLE_STATES


def needs_explanation(
    kind: IndicatorKind,
    target: Decimal | None,
    value_to_date: Decimal | None,
    period: PeriodCode,
    tolerance: Decimal,
) -> bool:
    """True when the value is off the pace the target needs by more than the tolerance share,
    below or above (an over-achievement needs explaining as much as a shortfall)."""
    if target is None or value_to_date is None:
        return False
    expected = expected_to_date(kind, target, period)
    if expected == 0:
        return value_to_date != 0
    return abs(value_to_date / expected - 1) > tolerance
