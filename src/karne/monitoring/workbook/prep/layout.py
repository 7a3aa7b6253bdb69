"""Where each figure of a unit's preparation proposal sits in its two workbooks.

A proposal is two forms, each a workbook of one sheet: the targets (one row per indicator the
unit continues: its earlier figures read-only, then the target for P and the forecasts for
P+1 and P+2, and "Onay" to confirm a figure the magnitude rule questions) and the costs (one
row per activity × economic code × budget source: the P−1 budget read-only, then the three
years). The columns depend only on the form and the programme's year, so the preview builds
the same plan from the signed identity. A hidden key column (column A) names the row; a hidden
state column after the inputs keeps each cell's version and the figure it showed, written
"3:1250000|0:1200000|0:" (covered by the workbook's signature, `identity`).
"""

from __future__ import annotations

from dataclasses import dataclass

from karne.core.forms import CONFIRM_YES, FieldKind, FormField
from karne.core.preparation import proposal_years
from karne.monitoring.workbook.layout import Column

TARGETS = "hazirlik-hedefleri"  # the forms inside the workbooks' identity
COSTS = "hazirlik-maliyetleri"
FORMS = (TARGETS, COSTS)
PERIOD = "hazirlik"  # the identity's period: a preparation has no quarter
SHEETS = {TARGETS: "Hedefler", COSTS: "Maliyetler"}
# The forms' names in a sentence ("… biriminin 2024 programı hedef önerileri …").
FORM_LABELS = {TARGETS: "hedef önerileri", COSTS: "maliyet önerileri"}
HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1
EARLIER_YEARS = 3  # the targets' read-only figures: the three years before the programme's
STATE = FormField("state", "Satır durumu", FieldKind.KEY)
CELL_SEPARATOR = "|"
PART_SEPARATOR = ":"
CONFIRM = FormField("confirm", "Onay", FieldKind.CHOICE, editable=True, choices=(CONFIRM_YES,))


def input_key(year: int) -> str:
    return f"year-{year}"


def earlier_key(year: int) -> str:
    return f"before-{year}"


def _fields(form: str, year: int) -> list[FormField]:
    inputs = [
        FormField(input_key(y), str(y), FieldKind.NUMBER, editable=True)
        for y in proposal_years(year)
    ]
    if form == TARGETS:
        return [
            FormField("code", "Gösterge kodu", FieldKind.KEY),
            FormField("name", "Gösterge", FieldKind.TEXT),
            FormField("unit", "Ölçü birimi", FieldKind.TEXT),
            *(
                FormField(earlier_key(y), str(y), FieldKind.NUMBER)
                for y in range(year - EARLIER_YEARS, year)
            ),
            *inputs,
            CONFIRM,
        ]
    return [
        FormField("code", "Maliyet satırı", FieldKind.KEY),
        FormField("activity", "Faaliyet", FieldKind.TEXT),
        FormField("economic", "Ekonomik kod", FieldKind.TEXT),
        FormField("source", "Kaynak", FieldKind.TEXT),
        FormField(earlier_key(year - 1), str(year - 1), FieldKind.NUMBER),
        *inputs,
    ]


def columns(form: str, year: int) -> tuple[Column, ...]:
    """Every column of the form's sheet, in order; the state column is technical (no field)."""
    fields = _fields(form, year)
    own = [Column(f.key, f.label, i, f) for i, f in enumerate(fields, start=1)]
    return (*own, Column(STATE.key, STATE.label, len(own) + 1, None))


def by_key(form: str, year: int) -> dict[str, Column]:
    return {c.key: c for c in columns(form, year)}


@dataclass(frozen=True)
class CellState:
    """What one proposed figure was when exported: its version and the figure it showed."""

    version: int
    value: str  # `decimal_text` of the figure, "" for none


def state_text(states: list[CellState]) -> str:
    return CELL_SEPARATOR.join(f"{s.version}{PART_SEPARATOR}{s.value}" for s in states)


def parse_state(text: str, count: int) -> list[CellState] | None:
    parts = text.split(CELL_SEPARATOR)
    if len(parts) != count:
        return None
    states = []
    for part in parts:
        version, separator, value = part.partition(PART_SEPARATOR)
        if not separator or not version.isdigit():
            return None
        states.append(CellState(int(version), value))
    return states
