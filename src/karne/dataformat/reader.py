"""Read a dataset folder into a `Dataset`, or raise `DatasetInvalid` with every problem found."""

from __future__ import annotations

from pathlib import Path

from karne.core.records import (
    ActivityCost,
    BudgetActivity,
    BudgetEconomic,
    BudgetUnit,
    Claim,
    Dataset,
    PPIndicator,
    PPIndicatorValue,
    PrintedFigure,
    Realization,
    Resource,
    SPIndicator,
    SPIndicatorValue,
    Unit,
)
from karne.dataformat import structure
from karne.dataformat.checks import check_dataset
from karne.dataformat.csvfiles import Row, read_table
from karne.dataformat.errors import Problems
from karne.dataformat.tables import FILES


def read_dataset(folder: Path | str) -> Dataset:
    """Parse and validate; the returned dataset is complete and internally consistent."""
    folder = Path(folder)
    problems = Problems()
    if not folder.is_dir():
        problems.add(str(folder), None, "", "a dataset folder", "no such folder")
        problems.raise_if_any()
    admin_code, documents = structure.read_manifest(folder, problems)
    administration = structure.read_administration(folder, problems)
    plans = structure.read_strategic_plans(folder, problems)
    programs = structure.read_programs(folder, problems)
    narratives = structure.read_narratives(folder, problems)
    rows = {name: read_table(folder, name, columns, problems) for name, columns in FILES.items()}
    if administration is not None and admin_code and administration.code != admin_code:
        problems.add(
            "administration.yaml",
            None,
            "code",
            f"the administration named in dataset.yaml ({admin_code!r})",
            repr(administration.code),
        )
    problems.raise_if_any()
    assert administration is not None  # a missing administration was reported above

    def records(name: str, build: type) -> tuple:  # type: ignore[type-arg]
        return tuple(build(**row.values) for row in rows[name])

    dataset = Dataset(
        administration=administration,
        documents=documents,
        units=records("units.csv", Unit),
        strategic_plans=plans,
        sp_indicators=records("sp_indicators.csv", SPIndicator),
        sp_indicator_values=records("sp_indicator_values.csv", SPIndicatorValue),
        program_structures=programs,
        pp_indicators=records("pp_indicators.csv", PPIndicator),
        pp_indicator_values=records("pp_indicator_values.csv", PPIndicatorValue),
        realizations=records("realizations.csv", Realization),
        activity_costs=records("activity_costs.csv", ActivityCost),
        budget_economic=records("budget_economic.csv", BudgetEconomic),
        budget_activity=records("budget_activity.csv", BudgetActivity),
        budget_unit=records("budget_unit.csv", BudgetUnit),
        resources=records("resources.csv", Resource),
        narratives=narratives,
        claims=records("claims.csv", Claim),
        printed=records("printed.csv", PrintedFigure),
    )
    check_dataset(dataset, rows, problems)
    problems.raise_if_any()
    return dataset


__all__ = ["Row", "read_dataset"]
