"""Reports are generated once per test session (both documents, three formats, two datasets),
and each PDF's text is extracted once (pypdf takes seconds per document)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from karne.core.evaluation import Evaluation, evaluate
from karne.core.records import Dataset
from karne.core.report_content import Report, build_report
from karne.reporting.generate import file_name, write_reports
from tests.reporting.small_dataset import YEAR as SMALL_YEAR
from tests.reporting.small_dataset import small_dataset

DAY = date(2024, 2, 29)


@dataclass(frozen=True)
class Generated:
    dataset: Dataset
    year: int
    evaluation: Evaluation
    reports: dict[str, Report]
    folder: Path
    _pages: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def path(self, kind: str, fmt: str) -> Path:
        return self.folder / file_name(self.reports[kind], fmt)

    def pdf_pages(self, kind: str) -> tuple[str, ...]:
        """Each page's text of a document's PDF, runs of white space as one space."""
        if kind not in self._pages:
            reader = PdfReader(self.path(kind, "pdf"))
            self._pages[kind] = tuple(
                re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages
            )
        return self._pages[kind]


def _generate(dataset: Dataset, year: int, folder: Path, workers: int) -> Generated:
    paths = write_reports(dataset, year, folder, generated_on=DAY, workers=workers)
    assert len(paths) == 6
    reports = {
        kind: build_report(dataset, year, kind, DAY)
        for kind in ("performans-programi", "faaliyet-raporu")
    }
    return Generated(dataset, year, evaluate(dataset, year), reports, folder)


@pytest.fixture(scope="session")
def ref_docs(reference: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return _generate(reference, 2023, tmp_path_factory.mktemp("reference-reports"), workers=2)


@pytest.fixture(scope="session")
def small_docs(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return _generate(small_dataset(), SMALL_YEAR, tmp_path_factory.mktemp("small-reports"), 1)


@pytest.fixture(params=["reference", "small"])
def docs(request: pytest.FixtureRequest) -> Generated:
    name = "ref_docs" if request.param == "reference" else "small_docs"
    generated = request.getfixturevalue(name)
    assert isinstance(generated, Generated)
    return generated
