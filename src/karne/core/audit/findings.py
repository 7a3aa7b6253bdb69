"""What the audit reports."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # a figure that is wrong
    WARNING = "warning"  # a wording, a missing explanation, something an auditor would query
    INFO = "info"  # worth knowing, not wrong (a truncation within the printed precision)

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    document: str
    table: str  # as numbered in the document ("Tablo 5"), or a section id, or "" for the dataset
    row: str  # entity code or total key
    column: str  # measure key
    printed: str  # as printed ("" when nothing is printed)
    expected: str  # what karne computes, in the same display format ("" when not a figure)
    message: str  # one sentence: why
    row_label: str = ""
    column_label: str = ""

    @property
    def place(self) -> str:
        """The place as the reader sees it: document › table › row › column."""
        parts = [
            self.document,
            self.table,
            self.row_label or self.row,
            self.column_label or self.column,
        ]
        return " › ".join(p for p in parts if p)


@dataclass(frozen=True)
class AuditReport:
    year: int | None
    administration: str
    findings: tuple[Finding, ...]
    checked: int  # printed figures and claims compared with a computed value
    unchecked: int  # printed figures and claims karne has no rule for
    notes: tuple[str, ...] = field(default=())

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0

    def by_rule(self) -> dict[str, int]:
        return dict(sorted(Counter(f.rule for f in self.findings).items()))
