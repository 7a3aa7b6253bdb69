from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from karne.db.fields import ExactDecimalField
from karne.organisation.models import Administration, Document
from karne.publications.models import Resource

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["95", "16723081452.00", "0.4100", "-6.25", "35788950.37"])
def test_exact_decimals_keep_their_digits(text: str) -> None:
    admin = Administration.objects.create(code="x", name="X")
    doc = Document.objects.create(
        administration=admin, position=0, code="D", kind="faaliyet-raporu", year=2023
    )
    Resource.objects.create(
        document=doc, position=0, table="T", category="it", item="i", value=D(text)
    )
    stored = Resource.objects.get().value
    assert isinstance(stored, D)
    assert str(stored) == text


def test_bad_text_is_a_validation_error() -> None:
    with pytest.raises(ValidationError):
        ExactDecimalField().to_python("12,5")
