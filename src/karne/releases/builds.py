"""The builds the documents page offers, and the job handlers that make them.

A build is a document (the Performance Program, the Activity Report, or the audit report), a
year and a format; its key names it for sharing, and the fingerprint of the administration's
data (with the day, which the documents print) says whether a finished build is still current.
Each handler reads the administration from the database itself: the worker is another process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from karne.core.documents import of_kind
from karne.core.records import Dataset, DocumentKind
from karne.jobs.handlers import JobFailed, Progress, Result
from karne.reporting import generate

REPORT, AUDIT = "report", "audit"
AUDIT_DOCUMENT = "denetim"
DOCUMENTS = (*generate.KINDS, AUDIT_DOCUMENT)
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


@dataclass(frozen=True)
class Build:
    document: str  # one of DOCUMENTS
    year: int
    format: str

    @property
    def kind(self) -> str:
        return AUDIT if self.document == AUDIT_DOCUMENT else REPORT

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.document}:{self.year}:{self.format}"

    def params(self, administration: str) -> dict[str, Any]:
        return {
            "administration": administration,
            "document": self.document,
            "year": self.year,
            "format": self.format,
        }


def formats_of(document: str) -> tuple[str, ...]:
    return ("html",) if document == AUDIT_DOCUMENT else generate.FORMATS


def parse_build(document: str, year: int, fmt: str) -> Build | None:
    """The build a form asks for, or None for one that is not offered."""
    if document not in DOCUMENTS or fmt not in formats_of(document):
        return None
    return Build(document, year, fmt)


def builds_of(kinds: Collection[str], year: int) -> list[Build]:
    """What a year's page offers: each kind of document the administration has for the year
    (`kinds`), in each format, and the audit."""
    out = [
        Build(kind.value, year, fmt)
        for kind in DocumentKind
        if kind.value in kinds
        for fmt in generate.FORMATS
    ]
    return [*out, Build(AUDIT_DOCUMENT, year, "html")]


def fingerprint(dataset: Dataset, day: date) -> str:
    """Of everything a build reads: the dataset's records (frozen dataclasses, read in a fixed
    order, so their repr is stable) and the day printed on the documents."""
    return hashlib.sha256(f"{day.isoformat()}\n{dataset!r}".encode()).hexdigest()


def _dataset(params: Mapping[str, Any]) -> Dataset:
    from karne.datasets.selectors import AdministrationNotFound, dataset_read

    try:
        return dataset_read(administration=str(params["administration"]))
    except AdministrationNotFound:
        raise JobFailed("no-administration") from None


def chart_cache() -> Path:
    path = Path(settings.DATA_DIR) / "cache" / "charts"
    path.mkdir(parents=True, exist_ok=True)
    return path


def build_report_job(params: Mapping[str, Any], progress: Progress) -> Result:
    """The Performance Program or the Activity Report in one format, charts drawn one by one
    (the progress bar moves with them), then rendered in this process."""
    from karne.core.report_content import build_report
    from karne.reporting import charts

    progress(5, "data")
    dataset = _dataset(params)
    year, fmt = int(params["year"]), str(params["format"])
    kind = DocumentKind(str(params["document"]))
    if not of_kind(dataset.documents, kind, year):
        raise JobFailed("no-data")
    progress(15, "content")
    report = build_report(dataset, year, kind, timezone.localdate())
    cache = chart_cache()
    if fmt in ("pdf", "docx"):
        needed = list(dict.fromkeys(f.chart for f in report.figures()))
        for done, chart in enumerate(needed, start=1):
            progress(20 + 50 * done // max(1, len(needed)), f"charts:{done}/{len(needed)}")
            charts.render(chart, "png", cache)
    progress(75, "render")
    content = generate.render(report, fmt, cache)
    return Result(content, generate.file_name(report, fmt), CONTENT_TYPES[fmt])


def build_audit_job(params: Mapping[str, Any], progress: Progress) -> Result:
    """The audit of a year as the printable HTML page `karne audit --format html` writes."""
    from karne.core.audit import audit
    from karne.reporting.audit import report_to_html

    progress(10, "data")
    dataset = _dataset(params)
    year = int(params["year"])
    progress(40, "audit")
    html = report_to_html([audit(dataset, year)])
    return Result(html.encode("utf-8"), f"denetim-{year}.html", CONTENT_TYPES["html"])
