"""Tables and figures are numbered in reading order, as a reader of such a document expects.

Builders create them unnumbered; one pass over the finished tree gives "Tablo 1", "Tablo 2"…
and "Şekil 1"… so that a dataset with more sub-programs simply shifts the numbers. A second pass
resolves the text's references to them (`[[tablo:<key>]]`, `[[sekil:<key>]]`, written by the
units — `karne.core.figures`) to those numbers, so a cross-reference follows its table.
"""

from __future__ import annotations

import re
from dataclasses import replace

from karne.core.figures import REFERENCE
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


def labels(report: Report) -> dict[str, str]:
    """Each table's and figure's reference ("tablo:fr.budget_execution") → its number's words
    ("Tablo 5"); where two share a key, the first."""
    out: dict[str, str] = {}
    for top in report.sections:
        for _depth, section in top.walk():
            for block in section.blocks:
                if isinstance(block, Table):
                    out.setdefault(f"tablo:{block.key}", f"Tablo {block.number}")
                elif isinstance(block, Figure):
                    out.setdefault(f"sekil:{block.key}", f"Şekil {block.number}")
    return out


def _resolve(text: str, found: dict[str, str]) -> str:
    def replace_one(match: re.Match[str]) -> str:
        kind, _sep, key = match.group(1).strip().partition(":")
        return found.get(f"{kind.strip()}:{key.strip()}", match.group(0))

    return REFERENCE.sub(replace_one, text) if "[[" in text else text


def _references(section: Section, found: dict[str, str]) -> Section:
    blocks: list[Block] = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            block = replace(block, text=_resolve(block.text, found))
        elif isinstance(block, BulletList):
            block = replace(block, items=tuple(_resolve(i, found) for i in block.items))
        blocks.append(block)
    children = tuple(_references(s, found) for s in section.sections)
    return replace(section, blocks=tuple(blocks), sections=children)


def number_report(report: Report) -> Report:
    counter = _Counter()
    numbered = replace(report, sections=tuple(counter.section(s) for s in report.sections))
    found = labels(numbered)
    return replace(numbered, sections=tuple(_references(s, found) for s in numbered.sections))
