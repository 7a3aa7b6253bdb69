"""Where each field of an entry form sits in its workbook: one sheet, one row per indicator.

The columns follow the form definition (`karne.core.forms`) and are followed by technical
columns the person neither sees nor may change: the row's state — the version it was exported
at and what it showed then, in one cell (to tell the person's change from someone else's save
since; one cell, not five, because parsing cells is most of an upload's time) — and the two
bounds of the pace rule that the conditional formatting reads. The keys and states are covered
by the workbook's signature (`identity`).
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from karne.core.forms import FieldKind, FormField

SHEET = "Form"
LIST_SHEET = "Listeler"
HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1

# The technical columns, after the form's own.
TECHNICAL = (
    ("state", "Satır durumu"),
    ("pace-low", "Hız alt sınırı"),
    ("pace-high", "Hız üst sınırı"),
)
STATE_SEPARATOR = "|"


@dataclass(frozen=True)
class RowState:
    """What a row was when exported: its version and the value, parts and explanation digest
    it showed, written "3|1240000|||e3b0c44298fc1c14"."""

    version: int
    value: str
    numerator: str
    denominator: str
    explanation: str  # `identity.text_digest` of the explanation

    def text(self) -> str:
        return STATE_SEPARATOR.join(
            (str(self.version), self.value, self.numerator, self.denominator, self.explanation)
        )

    @classmethod
    def parse(cls, text: str) -> RowState | None:
        parts = text.split(STATE_SEPARATOR)
        if len(parts) != 5 or not parts[0].isdigit():
            return None
        return cls(int(parts[0]), *parts[1:])


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # a Turkish msgid
    index: int  # 1-based
    field: FormField | None  # None: a technical column

    @property
    def letter(self) -> str:
        return get_column_letter(self.index)

    @property
    def hidden(self) -> bool:
        return self.field is None or self.field.kind is FieldKind.KEY

    @property
    def editable(self) -> bool:
        return self.field is not None and self.field.editable


def columns(fields: tuple[FormField, ...]) -> tuple[Column, ...]:
    """Every column of the form's sheet, in order: the form's fields, then the technical ones."""
    own = [Column(f.key, f.label, i, f) for i, f in enumerate(fields, start=1)]
    extra = [
        Column(key, label, i, None) for i, (key, label) in enumerate(TECHNICAL, start=len(own) + 1)
    ]
    return (*own, *extra)


def by_key(fields: tuple[FormField, ...]) -> dict[str, Column]:
    return {c.key: c for c in columns(fields)}
