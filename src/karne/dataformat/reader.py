"""Read a dataset folder into a `Dataset`, or raise `DatasetInvalid` with every problem found."""

from __future__ import annotations

from pathlib import Path

from karne.core.records import Dataset
from karne.dataformat import structure
from karne.dataformat.checks import check_dataset
from karne.dataformat.csvfiles import Row, Rows, read_table
from karne.dataformat.definitions import FILENAME as DEFINITIONS
from karne.dataformat.definitions import read_definitions_into
from karne.dataformat.errors import Problems
from karne.dataformat.tables import TABLES


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
    rows = {t.file: read_table(folder, t.file, t.columns, problems, t.record) for t in TABLES}
    definitions = ""
    if (folder / DEFINITIONS).exists() or (folder / DEFINITIONS).is_symlink():
        # Optional; checked with the rest, stored as written (docs/indicators.md).
        codes = {r.code for r in rows["pp_indicators.csv"].records}
        before = len(problems.items)
        read_definitions_into(folder, DEFINITIONS, problems, codes)
        if len(problems.items) == before:
            definitions = (folder / DEFINITIONS).read_text(encoding="utf-8")
    if administration is not None and admin_code and administration.code != admin_code:
        problems.add(
            "administration.yaml",
            None,
            "code",
            f"the administration named in dataset.yaml ({admin_code!r})",
            repr(administration.code),
        )
    if administration is None and not problems.items:
        problems.add("administration.yaml", None, "", "an administration", "none")
    problems.raise_if_any()
    assert administration is not None  # reported above otherwise

    dataset = Dataset(
        administration=administration,
        documents=documents,
        strategic_plans=plans,
        program_structures=programs,
        narratives=narratives,
        indicator_definitions=definitions,
        **{t.attr: tuple(rows[t.file].records) for t in TABLES},
    )
    check_dataset(dataset, rows, problems)
    problems.raise_if_any()
    return dataset


__all__ = ["Row", "Rows", "read_dataset"]
