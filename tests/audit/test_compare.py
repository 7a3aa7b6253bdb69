"""How the audit reads what a document printed (`karne.core.audit.compare`)."""

from __future__ import annotations

import pytest

from karne.core.audit.compare import status_band
from karne.core.indicators import Status


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("Hedeflenen Değere Ulaşıldı", Status.ACHIEVED),
        ("hedeflenen değere ulaşıldı", Status.ACHIEVED),
        ("Hedeflenen Değere Ulaşılamadı", Status.NOT_ACHIEVED),
        ("Hedeflenen Değere Ulaşamadı", Status.NOT_ACHIEVED),
        ("Hedeflenen Değere Aşıldı", Status.EXCEEDED),
        ("Hedeflenen Değere Kısmen Ulaşıldı", Status.PARTIALLY_ACHIEVED),
    ],
)
def test_status_bands_are_read_by_whole_words(text: str, band: Status) -> None:
    assert status_band(text) is band
