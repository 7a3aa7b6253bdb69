"""The staff totals that the staff table, its sentence and the audit share."""

from __future__ import annotations

from decimal import Decimal as D

from karne.core.records import Resource, ResourceCategory
from karne.core.staff import staff_counts

STAFF = ResourceCategory.STAFF
RESOURCES = (
    Resource("PP2023", "Tablo 3", STAFF, "merkez.kadro", D(323)),
    Resource("PP2023", "Tablo 3", STAFF, "merkez.isci", D(87)),
    Resource("PP2023", "Tablo 3", STAFF, "tasra.kadro", D(1757)),
    Resource("PP2023", "Tablo 3", STAFF, "yurtdisi.kadro", D(5)),  # a location without a row
    Resource("PP2023", "Tablo 4", ResourceCategory.STAFF_GENDER, "kadin", D(284)),
    Resource("FR2023", "Tablo 2", STAFF, "merkez.kadro", D(394)),
)


def test_totals_by_location_type_and_all_count_every_recorded_row() -> None:
    staff = staff_counts(RESOURCES, "PP2023")
    assert staff.count("merkez", "kadro") == D(323)
    assert staff.location_total("merkez") == D(410)
    assert staff.type_total("kadro") == D(323 + 1757 + 5)
    assert staff.total == D(323 + 87 + 1757 + 5)


def test_what_is_not_recorded_is_none_but_a_missing_cell_is_zero() -> None:
    staff = staff_counts(RESOURCES, "PP2023")
    assert staff.type_total("sozlesmeli") is None
    assert staff.location_total("tasra.kadro") is None
    assert staff.count("tasra", "isci") == D(0)
    assert staff_counts(RESOURCES, "PP2024").total is None


def test_a_repeated_item_adds_up() -> None:
    twice = (*RESOURCES, Resource("FR2023", "Tablo 2b", STAFF, "merkez.kadro", D(6)))
    staff = staff_counts(twice, "FR2023")
    assert staff.counts == (("merkez.kadro", D(400)),)
    assert staff.total == D(400)
