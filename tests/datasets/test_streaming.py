"""Large datasets in bounded memory: tables inserted in batches, streamed out on export."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from karne.core.records import Dataset
from karne.dataformat import write_dataset, write_structure, write_table
from karne.datasets import selectors, services
from karne.datasets.selectors import dataset_read, dataset_tables

pytestmark = pytest.mark.django_db


def test_streamed_tables_are_the_tables_read_whole(
    reference: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "CHUNK_ROWS", 7)
    services.dataset_load(dataset=reference)
    streamed = {table.attr: tuple(rows) for table, rows in dataset_tables()}
    whole = dataset_read()
    assert streamed == {attr: getattr(whole, attr) for attr in streamed}
    assert dataset_read(tables=()).printed == ()


def test_a_table_larger_than_a_batch_loads_in_order(
    reference: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "BATCH_ROWS", 5)
    moved = reference.realizations[1:] + reference.realizations[:1]  # the order is the file's
    dataset = replace(reference, realizations=moved)
    services.dataset_load(dataset=dataset)
    assert dataset_read() == dataset


def test_export_by_streaming_writes_what_the_whole_dataset_writes(
    reference: Dataset, tmp_path: Path
) -> None:
    services.dataset_load(dataset=reference)
    write_dataset(dataset_read(), tmp_path / "whole")
    write_structure(dataset_read(tables=()), tmp_path / "streamed")
    for table, rows in dataset_tables():
        write_table(table, rows, tmp_path / "streamed")
    for path in sorted((tmp_path / "whole").iterdir()):
        assert (tmp_path / "streamed" / path.name).read_bytes() == path.read_bytes(), path.name
