"""The entry forms described once, for both of their faces: the web page and the workbook.

A form is a list of fields per indicator row: what each one is called (a Turkish msgid; the
caller translates), whether the person fills it in or only reads it, what it holds, and the
rules it is checked by. The web view takes its input names from here and the workbook its
columns, so a field added here is a field of both. The checks themselves are the core's
(`karne.core.plausibility`, the pace rule of `karne.core.workflow`); the server runs them on
whatever arrives, from either face.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from karne.core.periods import QUARTERS, SP_PERIODS, PeriodCode, SPPeriodCode
from karne.core.plausibility import EXPLANATION_LIMIT


class FieldKind(StrEnum):
    KEY = "key"  # the machine identity of the row: never typed, never shown to be typed
    TEXT = "text"
    NUMBER = "number"
    CHOICE = "choice"


@dataclass(frozen=True)
class FormField:
    """One field of every row. `ratio_only`: only an indicator with parts (pay / payda) has it;
    `proposal_only`: only a row with a figure computed from the events (its proposal) has it;
    `max_length` for text, `choices` for a choice (their Turkish words)."""

    key: str
    label: str
    kind: FieldKind
    editable: bool = False
    ratio_only: bool = False
    proposal_only: bool = False
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    help: str = ""


CONFIRM_YES = "Evet"

# The rules each row is checked by on the server, in the words a form can print beside it.
RULES = (
    "Bir sayı göstergesinin değeri negatif olamaz.",
    "Oran 0 ile üst sınırı arasında olmalı; pay ve payda birlikte girilmeli.",
    "Önceki en büyük değerin 100 katından büyük ya da yüzde birinden küçük bir değer onay ister.",
    "Değer hedefin gerektirdiği hızdan sapıyorsa sapmanın nedeni açıklanmalı.",
)


def earlier_quarters(period: PeriodCode) -> tuple[PeriodCode, ...]:
    """The quarters of the year before this one: shown read-only beside the input."""
    return QUARTERS[: QUARTERS.index(period)] if period in QUARTERS else QUARTERS


# What the person fills in, the same in every quarter.
INPUTS = (
    FormField("value", "Değer", FieldKind.NUMBER, editable=True, help="örnek: 1.234,5"),
    FormField("num", "Pay", FieldKind.NUMBER, editable=True, ratio_only=True),
    FormField("den", "Payda", FieldKind.NUMBER, editable=True, ratio_only=True),
    FormField("exp", "Açıklama", FieldKind.TEXT, editable=True, max_length=EXPLANATION_LIMIT),
    FormField(
        "confirm",
        "Onay",
        FieldKind.CHOICE,
        editable=True,
        choices=(CONFIRM_YES,),
        help="olağan dışı bir değeri onaylamak için",
    ),
)

# The figure computed from the events beside a quarterly row (its proposal), read-only with its
# provenance in short ("definition · fingerprint"), and the reason an entry differs from it: the
# web form shows them under the row's input (`_proposal.html`), the workbook as its last columns.
PROPOSAL = (
    FormField("computed", "Hesaplanan değer", FieldKind.NUMBER, proposal_only=True),
    FormField("computed-by", "Hesaplama", FieldKind.TEXT, proposal_only=True),
    FormField(
        "reason",
        "Farklılık gerekçesi",
        FieldKind.TEXT,
        editable=True,
        proposal_only=True,
        max_length=EXPLANATION_LIMIT,
    ),
)
PROPOSAL_KEYS = frozenset(f.key for f in PROPOSAL)

# The keys of the figures a person types: the web form's number inputs.
INPUT_NUMBERS = tuple(f.key for f in INPUTS if f.kind is FieldKind.NUMBER)


def quarterly_fields(period: PeriodCode) -> tuple[FormField, ...]:
    """The fields of one indicator row of the quarterly form of `period`, in reading order."""
    return (
        FormField("code", "Gösterge kodu", FieldKind.KEY),
        FormField("name", "Gösterge", FieldKind.TEXT),
        FormField("unit", "Ölçü birimi", FieldKind.TEXT),
        FormField("target", "Hedef", FieldKind.NUMBER),
        *(
            FormField(f"earlier-{q.value}", f"{q.quarter}. çeyrek", FieldKind.NUMBER)
            for q in earlier_quarters(period)
        ),
        *INPUTS,
        *PROPOSAL,
    )


# The strategic plan's form: C and its reason; a plan's indicator has no parts.
SP_INPUTS = tuple(f for f in INPUTS if not f.ratio_only)


def sp_fields(period: SPPeriodCode) -> tuple[FormField, ...]:
    """The fields of one SP indicator row at a half-year or a year-end: A and B beside the
    input, and the half-year's value at the year-end."""
    return (
        FormField("code", "Gösterge kodu", FieldKind.KEY),
        FormField("name", "Gösterge", FieldKind.TEXT),
        FormField("unit", "Ölçü birimi", FieldKind.TEXT),
        FormField("baseline", "Başlangıç değeri", FieldKind.NUMBER),
        FormField("target", "Hedef", FieldKind.NUMBER),
        *(
            FormField(f"earlier-{p.value}", p.label_tr, FieldKind.NUMBER)
            for p in SP_PERIODS[: SP_PERIODS.index(period)]
        ),
        *SP_INPUTS,
    )
