"""Personas for the web tests (tests/personas.py), on the reference dataset with 2023 Q1 open.

The site is built once for the whole package inside a transaction that is rolled back at the
end; each test runs in a savepoint inside it (pytest-django's `db`), so what a test changes is
undone before the next one and no test reloads the reference dataset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from karne.core.records import Dataset
from karne.monitoring.models import MonitoringPeriod
from tests.personas import build_site

PASSWORD = "test-parola-uzun-12345"


@pytest.fixture(scope="package")
def site_data(django_db_setup: None, django_db_blocker: Any, reference: Dataset) -> Iterator[int]:
    with django_db_blocker.unblock(), transaction.atomic():
        period = build_site(reference, PASSWORD)
        yield period.pk
        transaction.set_rollback(True)


@pytest.fixture
def site(site_data: int, db: None) -> MonitoringPeriod:
    return MonitoringPeriod.objects.get(pk=site_data)


@pytest.fixture
def as_user(site: MonitoringPeriod) -> Callable[[str], Client]:
    def login(username: str) -> Client:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return login


@pytest.fixture(autouse=True)
def turkish_first() -> Iterator[None]:
    """Each test starts in the site's default language: a request in English earlier in the
    thread must not leave the services speaking English to the next test."""
    from django.utils import translation

    translation.activate("tr")
    yield
    translation.deactivate()
