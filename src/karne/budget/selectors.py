"""Reads of budget execution for the pages: only the tables a page needs, computed by the core."""

from __future__ import annotations

from karne.budget.models import BudgetEconomic
from karne.core.budget_tables import BudgetTables, budget_tables
from karne.datasets.selectors import dataset_read
from karne.organisation.models import Administration

# What karne.core.budget_tables reads besides the programme structure.
_EXECUTION_TABLES = (
    "units",
    "budget_economic",
    "budget_activity",
    "budget_unit",
    "budget_carryover",
)


def execution_tables(administration: Administration, year: int) -> BudgetTables:
    dataset = dataset_read(administration=administration.code, tables=_EXECUTION_TABLES)
    return budget_tables(dataset, year)


def latest_execution_year(administration: Administration) -> int | None:
    """The latest year with spending recorded (the budget page the menu links)."""
    return (
        BudgetEconomic.objects.filter(administration=administration, spent__isnull=False)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
