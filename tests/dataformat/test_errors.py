"""Each kind of bad input gives one clear message naming file, line, field, expected, found."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import pytest

from karne.core.records import BudgetActivity, Dataset
from karne.dataformat import DatasetInvalid, Problem, read_dataset, write_dataset
from tests.dataformat.conftest import replace_in


def problems_of(folder: Path) -> list[Problem]:
    with pytest.raises(DatasetInvalid) as info:
        read_dataset(folder)
    return info.value.problems


def test_the_reference_dataset_is_valid(reference_path: Path) -> None:
    dataset = read_dataset(reference_path)
    assert len(dataset.pp_indicators) == 22


def test_broken_yaml(dataset_copy: Path) -> None:
    replace_in(dataset_copy / "programs.yaml", "- year: 2023", "- year: [2023")
    [problem] = problems_of(dataset_copy)
    assert problem.file == "programs.yaml"
    assert problem.line is not None
    assert problem.expected == "valid YAML"
    assert "syntax error" in problem.found


def test_unknown_unit(dataset_copy: Path) -> None:
    path = dataset_copy / "pp_indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    line_no = next(i for i, line in enumerate(lines, 1) if line.startswith("GYH-03,"))
    replace_in(path, ",UKGM,GÖÇ İDARESİ BAŞKANLIĞI,UKGM,", ",UKGM,GÖÇ İDARESİ BAŞKANLIĞI,XYZGM,")
    [problem] = problems_of(dataset_copy)
    assert problem == Problem(
        "pp_indicators.csv",
        line_no,
        "responsible_unit",
        "the code of a unit in units.csv",
        "'XYZGM'",
    )
    assert str(problem).startswith(f"pp_indicators.csv, line {line_no}, field 'responsible_unit'")


def test_duplicate_code(dataset_copy: Path) -> None:
    path = dataset_copy / "units.csv"
    text = path.read_text(encoding="utf-8")
    again = "YGM,Yabancılar Genel Müdürlüğü (again),GIB,central,false,99,,\n"
    path.write_text(text + again, "utf-8")
    [problem] = problems_of(dataset_copy)
    assert problem.file == "units.csv"
    assert problem.line == len(text.splitlines()) + 1
    assert problem.field == "unit code"
    assert "first used on line 3" in problem.expected
    assert problem.found == "'YGM'"


def test_text_where_a_number_belongs(dataset_copy: Path) -> None:
    replace_in(
        dataset_copy / "realizations.csv", "GYH-01,2023,Q1,1237803,", "GYH-01,2023,Q1,bir milyon,"
    )
    [problem] = problems_of(dataset_copy)
    assert problem.file == "realizations.csv"
    assert problem.line == 2
    assert problem.field == "value"
    assert problem.expected.startswith("a number written like 1234567.89")
    assert problem.found == "'bir milyon'"


def test_turkish_number_formatting_is_refused(dataset_copy: Path) -> None:
    replace_in(
        dataset_copy / "realizations.csv", "GYH-01,2023,Q1,1237803,", "GYH-01,2023,Q1,1.237.803,"
    )
    replace_in(dataset_copy / "budget_unit.csv", ",26400000,", ',"26.400.000,00",')
    problems = problems_of(dataset_copy)
    assert [(p.file, p.line, p.field, p.found) for p in problems] == [
        ("realizations.csv", 2, "value", "'1.237.803'"),
        ("budget_unit.csv", 3, "kbo", "'26.400.000,00'"),
    ]


def test_missing_required_file(dataset_copy: Path) -> None:
    (dataset_copy / "budget_unit.csv").unlink()
    [problem] = problems_of(dataset_copy)
    assert problem == Problem("budget_unit.csv", None, "", "this required file", "no such file")


def test_wrong_enum_and_boolean(dataset_copy: Path) -> None:
    replace_in(
        dataset_copy / "units.csv",
        "YGM,Yabancılar Genel Müdürlüğü,GIB,central,true,",
        "YGM,Yabancılar Genel Müdürlüğü,GIB,merkez,evet,",
    )
    problems = problems_of(dataset_copy)
    assert {(p.field, p.found) for p in problems} >= {
        ("location", "'merkez'"),
        ("is_spending_unit", "'evet'"),
    }
    assert all(p.line == 3 for p in problems if p.file == "units.csv")


def test_missing_column(dataset_copy: Path) -> None:
    replace_in(
        dataset_copy / "budget_activity.csv", "year,activity,kbo,", "year,activity,kbo_odenek,"
    )
    problems = problems_of(dataset_copy)
    assert {(p.file, p.line, p.field) for p in problems} == {
        ("budget_activity.csv", 1, "kbo"),
        ("budget_activity.csv", 1, "kbo_odenek"),
    }


def test_duplicate_yaml_key(dataset_copy: Path) -> None:
    replace_in(
        dataset_copy / "administration.yaml",
        "code: goc-idaresi\n",
        "code: goc-idaresi\ncode: baska\n",
    )
    problems = problems_of(dataset_copy)
    assert any(p.field == "code" and p.found == "a duplicate key" for p in problems)


def test_unknown_yaml_key_and_reference(dataset_copy: Path) -> None:
    replace_in(dataset_copy / "programs.yaml", "sp_aims:\n", "sp_aim:\n")
    problems = problems_of(dataset_copy)
    assert any(p.file == "programs.yaml" and "sp_aim" in p.field for p in problems)


def test_year_value_only_for_ratios(dataset_copy: Path) -> None:
    path = dataset_copy / "realizations.csv"
    path.write_text(path.read_text("utf-8") + "GYH-01,2023,Y,1009098,,,,\n", "utf-8")
    [problem] = problems_of(dataset_copy)
    assert problem.field == "period"
    assert problem.found == "'Y'"


def test_every_problem_is_reported_in_one_run(dataset_copy: Path) -> None:
    (dataset_copy / "resources.csv").unlink()
    replace_in(dataset_copy / "realizations.csv", "GYH-01,2023,Q1,1237803,", "GYH-01,2023,Q1,x,")
    replace_in(dataset_copy / "dataset.yaml", "karne-dataset/1", "karne-dataset/9")
    problems = problems_of(dataset_copy)
    assert {p.file for p in problems} == {"resources.csv", "realizations.csv", "dataset.yaml"}


def test_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path / "nope")
    assert problem.found == "no such folder"


def test_execution_of_an_activity_outside_the_years_programme_is_refused(
    reference: Dataset, tmp_path: Path
) -> None:
    stray = BudgetActivity(2022, "GY.GYH.VERI", D(1), D(1), D(1), "FR2023")
    write_dataset(replace(reference, budget_activity=(*reference.budget_activity, stray)), tmp_path)
    [problem] = problems_of(tmp_path)
    assert (problem.file, problem.field) == ("budget_activity.csv", "activity")
    assert "2022 programme" in problem.expected


def test_a_unit_that_is_its_own_parent(dataset_copy: Path) -> None:
    replace_in(
        dataset_copy / "units.csv",
        "YGM,Yabancılar Genel Müdürlüğü,GIB,",
        "YGM,Yabancılar Genel Müdürlüğü,YGM,",
    )
    [problem] = problems_of(dataset_copy)
    assert (problem.file, problem.line, problem.field, problem.found) == (
        "units.csv",
        3,
        "parent",
        "the unit itself",
    )


def test_units_whose_parents_form_a_cycle(dataset_copy: Path) -> None:
    replace_in(
        dataset_copy / "units.csv",
        "YGM,Yabancılar Genel Müdürlüğü,GIB,",
        "YGM,Yabancılar Genel Müdürlüğü,YGM.IIDB,",
    )
    found = problems_of(dataset_copy)
    assert [(p.line, p.found) for p in found] == [
        (3, "a cycle through 'YGM'"),
        (4, "a cycle through 'YGM.IIDB'"),
    ]


def test_a_realization_outside_the_programme_years(dataset_copy: Path) -> None:
    replace_in(dataset_copy / "realizations.csv", "GYH-01,2023,Q1,", "GYH-01,1999,Q1,")
    [problem] = problems_of(dataset_copy)
    assert problem == Problem("realizations.csv", 2, "year", "a year of programs.yaml", "1999")


def test_a_year_far_from_the_dataset_s_years(dataset_copy: Path) -> None:
    replace_in(dataset_copy / "budget_unit.csv", "2023,OKM,", "2099,OKM,")
    [problem] = problems_of(dataset_copy)
    assert problem == Problem("budget_unit.csv", 2, "year", "a year from 2020 to 2026", "2099")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("2023,OKM,150000,", "2023,OKM,-150000,", "kbo"),
        ("2023,OKM,150000,", "2023,OKM," + "1" * 51 + ",", "kbo"),
    ],
)
def test_negative_or_overlong_money(dataset_copy: Path, old: str, new: str, field: str) -> None:
    replace_in(dataset_copy / "budget_unit.csv", old, new)
    [problem] = problems_of(dataset_copy)
    assert (problem.file, problem.line, problem.field) == ("budget_unit.csv", 2, field)
    assert len(problem.found) <= 100


def test_a_weight_over_a_hundred(dataset_copy: Path) -> None:
    replace_in(dataset_copy / "sp_indicators.csv", "adet,15,3,", "adet,150,3,")
    [problem] = problems_of(dataset_copy)
    assert (problem.field, problem.expected) == ("weight", "a number from 0 to 100")


def test_a_unit_valid_to_before_valid_from(dataset_copy: Path) -> None:
    replace_in(dataset_copy / "units.csv", "central,false,1,,\n", "central,false,1,2024,2020\n")
    [problem] = problems_of(dataset_copy)
    assert (problem.file, problem.line, problem.field) == ("units.csv", 2, "valid_to")
    assert (problem.expected, problem.found) == ("a year ≥ 2024", "2020")


def test_a_unit_validity_year_must_be_a_year(dataset_copy: Path) -> None:
    replace_in(dataset_copy / "units.csv", "central,false,1,,\n", "central,false,1,19,\n")
    [problem] = problems_of(dataset_copy)
    assert (problem.field, problem.expected) == ("valid_from", "a year between 1900 and 2200")


def test_an_activity_serves_objectives_of_its_own_sub_program(dataset_copy: Path) -> None:
    replace_in(
        dataset_copy / "programs.yaml",
        "        objectives:\n        - GY.GYH.H4\n",
        "        objectives:\n        - GY.DG.H1\n",
    )
    [problem] = problems_of(dataset_copy)
    assert problem == Problem(
        "programs.yaml",
        None,
        "GY.GYH.VERI.objectives",
        "an objective code of GY.GYH",
        "'GY.DG.H1'",
    )


def test_a_duty_names_a_unit_and_ends_no_earlier_than_it_starts(dataset_copy: Path) -> None:
    path = dataset_copy / "duties.csv"
    text = path.read_text("utf-8")
    path.write_text(text + "XYZGM,Bir görev.,,\nYGM,Başka bir görev.,2024,2020\n", "utf-8")
    problems = problems_of(dataset_copy)
    line = len(text.splitlines()) + 1
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("duties.csv", line, "unit"),
        ("duties.csv", line + 1, "valid_to"),
    ]


def test_a_duty_holds_only_while_its_unit_exists(dataset_copy: Path) -> None:
    path = dataset_copy / "duties.csv"
    text = path.read_text("utf-8")
    # Sınır Yönetimi GM exists from 2023; a department closed at the end of 2022.
    path.write_text(text + "SYGM,Bir görev.,,\nYGM.SKYIDB,Başka bir görev.,2020,2023\n", "utf-8")
    line = len(text.splitlines()) + 1
    problems = problems_of(dataset_copy)
    assert [(p.line, p.field, p.expected, p.found) for p in problems] == [
        (line, "valid_from", "a year ≥ 2023 (the unit's first year)", "empty"),
        (line + 1, "valid_to", "a year ≤ 2022 (the unit's last year)", "2023"),
    ]


def test_a_carry_over_comes_from_an_earlier_year_once_per_purpose(dataset_copy: Path) -> None:
    path = dataset_copy / "budget_carryover.csv"
    row = path.read_text(encoding="utf-8").splitlines()[1]
    replace_in(path, "2023,2022,", "2023,2023,")
    [problem] = problems_of(dataset_copy)
    assert (problem.file, problem.line, problem.field) == ("budget_carryover.csv", 2, "from_year")
    assert (problem.expected, problem.found) == (
        "a year before the year it is carried into (2023)",
        "2023",
    )
    path.write_text(f"year,from_year,purpose,amount,document\n{row}\n{row}\n", encoding="utf-8")
    [problem] = problems_of(dataset_copy)
    assert (problem.file, problem.line) == ("budget_carryover.csv", 3)
    assert problem.expected.startswith("a carry-over used once")
