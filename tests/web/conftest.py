"""Personas for the web tests, on the reference dataset with the 2023 Q1 period open.

strateji — the strategy unit's administrator; amir.ygm — head of Yabancılar GM;
veri.ygm — data-entry clerk of Yabancılar GM; veri.ukgm — clerk of Uluslararası Koruma GM, who
must see and change nothing of Yabancılar GM; okur — a reader (top management, auditor).

The site is built once for the whole package inside a transaction that is rolled back at the
end; each test runs in a savepoint inside it (pytest-django's `db`), so what a test changes is
undone before the next one and no test reloads the reference dataset.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from karne.accounts.services import DEMO_USERS, member_create
from karne.core.records import Dataset
from karne.datasets.services import dataset_load
from karne.monitoring.models import MonitoringPeriod
from karne.monitoring.services import period_open

PASSWORD = "test-parola-uzun-12345"


@pytest.fixture(scope="package")
def site_data(django_db_setup: None, django_db_blocker: Any, reference: Dataset) -> Iterator[int]:
    with django_db_blocker.unblock(), transaction.atomic():
        dataset_load(dataset=reference)
        for username, role, units in DEMO_USERS:
            member_create(
                administration="goc-idaresi",
                username=username,
                password=PASSWORD,
                role=role,
                units=units,
            )
        admin = get_user_model().objects.get(username="strateji")
        period = period_open(user=admin, year=2023, quarter=1, deadline=datetime.date(2023, 4, 15))
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
