"""Tables and figures are numbered in reading order, as a reader of such a document expects.

Builders create them unnumbered; one pass over the finished tree gives "Tablo 1", "Tablo 2"…
and "Şekil 1"… so that a dataset with more sub-programs simply shifts the numbers. A second pass
resolves the text's references to them (`[[tablo:<key>]]`, `[[sekil:<key>]]`, written by the
units — `karne.core.figures`) to those numbers, so a cross-reference follows its table.
"""

from __future__ import annotations

from dataclasses import replace

from karne.core.figures import REFERENCE
from karne.core.markup import Span, joined
from karne.core.report_content.model import (
    Block,
    BulletList,
    Figure,
    Paragraph,
    Report,
    Section,
    Table,
)


class _Counter:
    def __init__(self) -> None:
        self.tables = 0
        self.figures = 0

    def block(self, block: Block) -> Block:
        if isinstance(block, Table):
            self.tables += 1
            return replace(block, number=self.tables)
        if isinstance(block, Figure):
            self.figures += 1
            return replace(block, number=self.figures)
        return block

    def section(self, section: Section) -> Section:
        blocks = tuple(self.block(b) for b in section.blocks)
        children = tuple(self.section(s) for s in section.sections)
        return replace(section, blocks=blocks, sections=children)


def targets(report: Report) -> dict[str, tuple[str, int]]:
    """Each table's and figure's reference ("tablo:fr.budget_execution") → its number's words
    and its number (("Tablo 5", 5)); where two share a key, the first."""
    out: dict[str, tuple[str, int]] = {}
    for top in report.sections:
        for _depth, section in top.walk():
            for block in section.blocks:
                if isinstance(block, Table):
                    out.setdefault(f"tablo:{block.key}", (f"Tablo {block.number}", block.number))
                elif isinstance(block, Figure):
                    out.setdefault(f"sekil:{block.key}", (f"Şekil {block.number}", block.number))
    return out


def labels(report: Report) -> dict[str, str]:
    """Each table's and figure's reference → its number's words ("Tablo 5")."""
    return {ref: label for ref, (label, _number) in targets(report).items()}


def _split(span: Span, found: dict[str, tuple[str, int]]) -> list[Span]:
    """A run with its references cut out as runs of their own, each its label."""
    if "[[" not in span.text or span.ref:
        return [span]
    out: list[Span] = []
    last = 0
    for match in REFERENCE.finditer(span.text):
        kind, _sep, key = match.group(1).strip().partition(":")
        ref = f"{kind.strip()}:{key.strip()}"
        if ref not in found:
            continue  # not a reference of this document: printed as written
        if match.start() > last:
            out.append(replace(span, text=span.text[last : match.start()]))
        label, number = found[ref]
        out.append(Span(label, bold=span.bold, ref=ref, number=number))
        last = match.end()
    if last < len(span.text):
        out.append(replace(span, text=span.text[last:]))
    return out


def _resolve(runs: tuple[Span, ...], found: dict[str, tuple[str, int]]) -> tuple[Span, ...]:
    return tuple(piece for span in runs for piece in _split(span, found))


def _references(section: Section, found: dict[str, tuple[str, int]]) -> Section:
    blocks: list[Block] = []
    for block in section.blocks:
        if isinstance(block, Paragraph) and "[[" in block.text:
            runs = _resolve(block.runs, found)
            block = replace(block, text=joined(runs), spans=runs)
        elif isinstance(block, BulletList) and any("[[" in i for i in block.items):
            items = tuple(_resolve(runs, found) for runs in block.item_runs)
            block = replace(block, items=tuple(joined(r) for r in items), spans=items)
        blocks.append(block)
    children = tuple(_references(s, found) for s in section.sections)
    return replace(section, blocks=tuple(blocks), sections=children)


def number_report(report: Report) -> Report:
    counter = _Counter()
    numbered = replace(report, sections=tuple(counter.section(s) for s in report.sections))
    found = targets(numbered)
    return replace(numbered, sections=tuple(_references(s, found) for s in numbered.sections))
