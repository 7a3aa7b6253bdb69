"""One edit of a dataset, checked by the reader's own rules: the web edits a record, not a file.

A form's fields are parsed by the same parsers as a file's cells (`values.parser_for`, from the
record's type), and the dataset after the edit goes through the same cross-record checks
(`checks.check_dataset`) on rows built from its records, with the line numbers the written file
would have. So whatever the web saves, `read_dataset` accepts once exported, and a rule added to
the reader applies to the web at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from typing import Any

from karne.core.records import Dataset
from karne.core.schema import Kind, field_specs
from karne.dataformat.checks import check_dataset
from karne.dataformat.csvfiles import Rows
from karne.dataformat.errors import Problem, Problems
from karne.dataformat.tables import TABLES
from karne.dataformat.values import BadValue, parser_for


def dataset_problems(dataset: Dataset) -> list[Problem]:
    """Every problem the reader's cross-record checks find in a dataset held in memory."""
    rows = {}
    for table in TABLES:
        table_rows = Rows(table.file)
        for i, record in enumerate(getattr(dataset, table.attr)):
            table_rows.append(record, i + 2)  # line 1 is the header
        rows[table.file] = table_rows
    problems = Problems()
    check_dataset(dataset, rows, problems)
    return problems.items


def new_problems(before: Dataset, after: Dataset) -> list[Problem]:
    """The problems an edit brings: those of `after` that `before` did not have (lines aside,
    as removing a row moves the ones after it). A problem already stored is not the edit's."""
    old = Counter(_where(p) for p in dataset_problems(before))
    out = []
    for problem in dataset_problems(after):
        key = _where(problem)
        if old[key]:
            old[key] -= 1
        else:
            out.append(problem)
    return out


def _where(problem: Problem) -> tuple[str, str, str, str]:
    return (problem.file, problem.field, problem.expected, problem.found)


def parse_fields(
    record: type, raw: Mapping[str, Any], names: Collection[str]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The named fields of a record parsed from a form, as the reader parses a file's cells:
    the values that parsed, and for each field that did not, what was expected (the reader's
    words). A list of codes may be typed separated by commas or spaces; a missing check box
    is false."""
    values: dict[str, Any] = {}
    expected: dict[str, str] = {}
    for spec in field_specs(record):
        if spec.name not in names:
            continue
        value = raw.get(spec.name)
        if spec.kind is Kind.BOOLEAN:
            value = "true" if value in ("true", "on", "1", True) else "false"
        elif spec.kind is Kind.CODES and isinstance(value, str):
            value = [code for code in value.replace(",", " ").split() if code]
        elif spec.kind is Kind.TEXTS and isinstance(value, str):
            value = [line.strip() for line in value.splitlines() if line.strip()]
        try:
            values[spec.name] = parser_for(spec)(value)
        except BadValue as exc:
            expected[spec.name] = exc.expected
    return values, expected
