"""Build a report's content model: the one entry point for every renderer."""

from __future__ import annotations

from datetime import date

from karne.core.records import Dataset, DocumentKind
from karne.core.report_content import front
from karne.core.report_content.activity_report import fr_sections
from karne.core.report_content.context import make_context
from karne.core.report_content.model import Report
from karne.core.report_content.numbering import number_report
from karne.core.report_content.performance_program import pp_sections

KINDS = {kind.value: kind for kind in DocumentKind}


def build_report(
    dataset: Dataset, year: int, kind: DocumentKind | str, generated_on: date
) -> Report:
    """The document of `kind` for `year`, every figure computed from the dataset's inputs."""
    kind = KINDS[kind] if isinstance(kind, str) else kind
    ctx = make_context(dataset, year, kind, generated_on)
    sections = pp_sections(ctx) if kind is DocumentKind.PERFORMANS_PROGRAMI else fr_sections(ctx)
    report = Report(
        kind=kind.value,
        document=ctx.document.code,
        year=year,
        title=ctx.document.title,
        administration=ctx.admin_name,
        cover=front.cover(ctx),
        abbreviations=front.abbreviations(ctx),
        sections=sections,
        generated_on=generated_on,
    )
    return number_report(report)
