"""The YAML files are read safely (`karne.dataformat.yamlfiles`): no aliases, anchors or tags,
bounded depth and size, and an empty file is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from karne.dataformat import read_dataset, write_dataset
from karne.dataformat.yamlfiles import MAX_DEPTH
from tests.dataformat.conftest import replace_in
from tests.dataformat.test_errors import problems_of

_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
)


def test_an_alias_bomb_is_refused_before_it_expands(dataset_copy: Path) -> None:
    path = dataset_copy / "administration.yaml"
    path.write_text(path.read_text(encoding="utf-8") + _BOMB, encoding="utf-8")
    found = [p for p in problems_of(dataset_copy) if p.file == "administration.yaml"]
    assert [(p.expected.split(",")[0], p.found) for p in found] == [
        ("YAML without anchors", "an anchor (&name)")
    ]
    assert all(len(str(p)) < 300 for p in found)


@pytest.mark.parametrize("tag", ["!!binary aGVsbG8=", "!!set {a, b}", "!!python/name:os.system"])
def test_tags_are_refused(dataset_copy: Path, tag: str) -> None:
    replace_in(dataset_copy / "administration.yaml", "short_name: GİB", f"short_name: {tag}")
    [problem] = problems_of(dataset_copy)
    assert (problem.file, problem.line, problem.found) == (
        "administration.yaml",
        3,
        "a tag (!name)",
    )


def test_deep_nesting_is_refused_without_a_recursion_error(dataset_copy: Path) -> None:
    path = dataset_copy / "narrative.yaml"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    [problem] = problems_of(dataset_copy)
    assert problem.file == "narrative.yaml"
    assert problem.found == f"more than {MAX_DEPTH} levels of nesting"


def test_an_empty_administration_is_named(dataset_copy: Path) -> None:
    (dataset_copy / "administration.yaml").write_text("", encoding="utf-8")
    [problem] = problems_of(dataset_copy)
    assert (problem.file, problem.found) == ("administration.yaml", "an empty file")


def test_an_empty_manifest_names_itself_and_only_itself(dataset_copy: Path) -> None:
    (dataset_copy / "dataset.yaml").write_text("# nothing\n", encoding="utf-8")
    [problem] = problems_of(dataset_copy)
    assert (problem.file, problem.found) == ("dataset.yaml", "an empty file")


def test_an_empty_narrative_is_refused(dataset_copy: Path) -> None:
    (dataset_copy / "narrative.yaml").write_text("\n", encoding="utf-8")
    [problem] = problems_of(dataset_copy)
    assert (problem.file, problem.found) == ("narrative.yaml", "an empty file")


def test_a_number_too_long_for_python_is_a_bad_value_not_a_crash(dataset_copy: Path) -> None:
    replace_in(dataset_copy / "programs.yaml", "- year: 2023", "- year: " + "9" * 5000)
    [problem] = [p for p in problems_of(dataset_copy) if p.file == "programs.yaml"]
    assert (problem.field, problem.expected) == ("[0].year", "a whole number of at most 18 digits")
    assert len(problem.found) <= 100


def test_a_list_as_a_key_is_refused(dataset_copy: Path) -> None:
    replace_in(dataset_copy / "administration.yaml", "short_name: GİB", "? [a, b]\n: GİB")
    [problem] = problems_of(dataset_copy)
    assert problem.found == "a list or mapping as a key"


@pytest.mark.parametrize("separator", ["\\u2028", "\\u2029", "\\x85", "\\f", "\\v", "\\r"])
def test_unicode_line_separators_in_a_yaml_text_write_and_read_back(
    dataset_copy: Path, tmp_path: Path, separator: str
) -> None:
    replace_in(
        dataset_copy / "administration.yaml", "short_name: GİB", f'short_name: "G{separator}İB"'
    )
    dataset = read_dataset(dataset_copy)
    assert len(dataset.administration.short_name) == 4
    write_dataset(dataset, tmp_path / "out")
    assert read_dataset(tmp_path / "out") == dataset
