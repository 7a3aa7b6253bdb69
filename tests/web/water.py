"""The second, differently shaped administration of the tests (tests/reporting/small_dataset.py)
loaded with two members: "yonetici" (the strategy unit's administrator) and "veri.tes", a
clerk of its treatment unit TES."""

from __future__ import annotations

from karne.accounts.services import member_create
from karne.core.workflow import Role
from karne.datasets.services import dataset_load
from tests.reporting.small_dataset import small_dataset

ADMINISTRATION = "ornek-su"
PASSWORD = "x" * 14


def load_water_utility() -> None:
    dataset_load(dataset=small_dataset())
    member_create(
        administration=ADMINISTRATION, username="yonetici", password=PASSWORD, role=Role.ADMIN
    )
    member_create(
        administration=ADMINISTRATION,
        username="veri.tes",
        password=PASSWORD,
        role=Role.CLERK,
        units=("TES",),
    )
