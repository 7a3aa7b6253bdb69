"""The personas' site: the reference dataset, one user per role, the 2023 first quarter open.

strateji — the strategy unit's administrator; amir.ygm — head of Yabancılar GM;
veri.ygm — data-entry clerk of Yabancılar GM; veri.ukgm — clerk of Uluslararası Koruma GM, who
must see and change nothing of Yabancılar GM; okur — a reader (top management, auditor).
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from karne.accounts.services import DEMO_USERS, member_create
from karne.core.records import Dataset
from karne.datasets.services import dataset_load
from karne.monitoring.models import MonitoringPeriod
from karne.monitoring.services import period_open


def build_site(reference: Dataset, password: str) -> MonitoringPeriod:
    dataset_load(dataset=reference)
    for username, role, units in DEMO_USERS:
        member_create(
            administration=reference.administration.code,
            username=username,
            password=password,
            role=role,
            units=units,
        )
    return period_open(
        user=get_user_model().objects.get(username="strateji"),
        year=2023,
        quarter=1,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
