"""Moving a unit's submission through the transition table."""

from __future__ import annotations

from typing import Protocol

from django.db import transaction
from django.utils.translation import gettext as _

from karne.accounts.access import (
    User,
    require,
    submission_by_id,
)
from karne.core.workflow import (
    STATE_LABELS,
    Action,
    Refusal,
    State,
    TransitionRefused,
    transition,
)
from karne.monitoring.errors import Refused
from karne.monitoring.models import Submission
from karne.monitoring.prep_selectors import prep_cells
from karne.monitoring.selectors import entry_rows
from karne.monitoring.services.sp import sp_values_approve
from karne.monitoring.services.trail import record_change
from karne.monitoring.sp_selectors import sp_entry_rows


class Problem(Protocol):
    """A row of any form, as the submit check reads it."""

    @property
    def code(self) -> str: ...
    @property
    def problem(self) -> str: ...


def _refusal(reason: Refusal, submission: Submission) -> str:
    if reason is Refusal.NOT_FROM_STATE:
        return _("Bu işlem şu durumda yapılamaz: %(state)s.") % {
            "state": _(STATE_LABELS[submission.state_enum])
        }
    if reason is Refusal.NEEDS_REASON:
        return _("Bu işlem için bir gerekçe yazın.")
    return _("Bu işlem sizin rolünüz için değil.")


@transaction.atomic
def submission_act(
    *, user: User, submission_id: int, action: Action, reason: str = ""
) -> Submission:
    """Move a unit's submission through the workflow (the table lives in karne.core.workflow)."""
    membership = require(user, action)
    submission = submission_by_id(membership, submission_id, action, for_update=True)
    try:
        target = transition(submission.state_enum, action, membership.role_enum, reason)
    except TransitionRefused as exc:
        raise Refused(_refusal(exc.reason, submission)) from exc
    period = submission.period
    if period.is_preparation and period.locked_at is not None:
        raise Refused(_("Program kilitlendi; başvurular değiştirilemez."))
    if action is Action.SUBMIT:
        if period.is_preparation:
            missing: list[Problem] = list(prep_cells(period, submission.unit))
        elif period.is_sp:
            missing = list(sp_entry_rows(period, submission.unit))
        else:
            missing = list(entry_rows(period, submission.unit))
        missing = [r for r in missing if r.problem]
        if missing:
            names = ", ".join(f"{r.code} ({r.problem})" for r in missing)
            raise Refused(_("Gönderilemez; eksikler: %(names)s.") % {"names": names})
    old = submission.state
    submission.state = target.value
    submission.comment = reason.strip()
    submission.save()
    key = f"{period.key}/{submission.unit.code}"
    record_change(membership, "submission", key, "state", old, target.value, reason.strip())
    if period.is_sp and target is State.LOCKED:
        sp_values_approve(membership, submission)  # the approved values become the year's C
    return submission
