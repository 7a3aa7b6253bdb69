"""Figures typed by hand into a text, matched against the figures a live reference can cite.

A unit may write "13.118 başvuru sonuçlandırılmıştır" instead of citing
`[[gosterge:GYH-11:gerceklesme]]`. The typed figure does not follow a correction, so the audit
finds it like any printed claim: a typed figure equal to a live figure is named with the
reference that would print it; one equal to none is for a person to check. What counts as a
figure is what the documents print as one: a percentage ("%98,83"), a number with thousands
groups ("13.118", "9.508.170.000,00") or with decimals ("12,5"), a whole number of five digits
or more. Years, article numbers and small counts ("81 il", "5018 sayılı") are text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from karne.core.evaluation import Evaluation
from karne.core.figures import MEASURES, REFERENCE, WHOLE_KINDS, Unknown, figure
from karne.core.figures import PROGRAM_LEVELS as LEVELS
from karne.core.parsing import BadNumber, parse_number

_FIGURE = re.compile(
    r"(?<![\w.,%-])"
    r"(?P<sign>-)?(?P<percent>%\s?)?"
    r"(?P<number>-?(?:[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d{5,}))"
    r"(?![\w]|[.,]\d)"
)


@dataclass(frozen=True)
class TypedFigure:
    text: str  # as typed
    value: Decimal
    percent: bool
    references: tuple[str, ...]  # the live figures of equal value; empty: none


def typed(text: str) -> Iterator[tuple[str, Decimal, bool]]:
    """The figures typed in a text, its live references left out."""
    plain = REFERENCE.sub(" ", text)
    for match in _FIGURE.finditer(plain):
        try:
            value = parse_number(match.group("number"))
        except BadNumber:
            continue
        if value is not None:
            value = -value if match.group("sign") else value
            yield match.group(0).strip(), value, match.group("percent") is not None


def catalogue(evaluation: Evaluation, document: str) -> dict[tuple[Decimal, bool], list[str]]:
    """Every live figure of the document's year, by its value (and whether it is a
    percentage), with the references that print it."""
    references = [f"{kind}:{m}" for kind in WHOLE_KINDS for m in MEASURES[kind]]
    for kind, codes in (
        ("gosterge", [i.code for i in evaluation.indicators]),
        ("sp", [i.code for i in evaluation.sp_indicators]),
        ("amac", [o.code for o in evaluation.objectives]),
        (
            "program",
            sorted({r.code for t in evaluation.costs for r in t.by_activity if r.level in LEVELS}),
        ),
    ):
        references += [f"{kind}:{code}:{m}" for code in codes for m in MEASURES[kind]]
    references += [f"fiziki:{p.item}:mevcut" for p in evaluation.physical if p.document == document]
    out: dict[tuple[Decimal, bool], list[str]] = {}
    for reference in references:
        shown = figure(reference, evaluation, document)
        if isinstance(shown, Unknown):
            continue
        for _text, value, percent in typed(shown):
            out.setdefault((value, percent), []).append(reference)
    return out


def typed_figures(text: str, evaluation: Evaluation, document: str) -> list[TypedFigure]:
    """The figures typed in a text, each with the live references of equal value."""
    found = list(typed(text))
    if not found:
        return []
    known = catalogue(evaluation, document)
    return [
        TypedFigure(shown, value, percent, tuple(known.get((value, percent), ())))
        for shown, value, percent in found
    ]
