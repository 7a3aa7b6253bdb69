"""Where each field of an entry form sits in its workbook: one sheet, one row per indicator.

The columns follow the form definition (`karne.core.forms`) and are followed by technical
columns the person neither sees nor may change: the row's state — the version it was exported
at and what it showed then, in one cell (to tell the person's change from someone else's save
since; one cell, not five, because parsing cells is most of an upload's time) — and the two
bounds of the pace rule that the conditional formatting reads. The keys and states are covered
by the workbook's signature (`identity`).

The quarterly form's proposal columns (the computed figure, its provenance, the reason for a
different value: `karne.core.forms.PROPOSAL`) came later. A workbook exported before them is
still read, by the layout it was made with: its signed declared range is narrower by exactly
those columns (`plan_for`); it has no reason column, so an override in it is refused by cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter, range_boundaries

from karne.core.forms import PROPOSAL_KEYS, FieldKind, FormField

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


def plan_for(fields: tuple[FormField, ...], declared: str) -> tuple[Column, ...]:
    """The columns of a workbook whose signed declared range is `declared` ("A5:O40"): the
    form's own, or — for a workbook exported before the proposal columns — the form's without
    them. Any other width is the current layout (its header check then tells what moved)."""
    plan = columns(fields)
    width = range_boundaries(declared)[2] or 0
    if plan[-1].index != width:
        earlier = columns(tuple(f for f in fields if f.key not in PROPOSAL_KEYS))
        if earlier[-1].index == width:
            return earlier
    return plan
