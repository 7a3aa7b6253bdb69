from __future__ import annotations

from pathlib import Path

import pytest

from karne.cli.database import reference_dataset_path
from karne.core.records import Dataset
from karne.dataformat import read_dataset


@pytest.fixture(scope="session")
def reference_path() -> Path:
    return reference_dataset_path()


@pytest.fixture(scope="session")
def reference(reference_path: Path) -> Dataset:
    return read_dataset(reference_path)


@pytest.fixture(autouse=True)
def _fresh_page_cache() -> None:
    """Each test starts with no kept page: a test that writes rows behind the services' back
    (no trail, so no new revision) must not see a page kept by an earlier test."""
    from django.core.cache import caches

    caches["pages"].clear()
