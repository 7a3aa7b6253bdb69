"""Narrative text of a section, taken from the dataset's `narrative.yaml` by section id.

The generated document's section tree is fixed by its kind; the words in it are the
administration's, written by its units in the markup of `karne.core.markup`, with live figures
(`karne.core.figures`) rendered from the same evaluation as the tables. A section the dataset
says nothing about still carries its tables.
"""

from __future__ import annotations

from collections.abc import Callable

from karne.core.figures import render
from karne.core.markup import Heading, Items, Para, parse
from karne.core.report_content.context import ReportContext
from karne.core.report_content.model import Block, Section, Signature, bullets, paragraph


def text_blocks(body: str, figures: Callable[[str], str]) -> list[Block]:
    """A section's written text as the document's blocks, `figures` rendering its live
    figures (the document's evaluation; the editor's preview uses the same)."""
    blocks: list[Block] = []
    for block in parse(body):
        if isinstance(block, Items):
            blocks.append(bullets([figures(i) for i in block.items]))
        else:
            bold = isinstance(block, Heading) or (isinstance(block, Para) and block.bold)
            blocks.append(paragraph(figures(block.text), emphasis=bold))
    return blocks


def narrative_blocks(ctx: ReportContext, key: str, *, signed: bool = True) -> tuple[Block, ...]:
    section = ctx.narrative(key)
    if section is None:
        return ()
    blocks: list[Block] = []
    if section.summary:
        blocks.extend(
            text_blocks(section.summary, lambda t: render(t, ctx.evaluation, ctx.document.code))
        )
    if section.items:
        blocks.append(bullets(section.items))
    if signed and section.signatory:
        blocks.append(
            Signature(section.signatory, section.signatory_title, section.place, section.date)
        )
    return tuple(blocks)


def foreword(ctx: ReportContext) -> Section:
    """The foreword of the administration's head, under the dataset's own id and title — a
    president's "BAŞKAN SUNUŞU" (`baskan-sunusu`), a rector's "REKTÖR SUNUŞU" (`rektor-sunusu`):
    the section named `sunus` or `…-sunusu`; "SUNUŞ" where the dataset has none."""
    found = next(
        (s for s in ctx.narrative_sections() if s.id == "sunus" or s.id.endswith("-sunusu")),
        None,
    )
    key = found.id if found is not None else "sunus"
    title = found.title if found is not None and found.title else "SUNUŞ"
    return Section(key, title, blocks=narrative_blocks(ctx, key), new_page=True)


def titled(ctx: ReportContext, key: str, default: str) -> str:
    """The dataset's title for a section where it gives one, else the standard title."""
    section = ctx.narrative(key)
    return section.title if section is not None and section.title else default


def collect(*items: Block | tuple[Block, ...] | None) -> tuple[Block, ...]:
    """Flatten blocks, dropping the tables and figures a dataset has no data for."""
    out: list[Block] = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, tuple):
            out.extend(item)
        else:
            out.append(item)
    return tuple(out)
