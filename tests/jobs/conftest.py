"""An administration of another shape than the reference (tests/audit/factory.py: 2024, few
units) with its strategy unit's administrator, for the job tests."""

from __future__ import annotations

import pytest

from karne.accounts.models import Membership
from karne.accounts.services import member_create
from karne.core.workflow import Role
from karne.datasets.services import dataset_load
from tests.audit.factory import clean_dataset


@pytest.fixture
def admin(db: None) -> Membership:
    dataset_load(dataset=clean_dataset())
    return member_create(
        administration="test-idare", username="strateji2", password="x" * 14, role=Role.ADMIN
    )
