"""Every figure of a generated document comes from the inputs: the printed layer (what the old
documents printed, errors included) and the text claims play no part in it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from karne.core.records import Dataset, PrintedFigure
from karne.core.report_content.build import build_report


@pytest.mark.parametrize("kind", ["performans-programi", "faaliyet-raporu"])
def test_the_printed_layer_does_not_change_a_document(reference: Dataset, kind: str) -> None:
    day = date(2024, 2, 1)
    as_is = build_report(reference, 2023, kind, day)
    without = build_report(replace(reference, printed=(), claims=()), 2023, kind, day)
    nonsense = replace(
        reference,
        printed=(
            *(replace(p, value="999", as_printed="999") for p in reference.printed),
            PrintedFigure("FR2023", "Tablo 5", "TOPLAM", "2023.kbo", "1", "1"),
        ),
    )
    assert without == as_is
    assert build_report(nonsense, 2023, kind, day) == as_is
