"""Tables and figures are numbered in reading order, as a reader of such a document expects.

Builders create them unnumbered; one pass over the finished tree gives "Tablo 1", "Tablo 2"…
and "Şekil 1"… so that a dataset with more sub-programs simply shifts the numbers.
"""

from __future__ import annotations

from dataclasses import replace

from karne.core.report_content.model import Block, Figure, Report, Section, Table


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


def number_report(report: Report) -> Report:
    counter = _Counter()
    return replace(report, sections=tuple(counter.section(s) for s in report.sections))
