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


def test_the_sp_indicator_evaluations_are_written_and_read(
    reference: Dataset, tmp_path: Path
) -> None:
    from dataclasses import replace

    first, *rest = reference.sp_indicators
    evaluated = replace(
        first,
        relevance='Hedef geçerliliğini koruyor; "ölçüt" değişmedi.',
        effectiveness="İhtiyaçlar karşılandı,\nikinci satırda da.",
        efficiency="",
        sustainability="Risk yok.",
    )
    dataset = replace(reference, sp_indicators=(evaluated, *rest))
    write_dataset(dataset, tmp_path)
    header = (tmp_path / "sp_indicators.csv").read_text("utf-8").splitlines()[0]
    assert header.endswith(",relevance,effectiveness,efficiency,sustainability")
    assert read_dataset(tmp_path) == dataset


def test_the_reference_sp_indicators_are_evaluated(reference: Dataset) -> None:
    by_code = {i.code: i for i in reference.sp_indicators}
    evaluated = [
        i
        for i in reference.sp_indicators
        if i.relevance and i.effectiveness and i.efficiency and i.sustainability
    ]
    assert len(evaluated) == 39  # FR 2023 Tablo 14 leaves PG2.2.2's four cells empty
    empty = by_code["PG2.2.2"]
    assert (empty.relevance, empty.effectiveness, empty.efficiency, empty.sustainability) == (
        ("",) * 4
    )
