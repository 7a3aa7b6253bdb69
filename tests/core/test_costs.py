"""The roll-up by economic code and source that Tablo 14 / 15 print and the audit checks."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from karne.core.costs import TOTAL, CostColumn, cost_tables
from karne.core.records import CostMeasure
from tests.audit.factory import clean_dataset

BUDGET_2024 = CostColumn(2024, CostMeasure.BUDGET)


def _nonzero(block: dict[str, D]) -> dict[str, D]:
    return {key: value for key, value in block.items() if value}


def test_the_administration_block_adds_every_activity_and_source() -> None:
    # A: 01 1000 + 03 500 (internal), 03 200 (döner sermaye); B: 03 300; C (P2): 05 100.
    block = cost_tables(clean_dataset(), "PP2024").by_economic_code(TOTAL, BUDGET_2024)
    assert list(block)[:9] == ["01", "02", "03", "04", "05", "06", "07", "08", "09"]
    assert list(block)[9:] == [
        "BUTCE_ICI_TOPLAM",
        "doner_sermaye",
        "ozel_hesap",
        "diger",
        "BUTCE_DISI_TOPLAM",
        "GENEL_TOPLAM",
    ]
    assert _nonzero(block) == {
        "01": D(1000),
        "03": D(800),
        "05": D(100),
        "BUTCE_ICI_TOPLAM": D(1900),
        "doner_sermaye": D(200),
        "BUTCE_DISI_TOPLAM": D(200),
        "GENEL_TOPLAM": D(2100),
    }


def test_a_program_and_an_activity_block_count_only_their_own_costs() -> None:
    tables = cost_tables(clean_dataset(), "PP2024")
    assert _nonzero(tables.by_economic_code("P1", BUDGET_2024)) == {
        "01": D(1000),
        "03": D(800),
        "BUTCE_ICI_TOPLAM": D(1800),
        "doner_sermaye": D(200),
        "BUTCE_DISI_TOPLAM": D(200),
        "GENEL_TOPLAM": D(2000),
    }
    assert _nonzero(tables.by_economic_code("P1.S1.A", BUDGET_2024)) == {
        "01": D(1000),
        "03": D(500),
        "BUTCE_ICI_TOPLAM": D(1500),
        "doner_sermaye": D(200),
        "BUTCE_DISI_TOPLAM": D(200),
        "GENEL_TOPLAM": D(1700),
    }


def test_each_column_is_its_own_block() -> None:
    tables = cost_tables(clean_dataset(), "PP2024")
    forecast = tables.by_economic_code(TOTAL, CostColumn(2025, CostMeasure.FORECAST))
    assert _nonzero(forecast) == {
        "01": D(1100),
        "BUTCE_ICI_TOPLAM": D(1100),
        "GENEL_TOPLAM": D(1100),
    }
    assert not _nonzero(tables.by_economic_code("P9", BUDGET_2024))


def test_a_programme_coded_like_the_grand_total_raises_instead_of_hanging() -> None:
    dataset = clean_dataset()
    structure = dataset.program_structures[0]
    renamed = replace(structure.programs[0], code=TOTAL)
    broken = replace(
        dataset,
        program_structures=(replace(structure, programs=(renamed, *structure.programs[1:])),),
    )
    with pytest.raises(ValueError, match="leads back"):
        cost_tables(broken, "PP2024")
