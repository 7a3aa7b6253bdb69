from __future__ import annotations

import filecmp
from pathlib import Path

from karne.core.records import Dataset
from karne.dataformat import read_dataset, write_dataset
from karne.dataformat.tables import FILES


def same_files(a: Path, b: Path) -> list[str]:
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return mismatch + errors


def test_the_reference_dataset_is_canonical(
    reference: Dataset, reference_path: Path, tmp_path: Path
) -> None:
    write_dataset(reference, tmp_path)
    assert same_files(reference_path, tmp_path) == []


def test_write_read_gives_the_same_records(reference: Dataset, tmp_path: Path) -> None:
    write_dataset(reference, tmp_path)
    assert read_dataset(tmp_path) == reference


def test_every_table_is_written(reference: Dataset, tmp_path: Path) -> None:
    write_dataset(reference, tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_text("utf-8").splitlines()[0] == ",".join(
            c.name for c in FILES[name]
        )


def test_a_document_date_is_written_and_read(reference: Dataset, tmp_path: Path) -> None:
    from dataclasses import replace

    dated = replace(
        reference,
        documents=tuple(replace(d, date="Şubat 2024") for d in reference.documents),
    )
    write_dataset(dated, tmp_path)
    assert "date: Şubat 2024" in (tmp_path / "dataset.yaml").read_text(encoding="utf-8")
    assert read_dataset(tmp_path) == dated
