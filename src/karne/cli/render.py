"""The evaluation as plain-text tables for a terminal (the `demo` and `evaluate` output)."""

from __future__ import annotations

from collections.abc import Sequence

from karne.core.evaluation import Evaluation
from karne.core.formatting import format_money, format_number, format_percent

_NAME_WIDTH = 46


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> str:
    """A boxless table: columns padded to their widest cell, numbers right-aligned."""
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)]) + "\n"


def _short(text: str, width: int = _NAME_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_evaluation(ev: Evaluation) -> str:
    places = ev.policy.rate_places
    parts = [f"\n{ev.administration} — {ev.year} değerlendirmesi / evaluation\n"]
    parts.append(f"\nPerformans programı göstergeleri / indicators ({len(ev.indicators)})\n")
    parts.append(
        table(
            ["Kod", "Gösterge", "Hedef", "Yılsonu", "Oran", "Durum"],
            [
                [
                    i.code,
                    _short(i.name),
                    format_number(i.target, 2 if i.target and i.target % 1 else 0),
                    format_number(i.year_end, 2 if i.year_end and i.year_end % 1 else 0),
                    format_percent(i.rate, places),
                    i.status.value if i.status else "-",
                ]
                for i in ev.indicators
            ],
            right={2, 3, 4},
        )
    )
    parts.append(f"\nStratejik plan hedefleri / SP objectives ({len(ev.objectives)})\n")
    parts.append(
        table(
            ["Hedef", "Performans", "Gösterge", "Ağırlık", "Tam"],
            [
                [
                    o.code,
                    format_percent(o.performance.value, ev.policy.sp_places),
                    str(len(o.indicators)),
                    format_number(o.performance.weight_total),
                    "evet" if o.performance.complete else "hayır",
                ]
                for o in ev.objectives
            ],
            right={1, 2, 3},
        )
    )
    rows = [r for r in ev.budget.economic if r.execution is not None]
    if rows:
        parts.append("\nBütçe gerçekleşmesi, ekonomik koda göre / budget execution (TL)\n")
        total = ev.budget.economic_total
        lines = [*((r.code, r.name, r.execution) for r in rows), ("", "Toplam", total.execution)]
        parts.append(
            table(
                ["Kod", "Açıklama", "KBÖ", "Toplam Ödenek", "Harcama", "Kalan", "Oran"],
                [
                    [
                        code,
                        _short(name, 34),
                        format_money(line.kbo),
                        format_money(line.total_appropriation),
                        format_money(line.spent),
                        format_money(line.remaining),
                        format_percent(line.realization_rate, ev.policy.budget_rate_places),
                    ]
                    for code, name, line in lines
                    if line is not None
                ],
                right={2, 3, 4, 5, 6},
            )
        )
    if ev.budget.by_activity:
        parts.append("\nProgram / alt program / faaliyet / by activity (TL)\n")
        indent = {"program": "", "sub_program": "  ", "activity": "    ", "total": ""}
        parts.append(
            table(
                ["Program sınıflandırması", "Ödenek", "Yılsonu Ödenek", "Gerçekleşme", "Oran"],
                [
                    [
                        indent[r.level] + _short(r.name, 44),
                        format_money(r.line.kbo, 0),
                        format_money(r.line.total_appropriation, 0),
                        format_money(r.line.spent, 0),
                        format_percent(r.line.realization_rate, ev.policy.budget_rate_places),
                    ]
                    for r in ev.budget.by_activity
                ],
                right={1, 2, 3, 4},
            )
        )
    return "".join(parts)
