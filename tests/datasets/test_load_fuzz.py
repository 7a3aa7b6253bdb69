"""Loading mutated datasets (issue 10): a refused load leaves the database as it was, and what
loads reads back exactly as it was read — on SQLite and on PostgreSQL (make test's two passes).

The mutations are the reader's fuzz test's (`tests/dataformat/mutations.py`); the database
holds the reference dataset and a second administration loaded from each mutated folder that
the reader accepts, in a savepoint rolled back after each example.
"""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path

import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from karne.core.records import Dataset
from karne.dataformat import DatasetInvalid, read_dataset
from karne.datasets.selectors import dataset_read
from karne.datasets.services import dataset_load
from tests.dataformat.mutations import HypothesisDraw, draw_mutation, reference_files, write_mutated

EXAMPLES = int(os.environ.get("KARNE_LOAD_FUZZ_EXAMPLES", "60"))


_files = cache(reference_files)


def fingerprint() -> dict[str, int]:
    """How many rows every table of the project holds."""
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label not in ("contenttypes", "auth", "sessions")
    }


@pytest.fixture
def loaded(db: None, reference: Dataset) -> Dataset:
    dataset_load(dataset=reference)
    return reference


@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(data=st.data())
def test_a_mutated_dataset_loads_exactly_or_changes_nothing(
    loaded: Dataset, data: st.DataObject
) -> None:
    files = _files()
    draw = HypothesisDraw(data)
    # A mutated folder mostly keeps the reference's code, so it replaces the loaded reference
    # (inside a savepoint); one with another code is loaded beside it.
    mutations = [draw_mutation(draw, files) for _ in range(draw.integer(1, 2))]
    before = fingerprint()
    with tempfile.TemporaryDirectory(prefix="karne-load-fuzz-") as tmp:
        folder = Path(tmp) / "dataset"
        write_mutated(files, mutations, folder)
        try:
            dataset = read_dataset(folder)
        except DatasetInvalid:
            event("refused by the reader")
            assert fingerprint() == before  # refused before the database was touched
            return
    code = dataset.administration.code
    event("loaded")
    with transaction.atomic():
        dataset_load(dataset=dataset, replace=True)
        assert dataset_read(administration=code) == dataset
        transaction.set_rollback(True)
    assert fingerprint() == before
    assert dataset_read(administration=loaded.administration.code) == loaded
