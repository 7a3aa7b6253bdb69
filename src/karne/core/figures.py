"""Live figures in a section's text: a reference the document renders from its own evaluation.

A unit that writes "2023 yılında [[gosterge:GYH-01:gerceklesme]] ikamet izni düzenlenmiştir"
gets the year-end value the indicator tables print, in the tables' Turkish format; when a value
is corrected, the text follows. The reference names a kind, a code and a measure:

- `gosterge:<code>:hedef|gerceklesme|oran|durum` — a performance-programme indicator's target,
  year-end value, realization rate and status;
- `sp:<code>:hedef|gerceklesme|performans` — a strategic-plan indicator's target (B), actual (C)
  and performance;
- `amac:<code>:performans` — a strategic-plan objective's weighted performance;
- `butce:kbo|toplam-odenek|harcama|oran|cari|yatirim|devreden` — the year's budget: initial
  appropriation, total appropriation, spending and its rate, the initial appropriation's
  current (01–05) and investment (06–07) parts, and the appropriations carried over into the
  year from earlier years (`budget_carryover.csv`);
- `program:<code>:maliyet` — a programme's or sub-programme's cost (`GY`, `GY.GYH`) in the
  year's performance programme;
- `personel:toplam` — the document's staff;
- `bilisim:toplam` — the document's IT inventory (the items its table adds up);
- `fiziki:<item>:mevcut` — a row of the document's physical resources table by its name, in
  any case ("fiziki:Merkez Bina Toplam Alanı:mevcut"); items joined by "+" print their sum
  ("fiziki:Merkez Bina Toplam Alanı + Ek Hizmet Binası Toplam Alanı:mevcut"), when they share
  one unit — so a text's building total is the sum of the areas its table lists.

A reference to a table or a figure of the document — `[[tablo:fr.budget_execution]]`,
`[[sekil:organisation.chart]]` — prints its number ("Tablo 5", "Şekil 1"); it is resolved once
the document is numbered (`report_content.numbering`), so a cross-reference never points to the
wrong table when tables are added.

A reference that names nothing the evaluation has is refused when the text is saved (so a
unit sees the mistake while writing), and a document built with one prints it between "[[" and
"]]" so a reader sees it too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from karne.core.costs import CostColumn
from karne.core.evaluation import Evaluation
from karne.core.formatting import format_auto, format_money, format_percent
from karne.core.records import CostMeasure
from karne.core.textcase import tr_lower

REFERENCE = re.compile(r"\[\[([^\[\]\n]{1,120})\]\]")

# The measures of each kind, with a word for the editor's help.
MEASURES: dict[str, tuple[str, ...]] = {
    "gosterge": ("hedef", "gerceklesme", "oran", "durum"),
    "sp": ("hedef", "gerceklesme", "performans"),
    "amac": ("performans",),
    "butce": ("kbo", "toplam-odenek", "harcama", "oran", "cari", "yatirim", "devreden"),
    "program": ("maliyet",),
    "personel": ("toplam",),
    "bilisim": ("toplam",),
    "fiziki": ("mevcut",),
}


# Kinds of one figure per document or year, written `kind:measure` (no code).
WHOLE_KINDS = ("butce", "personel", "bilisim")

# Kinds that name a table or a figure of the document: left as written here, numbered later.
DOCUMENT_REFERENCES = ("tablo", "sekil")


@dataclass(frozen=True)
class Unknown:
    """A reference that names nothing: what was written and why it is not a figure."""

    reference: str
    reason: str


def references(text: str) -> list[str]:
    return [m.group(1).strip() for m in REFERENCE.finditer(text)]


def _pp(evaluation: Evaluation, code: str, measure: str) -> str | None:
    found = next((i for i in evaluation.indicators if i.code == code), None)
    if found is None:
        return None
    if measure == "hedef":
        return format_auto(found.target)
    if measure == "gerceklesme":
        return format_auto(found.year_end)
    if measure == "oran":
        return format_percent(found.rate)
    return found.status.value if found.status is not None else "-"


def _sp(evaluation: Evaluation, code: str, measure: str) -> str | None:
    found = next((i for i in evaluation.sp_indicators if i.code == code), None)
    if found is None:
        return None
    if measure == "hedef":
        return format_auto(found.target)
    if measure == "gerceklesme":
        return format_auto(found.actual)
    return format_percent(found.performance.value)


def _objective(evaluation: Evaluation, code: str, measure: str) -> str | None:
    found = next((o for o in evaluation.objectives if o.code == code), None)
    return None if found is None else format_percent(found.performance.value)


def _budget(evaluation: Evaluation, code: str, measure: str) -> str | None:
    total = evaluation.budget.economic_total
    line = total.execution
    if measure == "kbo":
        return format_money(total.kbo)
    if measure in ("cari", "yatirim"):
        return format_money(evaluation.budget.kbo_split(investment=measure == "yatirim"))
    if measure == "devreden":
        carried = evaluation.budget.carried_over
        return "-" if carried is None else format_money(carried)
    if line is None:
        return "-"
    if measure == "toplam-odenek":
        return format_money(line.total_appropriation)
    if measure == "harcama":
        return format_money(line.spent)
    return format_percent(line.realization_rate)


PROGRAM_LEVELS = ("program", "sub_program")


def _program(evaluation: Evaluation, code: str, measure: str) -> str | None:
    for tables in evaluation.costs:
        column = CostColumn(evaluation.year, CostMeasure.BUDGET)
        row = next(
            (r for r in tables.by_activity if r.code == code and r.level in PROGRAM_LEVELS), None
        )
        if row is not None and column in tables.columns:
            return format_money(row.cell(column).total)
    return None


def _physical(evaluation: Evaluation, document: str, items: str, reference: str) -> str | Unknown:
    known = []
    for name in items.split("+"):
        found = evaluation.physical_item(document, name)
        if found is None:
            return Unknown(reference, "bilinmeyen kod")
        known.append(found)
    if len({tr_lower(f.unit) for f in known}) > 1:
        return Unknown(reference, "farklı birimler")
    return format_auto(sum((f.value for f in known), Decimal(0)))


Lookup = Callable[[Evaluation, str, str], str | None]
_LOOKUPS: dict[str, Lookup] = {
    "gosterge": _pp,
    "sp": _sp,
    "amac": _objective,
    "butce": _budget,
    "program": _program,
}


def figure(reference: str, evaluation: Evaluation, document: str) -> str | Unknown:
    """The figure a reference names, formatted as the tables print it."""
    parts = [p.strip() for p in reference.split(":")]
    kind = parts[0] if parts else ""
    if kind not in MEASURES:
        return Unknown(reference, "bilinmeyen tür")
    if kind in WHOLE_KINDS:
        if len(parts) != 2 or parts[1] not in MEASURES[kind]:
            return Unknown(reference, "bilinmeyen ölçü")
        if kind in ("personel", "bilisim"):
            total = (
                evaluation.staff_of(document).total
                if kind == "personel"
                else evaluation.it_total_of(document)
            )
            return "-" if total is None else format_auto(total)
        return _budget(evaluation, "", parts[1]) or Unknown(reference, "bilinmeyen ölçü")
    if len(parts) != 3 or parts[2] not in MEASURES[kind]:
        return Unknown(reference, "bilinmeyen ölçü")
    if kind == "fiziki":
        return _physical(evaluation, document, parts[1], reference)
    found = _LOOKUPS[kind](evaluation, parts[1], parts[2])
    return Unknown(reference, "bilinmeyen kod") if found is None else found


def is_document_reference(reference: str) -> bool:
    kind, _sep, key = reference.partition(":")
    return kind.strip() in DOCUMENT_REFERENCES and bool(key.strip())


def unknown(text: str, evaluation: Evaluation, document: str) -> list[Unknown]:
    """The references of a text that name nothing, in order (a table or figure reference is
    checked when the document is numbered)."""
    return [
        found
        for ref in references(text)
        if not is_document_reference(ref)
        and isinstance(found := figure(ref, evaluation, document), Unknown)
    ]


def render(text: str, evaluation: Evaluation, document: str) -> str:
    """The text with every reference replaced by its figure (an unknown one kept visible)."""

    def replace(match: re.Match[str]) -> str:
        reference = match.group(1).strip()
        if is_document_reference(reference):
            return match.group(0)  # numbered with the document
        found = figure(reference, evaluation, document)
        return f"[[{found.reference}]]" if isinstance(found, Unknown) else found

    return REFERENCE.sub(replace, text)
