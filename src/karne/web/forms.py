"""Input parsing of the web forms: the one Turkish number rule lives in the core
(`karne.core.parsing`), because the workbook upload reads typed text with it too."""

from __future__ import annotations

from karne.core.parsing import BadNumber, parse_number

__all__ = ["BadNumber", "parse_number"]
