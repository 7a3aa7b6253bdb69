"""The content model of the Performance Program and the Activity Report (pure Python).

`build_report(dataset, year, kind, generated_on)` returns a frozen `Report`: sections, tables with
their cells as `Decimal` or text, figures with their data. Renderers in `karne.reporting` turn it
into PDF, DOCX and XLSX; nothing here knows about any output format.
"""

from karne.core.report_content.build import build_report
from karne.core.report_content.model import Report

__all__ = ["Report", "build_report"]
