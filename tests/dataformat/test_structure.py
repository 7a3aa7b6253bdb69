"""The YAML files are read through their records: keys, required values and nesting."""

from __future__ import annotations

from pathlib import Path

from karne.dataformat import Problem
from tests.dataformat.conftest import replace_in
from tests.dataformat.test_errors import problems_of


def test_an_unknown_key_lists_the_record_s_fields(dataset_copy: Path) -> None:
    replace_in(
        dataset_copy / "strategic_plan.yaml",
        "    - code: H1.1\n",
        "    - code: H1.1\n      colour: red\n",
    )
    [problem] = problems_of(dataset_copy)
    assert (problem.file, problem.field, problem.found) == (
        "strategic_plan.yaml",
        "[0].aims[0].objectives[0].colour",
        "'colour'",
    )
    assert problem.expected == (
        "one of code, coordinating_units, deviation_reason, measures, responsible_units, "
        "short_title, statement"
    )


def test_a_missing_required_value_deep_in_the_programmes(dataset_copy: Path) -> None:
    replace_in(dataset_copy / "programs.yaml", "        name: Göç Yönetimi Veri Altyapısı\n", "")
    found = problems_of(dataset_copy)
    assert (
        Problem(
            "programs.yaml",
            27,
            "[0].programs[0].sub_programs[0].activities[0].name",
            "a value",
            "nothing",
        )
        in found
    )


def test_a_plan_that_ends_before_it_starts(dataset_copy: Path) -> None:
    replace_in(dataset_copy / "strategic_plan.yaml", "  end_year: 2023", "  end_year: 2018")
    found = problems_of(dataset_copy)
    assert Problem("strategic_plan.yaml", 1, "end_year", "a year ≥ 2019", "2018") in found


def test_a_blank_text_may_be_missing_but_a_required_one_may_not(dataset_copy: Path) -> None:
    path = dataset_copy / "strategic_plan.yaml"
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("  title: "))
    replace_in(path, title + "\n", "")  # a plan's title is BlankText: may be left out
    replace_in(path, "    - code: H1.1\n", "    - code:\n")  # an objective's code may not
    found = problems_of(dataset_copy)
    assert ("[0].aims[0].objectives[0].code", "a value") in [(p.field, p.expected) for p in found]
    assert not [p for p in found if p.field.endswith("title")]


def test_a_programme_coded_like_a_total_key_is_refused(dataset_copy: Path) -> None:
    # It passed check and load, then evaluate, audit and the budget page never returned.
    replace_in(dataset_copy / "programs.yaml", "  - code: GY\n", "  - code: GENEL_TOPLAM\n")
    found = problems_of(dataset_copy)
    assert (
        "programs.yaml",
        "[0].programs[0].code",
        "a code that is not a total key (BUTCE_DISI_TOPLAM, BUTCE_ICI_TOPLAM, GENEL_TOPLAM, "
        "TOPLAM)",
    ) in [(p.file, p.field, p.expected) for p in found]


def test_a_code_that_would_break_a_url_is_refused(dataset_copy: Path) -> None:
    replace_in(dataset_copy / "programs.yaml", "  - code: GY\n", "  - code: ../../x\n")
    found = problems_of(dataset_copy)
    assert ("[0].programs[0].code", "'../../x'") in [(p.field, p.found) for p in found]


def test_a_policy_keyed_by_a_number_is_refused(dataset_copy: Path) -> None:
    path = dataset_copy / "administration.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("policy:\n", "policy:\n  1: 2\n", 1), encoding="utf-8")
    [problem] = problems_of(dataset_copy)
    assert (problem.field, problem.found) == ("policy", "a key that is not a text")
