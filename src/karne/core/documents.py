"""Which documents of a dataset play which part in a year.

A year's performance programme is what its targets and its cost tables are read from; the
evaluation, the audit, the reports and the web views must agree on it, so they all ask here.
"""

from __future__ import annotations

from collections.abc import Iterable

from karne.core.records import Document, DocumentKind


def of_kind(documents: Iterable[Document], kind: DocumentKind, year: int) -> tuple[Document, ...]:
    """The documents of one kind and year, in the dataset's order (the first one leads)."""
    return tuple(d for d in documents if d.kind is kind and d.year == year)


def programme_codes(documents: Iterable[Document], year: int) -> frozenset[str]:
    """The codes of the year's performance-programme documents."""
    return frozenset(d.code for d in of_kind(documents, DocumentKind.PERFORMANS_PROGRAMI, year))
