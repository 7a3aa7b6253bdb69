from __future__ import annotations

import os
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


# Fixtures through which a test reaches the database (directly or through another fixture).
_DATABASE_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_setup", "live_server", "_django_db_helper"}
)


def _touches_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    return bool(_DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL pass (`make unit-postgres`, KARNE_DATABASE_URL set) runs the tests that
    use the database; those that never do ran in the SQLite pass just before and would only
    repeat it (KARNE_PG_PASS_ALL=1 runs everything again)."""
    if not os.environ.get("KARNE_DATABASE_URL") or os.environ.get("KARNE_PG_PASS_ALL"):
        return
    keep = [item for item in items if _touches_database(item)]
    dropped = [item for item in items if not _touches_database(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
