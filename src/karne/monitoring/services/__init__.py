"""Writes of the monitoring workflow. Each is one transaction: permission check, change, trail.

Views, the command line and the admin call these; nothing else writes monitoring data.
"""

from __future__ import annotations

from karne.core.periods import PeriodCode
from karne.monitoring.errors import Conflict, Refused
from karne.monitoring.services.corrections import correction_set
from karne.monitoring.services.entries import (
    EntriesRefused,
    EntryInput,
    entries_check,
    entries_save,
    realization_save,
)
from karne.monitoring.services.periods import period_open, period_remove
from karne.monitoring.services.preparation import preparation_open
from karne.monitoring.services.proposals import ceilings_set, preparation_lock, preparation_save
from karne.monitoring.services.sp import sp_entries_save, sp_period_open, sp_period_remove
from karne.monitoring.services.targets import sp_weight_set, target_set
from karne.monitoring.services.workflow import submission_act

__all__ = [
    "Conflict",
    "EntriesRefused",
    "EntryInput",
    "PeriodCode",
    "Refused",
    "ceilings_set",
    "correction_set",
    "entries_check",
    "entries_save",
    "period_open",
    "period_remove",
    "preparation_lock",
    "preparation_open",
    "preparation_save",
    "realization_save",
    "sp_entries_save",
    "sp_period_open",
    "sp_period_remove",
    "sp_weight_set",
    "submission_act",
    "target_set",
]
