"""The CSV tables (`karne.dataformat.csvfiles`): lines end only at \\n or \\r, files stay inside
the folder, and a found value is shown as a short excerpt."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from karne.dataformat import read_dataset, write_dataset
from tests.dataformat.conftest import replace_in
from tests.dataformat.test_errors import problems_of


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1e"])
def test_unicode_line_separators_inside_a_text_read_and_write_back(
    dataset_copy: Path, tmp_path: Path, separator: str
) -> None:
    replace_in(dataset_copy / "units.csv", "Yabancılar Genel", f"Yabancılar{separator}Genel")
    dataset = read_dataset(dataset_copy)
    assert dataset.units[1].name.startswith(f"Yabancılar{separator}Genel")
    write_dataset(dataset, tmp_path / "out")
    assert read_dataset(tmp_path / "out") == dataset


def test_a_link_out_of_the_folder_is_refused_and_not_echoed(
    dataset_copy: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2\n", encoding="utf-8")
    os.remove(dataset_copy / "claims.csv")
    os.symlink(secret, dataset_copy / "claims.csv")
    [problem] = problems_of(dataset_copy)
    assert (problem.file, problem.found) == ("claims.csv", "a link to outside the folder")
    assert "hunter2" not in str(problem)


def test_a_link_inside_the_folder_is_read(dataset_copy: Path, tmp_path: Path) -> None:
    os.rename(dataset_copy / "claims.csv", dataset_copy / "claims.original")
    os.symlink("claims.original", dataset_copy / "claims.csv")
    assert read_dataset(dataset_copy).claims


def test_a_long_unknown_column_is_shown_as_an_excerpt(dataset_copy: Path) -> None:
    replace_in(dataset_copy / "claims.csv", "as_printed\n", "as_printed," + "x" * 10_000 + "\n")
    found = problems_of(dataset_copy)
    assert found
    assert all(len(str(p)) < 400 for p in found)


def test_a_repeated_column_is_refused(dataset_copy: Path) -> None:
    replace_in(dataset_copy / "units.csv", "code,name,", "code,code,name,")
    assert ("units.csv", "code", "2 times") in [
        (p.file, p.field, p.found) for p in problems_of(dataset_copy)
    ]


def test_five_thousand_nines_in_a_whole_number_column(dataset_copy: Path) -> None:
    replace_in(
        dataset_copy / "units.csv", "central,false,1,,\n", "central,false," + "9" * 5000 + ",,\n"
    )
    [problem] = problems_of(dataset_copy)
    assert (problem.file, problem.line, problem.field) == ("units.csv", 2, "sort")
