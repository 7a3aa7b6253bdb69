"""Personas for the web tests, on the reference dataset with the 2023 Q1 period open.

strateji — the strategy unit's administrator; amir.ygm — head of Yabancılar GM;
veri.ygm — data-entry clerk of Yabancılar GM; veri.ukgm — clerk of Uluslararası Koruma GM, who
must see and change nothing of Yabancılar GM; okur — a reader (top management, auditor).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from karne.accounts.services import DEMO_USERS, member_create
from karne.core.records import Dataset
from karne.datasets.services import dataset_load
from karne.monitoring.models import MonitoringPeriod
from karne.monitoring.services import period_open

PASSWORD = "test-parola-uzun-12345"


@pytest.fixture
def site(db: None, reference: Dataset) -> MonitoringPeriod:
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
    return period_open(user=admin, year=2023, quarter=1, deadline=datetime.date(2023, 4, 15))


@pytest.fixture
def as_user(site: MonitoringPeriod):  # type: ignore[no-untyped-def]
    def login(username: str) -> Client:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return login


_ = Path
