"""The reader's checks on a dataset held in memory, and the fields of a form parsed as cells."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from karne.core.records import Dataset, Unit, UnitLocation
from karne.dataformat.edits import dataset_problems, new_problems, parse_fields


def test_the_reference_dataset_has_no_problem_in_memory(reference: Dataset) -> None:
    assert dataset_problems(reference) == []


def test_a_problem_names_the_line_the_file_would_have(reference: Dataset) -> None:
    again = replace(reference.units[1], name="again")
    after = replace(reference, units=(*reference.units, again))
    [problem] = new_problems(reference, after)
    assert (problem.file, problem.line, problem.field) == (
        "units.csv",
        len(reference.units) + 2,
        "unit code",
    )


def test_only_the_edits_problems_are_its_own(reference: Dataset) -> None:
    """A problem already there is not reported again for an edit that does not touch it."""
    broken = replace(reference.units[-1], valid_from=2024, valid_to=2020)
    before = replace(reference, units=(*reference.units[:-1], broken))
    renamed = replace(before.units[1], name="Başka")
    after = replace(before, units=(before.units[0], renamed, *before.units[2:]))
    assert len(dataset_problems(after)) == 1
    assert new_problems(before, after) == []


def test_form_fields_parse_like_cells() -> None:
    raw = {
        "code": "A.B",
        "name": " Ad ",
        "parent": "",
        "location": "abroad",
        "is_spending_unit": "on",
        "sort": "3",
        "valid_from": "",
        "valid_to": "2030",
    }
    values, expected = parse_fields(Unit, raw, list(raw))
    assert expected == {}
    assert Unit(**values) == Unit("A.B", "Ad", None, UnitLocation.ABROAD, True, 3, None, 2030)
    values, expected = parse_fields(Unit, {**raw, "sort": "x", "code": "a b"}, ["sort", "code"])
    assert expected == {
        "code": "a code like YHGM.SGDB (at most 64 characters)",
        "sort": "a whole number of at most 18 digits",
    }
    assert values == {}


def test_a_list_of_codes_may_be_typed_with_commas() -> None:
    from karne.core.records import Objective, SPIndicator

    values, _ = parse_fields(
        Objective, {"responsible_units": "YGM, UKGM  GIB"}, ["responsible_units"]
    )
    assert values == {"responsible_units": ("YGM", "UKGM", "GIB")}
    values, expected = parse_fields(SPIndicator, {"weight": "100.5"}, ["weight"])
    assert expected == {"weight": "a number from 0 to 100"}
    values, _ = parse_fields(SPIndicator, {"baseline": Decimal("1.5")}, ["baseline"])
    assert values == {"baseline": Decimal("1.5")}
