"""Who may do what, as one table: capability × role → none, own units, or all.

Every check of the application reads this table: the permission-checked lookups of
`accounts/access.py`, the services, the selectors that list what a person may see, the template
tag that hides what a person may not use, `docs/web.md` (a test compares it) and the permission
matrix tests (generated from it). The workflow's moves are capabilities too, derived from
`workflow.TRANSITIONS`, so the role that may make a move is written once.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import StrEnum

from karne.core.workflow import TRANSITIONS, Action, Role


class Capability(StrEnum):
    HOME_VIEW = "home.view"
    ENTRY_VIEW = "entry.view"
    ENTRY_EDIT = "entry.edit"
    OVERVIEW_VIEW = "overview.view"
    INDICATOR_VIEW = "indicator.view"
    TARGET_SET = "target.set"
    WEIGHT_SET = "weight.set"
    BUDGET_VIEW = "budget.view"
    TRAIL_VIEW = "trail.view"
    PERIOD_OPEN = "period.open"
    STRUCTURE_VIEW = "structure.view"
    STRUCTURE_EDIT = "structure.edit"
    USERS_MANAGE = "users.manage"
    PREPARATION_VIEW = "preparation.view"
    PREPARATION_EDIT = "preparation.edit"
    PREPARATION_MANAGE = "preparation.manage"
    DOCUMENTS_VIEW = "documents.view"
    DOCUMENTS_BUILD = "documents.build"
    NARRATIVE_VIEW = "narrative.view"
    NARRATIVE_EDIT = "narrative.edit"
    NARRATIVE_REVIEW = "narrative.review"
    COMPUTED_STORE = "computed.store"
    RESTATEMENT_DECIDE = "restatement.decide"
    CORRECTION_SET = "correction.set"


class Scope(StrEnum):
    NONE = "none"
    OWN = "own"  # the units of the person's membership
    ALL = "all"  # every unit of the person's administration


Permission = Capability | Action

# Roles whose membership names units: their reach is those units.
UNIT_ROLES = frozenset({Role.CLERK, Role.HEAD})

_N, _O, _A = Scope.NONE, Scope.OWN, Scope.ALL

# columns: administrator, unit head, clerk, reader
_PAGES: dict[Capability, tuple[Scope, Scope, Scope, Scope]] = {
    Capability.HOME_VIEW: (_A, _O, _O, _A),
    Capability.ENTRY_VIEW: (_A, _O, _O, _A),
    Capability.ENTRY_EDIT: (_N, _N, _O, _N),
    Capability.OVERVIEW_VIEW: (_A, _O, _O, _A),
    Capability.INDICATOR_VIEW: (_A, _O, _O, _A),
    Capability.TARGET_SET: (_A, _N, _N, _N),
    Capability.WEIGHT_SET: (_A, _N, _N, _N),
    Capability.BUDGET_VIEW: (_A, _A, _N, _A),
    Capability.TRAIL_VIEW: (_A, _N, _N, _A),
    Capability.PERIOD_OPEN: (_A, _N, _N, _N),
    Capability.STRUCTURE_VIEW: (_A, _A, _A, _A),
    Capability.STRUCTURE_EDIT: (_A, _N, _N, _N),
    Capability.USERS_MANAGE: (_A, _N, _N, _N),
    # Next year's programme: the units propose, the strategy unit opens, sets ceilings, locks.
    Capability.PREPARATION_VIEW: (_A, _O, _O, _A),
    Capability.PREPARATION_EDIT: (_N, _N, _O, _N),
    Capability.PREPARATION_MANAGE: (_A, _N, _N, _N),
    Capability.DOCUMENTS_VIEW: (_A, _A, _A, _A),
    Capability.DOCUMENTS_BUILD: (_A, _N, _N, _N),
    # The documents' text: each unit writes the sections it answers for (the strategy unit any,
    # and those no unit answers for); the strategy unit assigns, returns and approves.
    Capability.NARRATIVE_VIEW: (_A, _A, _A, _A),
    Capability.NARRATIVE_EDIT: (_A, _O, _O, _N),
    Capability.NARRATIVE_REVIEW: (_A, _N, _N, _N),
    # Figures computed from the operational events: the strategy unit stores them (a batch
    # job), and decides on those that differ from a quarter already sent or approved.
    Capability.COMPUTED_STORE: (_A, _N, _N, _N),
    Capability.RESTATEMENT_DECIDE: (_A, _N, _N, _N),
    # A reported value's note on the published document's slip it corrects: the strategy
    # unit's, which publishes the documents (the value itself stays the unit's).
    Capability.CORRECTION_SET: (_A, _N, _N, _N),
}
_COLUMNS = (Role.ADMIN, Role.HEAD, Role.CLERK, Role.READER)


def _workflow() -> dict[Permission, dict[Role, Scope]]:
    """A move is for the one role the transition table names: its own units, or all units
    for a role that is not bound to units."""
    out: dict[Permission, dict[Role, Scope]] = {}
    for (_, action), move in TRANSITIONS.items():
        row = out.setdefault(action, dict.fromkeys(Role, Scope.NONE))
        row[move.role] = Scope.OWN if move.role in UNIT_ROLES else Scope.ALL
    return out


PERMISSIONS: Mapping[Permission, Mapping[Role, Scope]] = {
    **{cap: dict(zip(_COLUMNS, row, strict=True)) for cap, row in _PAGES.items()},
    **_workflow(),
}


def scope_of(role: Role, permission: Permission) -> Scope:
    return PERMISSIONS[permission][role]


def may(role: Role, permission: Permission) -> bool:
    """Whether the role may use the capability at all (for some unit)."""
    return scope_of(role, permission) is not Scope.NONE


def allows(role: Role, permission: Permission, unit: str | None, own: Collection[str]) -> bool:
    """Whether the role may use the capability on a unit's object (`unit` None: an object no
    unit owns, which only an all-units scope reaches)."""
    scope = scope_of(role, permission)
    if scope is Scope.ALL:
        return True
    return scope is Scope.OWN and unit is not None and unit in own
