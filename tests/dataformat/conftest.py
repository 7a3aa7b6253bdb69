from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def dataset_copy(reference_path: Path, tmp_path: Path) -> Path:
    """A writable copy of the reference dataset to break in one place."""
    target = tmp_path / "dataset"
    shutil.copytree(reference_path, target)
    return target


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
