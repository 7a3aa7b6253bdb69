"""Loading into the real (SQLite) database and exporting back."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from karne.core.records import Dataset
from karne.dataformat import read_dataset, write_dataset
from karne.datasets.selectors import AdministrationNotFound, dataset_read
from karne.datasets.services import AdministrationExists, dataset_load
from karne.monitoring.models import Realization
from karne.organisation.models import Administration, Unit
from karne.publications.models import PrintedFigure

pytestmark = pytest.mark.django_db


def _differences(a: Path, b: Path) -> list[str]:
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return mismatch + errors


def test_load_then_read_gives_the_same_dataset(reference: Dataset) -> None:
    dataset_load(dataset=reference)
    assert dataset_read() == reference


def test_load_export_load_export_gives_identical_files(
    reference: Dataset, reference_path: Path, tmp_path: Path
) -> None:
    dataset_load(dataset=reference)
    write_dataset(dataset_read(), tmp_path / "first")
    dataset_load(dataset=read_dataset(tmp_path / "first"), replace=True)
    write_dataset(dataset_read(), tmp_path / "second")
    assert _differences(tmp_path / "first", tmp_path / "second") == []
    # and the shipped dataset is already in that canonical form
    assert _differences(reference_path, tmp_path / "first") == []


def test_loading_twice_needs_replace_and_changes_nothing(reference: Dataset) -> None:
    dataset_load(dataset=reference)
    before = (Unit.objects.count(), Realization.objects.count(), PrintedFigure.objects.count())
    with pytest.raises(AdministrationExists):
        dataset_load(dataset=reference)
    after = (Unit.objects.count(), Realization.objects.count(), PrintedFigure.objects.count())
    assert after == before


def test_a_failure_inside_the_load_rolls_everything_back(reference: Dataset) -> None:
    """A dataset that validation would refuse, forced past it, must leave no partial rows."""
    from dataclasses import replace

    from karne.core.records import Realization as RealizationRecord

    broken = replace(
        reference,
        realizations=(
            *reference.realizations,
            RealizationRecord("NO-SUCH-INDICATOR", 2023, reference.realizations[0].period, None),
        ),
    )
    with pytest.raises(KeyError):
        dataset_load(dataset=broken)
    assert Administration.objects.count() == 0
    assert Unit.objects.count() == 0


def test_replace_swaps_the_data(reference: Dataset) -> None:
    from dataclasses import replace

    dataset_load(dataset=reference)
    smaller = replace(reference, printed=reference.printed[:10])
    summary = dataset_load(dataset=smaller, replace=True)
    assert summary.replaced
    assert PrintedFigure.objects.count() == 10


def test_reading_an_empty_database_says_so() -> None:
    with pytest.raises(AdministrationNotFound, match="no administration"):
        dataset_read()


@pytest.mark.django_db
def test_the_longest_codes_and_long_texts_the_reader_accepts_are_stored(
    reference: Dataset, tmp_path: Path
) -> None:
    """What the reader accepts, every database stores (SQLite does not enforce column sizes;
    PostgreSQL does): a unit code of the longest allowed form and a very long name."""
    from dataclasses import replace

    code = "A" * 64
    long_name = "Çok uzun bir birim adı " * 60
    units = (*reference.units, replace(reference.units[-1], code=code, name=long_name, parent=None))
    write_dataset(replace(reference, units=units), tmp_path)
    dataset = read_dataset(tmp_path)
    dataset_load(dataset=dataset)
    assert dataset_read() == dataset
    assert Unit.objects.get(code=code).name == long_name.strip()


def test_a_document_date_is_stored(reference: Dataset) -> None:
    from dataclasses import replace

    dated = replace(
        reference, documents=tuple(replace(d, date="Şubat 2024") for d in reference.documents)
    )
    dataset_load(dataset=dated)
    assert dataset_read() == dated


def test_the_sp_indicator_evaluations_are_stored(reference: Dataset) -> None:
    from dataclasses import replace

    from karne.planning.models import SPIndicator

    first, *rest = reference.sp_indicators
    evaluated = replace(
        first,
        relevance="Hedef geçerliliğini koruyor.",
        effectiveness="",
        efficiency="Beklenmedik maliyet yok.",
        sustainability="Risk öngörülmüyor.",
    )
    dataset = replace(reference, sp_indicators=(evaluated, *rest))
    dataset_load(dataset=dataset)
    assert dataset_read() == dataset
    row = SPIndicator.objects.get(code=first.code)
    assert (row.relevance, row.effectiveness, row.sustainability) == (
        "Hedef geçerliliğini koruyor.",
        "",
        "Risk öngörülmüyor.",
    )
