"""Figures typed by hand into the documents' texts, checked like printed claims.

A typed figure equal to a live figure is right today but will not follow a correction: the
audit names the reference that would print it. One within a hundredth of exactly one live
figure, but not equal, is a likely slip (a staff count typed 13.219 where the tables print
13.209). Any other is counted as unchecked: karne has no figure to hold it against.
"""

from __future__ import annotations

from decimal import Decimal

from karne.core.audit.context import Context
from karne.core.audit.findings import Finding
from karne.core.audit.rules import RULES
from karne.core.figures import figure
from karne.core.typed_figures import catalogue, typed

NEAR = Decimal("0.01")


def check_typed(ctx: Context) -> tuple[list[Finding], int, int]:
    findings: list[Finding] = []
    checked = unchecked = 0
    documents = {d.code for d in ctx.dataset.documents if d.year == ctx.year}
    for narrative in ctx.dataset.narratives:
        if narrative.document not in documents:
            continue
        known = catalogue(ctx.evaluation, narrative.document)
        for section in narrative.sections:
            for text in (section.summary, *section.items):
                for shown, value, percent in typed(text):
                    found = _judge(
                        ctx, narrative.document, section.id, shown, value, percent, known
                    )
                    if found is None:
                        unchecked += 1
                        findings.append(
                            _finding(
                                "TYPED-FIGURE-UNCHECKED",
                                narrative.document,
                                section.id,
                                shown,
                                "",
                                f"Elle yazılmış {shown} karne'nin hesapladığı bir rakama karşılık "
                                "gelmiyor; doğruluğunu bir kişi denetlemeli.",
                            )
                        )
                    else:
                        checked += 1
                        findings.append(found)
    return findings, checked, unchecked


def _judge(
    ctx: Context,
    document: str,
    section: str,
    shown: str,
    value: Decimal,
    percent: bool,
    known: dict[tuple[Decimal, bool], list[str]],
) -> Finding | None:
    equal = known.get((value, percent))
    if equal:
        return _finding(
            "TYPED-FIGURE",
            document,
            section,
            shown,
            shown,
            f"Elle yazılmış {shown}, [[{equal[0]}]] ile aynı; canlı rakam olarak yazılırsa "
            "düzeltmeleri izler.",
        )
    close = [
        (k, refs)
        for k, refs in known.items()
        if k[1] == percent and k[0] != 0 and abs(value - k[0]) <= NEAR * abs(k[0])
    ]
    if len(close) != 1:
        return None
    _key, refs = close[0]
    expected = figure(refs[0], ctx.evaluation, document)
    return _finding(
        "TYPED-FIGURE-NEAR",
        document,
        section,
        shown,
        str(expected),
        f"Elle yazılmış {shown}, [[{refs[0]}]] rakamına ({expected}) çok yakın ama eşit değil; "
        "yazım hatası olabilir.",
    )


def _finding(
    rule: str, document: str, section: str, printed: str, expected: str, message: str
) -> Finding:
    return Finding(
        rule=rule,
        severity=RULES[rule].severity,
        document=document,
        table=section,
        row="",
        column="",
        printed=printed,
        expected=expected,
        message=message,
    )
