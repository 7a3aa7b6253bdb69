"""Reads of the documents' text: every section with who writes it and where it stands, and one
section's page — its draft, the approved text, the preview with its figures, its history."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.utils import timezone

from karne.accounts.access import User, can, require, section_for
from karne.accounts.models import Membership
from karne.core.evaluation import evaluate
from karne.core.figures import MEASURES, render
from karne.core.permissions import Capability
from karne.core.records import Dataset, DocumentKind
from karne.core.report_content.build import build_report
from karne.core.report_content.model import Block, Figure, Table
from karne.core.report_content.narrative import text_blocks
from karne.core.section_flow import SectionState, editable
from karne.datasets.selectors import dataset_read
from karne.organisation.models import Document, Unit
from karne.publications.models import NarrativeSection, SectionRevision, SectionWork


@dataclass(frozen=True)
class SectionLine:
    document: str
    section: str
    number: str
    title: str
    depth: int
    unit: str  # the code of the unit that writes it; "" the strategy unit
    unit_name: str
    state: SectionState
    mine: bool  # the person may write it


@dataclass(frozen=True)
class DocumentSections:
    code: str
    title: str
    year: int
    sections: tuple[SectionLine, ...]


def _works(sections: list[NarrativeSection]) -> dict[int, SectionWork]:
    return {
        w.section_id: w
        for w in SectionWork.objects.filter(section__in=sections).select_related("unit")
    }


def document_sections(user: User) -> list[DocumentSections]:
    """The administration's documents with their sections, newest year first."""
    membership = require(user, Capability.NARRATIVE_VIEW)
    out: list[DocumentSections] = []
    documents = Document.objects.filter(administration=membership.administration).order_by(
        "-year", "code"
    )
    for document in documents:
        sections = list(document.sections.all())
        if not sections:
            continue
        works = _works(sections)
        lines = []
        for s in sections:
            work = works.get(s.pk)
            unit = work.unit if work is not None else None
            lines.append(
                SectionLine(
                    document=document.code,
                    section=s.section_id,
                    number=s.number,
                    title=s.title,
                    depth=s.section_id.count("."),
                    unit=unit.code if unit else "",
                    unit_name=unit.name if unit else "",
                    state=SectionState(work.state) if work else SectionState.APPROVED,
                    mine=can(membership, Capability.NARRATIVE_EDIT, unit.code if unit else None),
                )
            )
        out.append(DocumentSections(document.code, document.title, document.year, tuple(lines)))
    return out


@dataclass(frozen=True)
class Revision:
    version: int
    state: SectionState
    username: str
    at: datetime.datetime
    note: str
    body: str


@dataclass(frozen=True)
class SectionPage:
    membership: Membership
    document: str
    document_title: str
    year: int
    section: str
    number: str
    title: str
    unit: str
    unit_name: str
    state: SectionState
    draft: str
    approved: str
    note: str
    version: int
    updated_by: str
    preview: tuple[Block, ...]
    history: tuple[Revision, ...]
    can_edit: bool
    can_submit: bool
    can_review: bool
    units: tuple[tuple[str, str], ...]  # (code, name) for the strategy unit's assignment
    measures: dict[str, tuple[str, ...]]
    # The document's tables and figures a writer may refer to: (number's words, title, syntax).
    targets: tuple[tuple[str, str, str], ...] = ()


def reference_targets(
    document: Document, dataset: Callable[[], Dataset]
) -> tuple[tuple[str, str, str], ...]:
    """The tables and figures of the document as it is built now, with the reference that
    prints each one's number in a text (the document is built for it: a tenth of a second)."""
    try:
        kind = DocumentKind(document.kind)
    except ValueError:
        return ()
    report = build_report(dataset(), document.year, kind, timezone.localdate())
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for top in report.sections:
        for _depth, section in top.walk():
            for block in section.blocks:
                if isinstance(block, Table | Figure):
                    word = "tablo" if isinstance(block, Table) else "sekil"
                    syntax = f"[[{word}:{block.key}]]"
                    if syntax not in seen:
                        seen.add(syntax)
                        out.append((block.label.split(".")[0], block.title, syntax))
    return tuple(out)


def preview_blocks(
    document: Document, body: str, dataset: Callable[[], Dataset]
) -> tuple[Block, ...]:
    """The draft as the document will print it, its figures rendered from the year's data
    by the documents' own evaluation (the dataset is read only when the text cites one)."""
    if "[[" not in body:
        return tuple(text_blocks(body, lambda text: text))
    evaluation = evaluate(dataset(), document.year)
    return tuple(text_blocks(body, lambda text: render(text, evaluation, document.code)))


def section_page(user: User, document: str, section: str) -> SectionPage:
    membership, narrative, work = section_for(user, document, section, Capability.NARRATIVE_VIEW)
    unit = work.unit
    unit_code = unit.code if unit else None
    state = SectionState(work.state)
    can_edit = editable(state) and can(membership, Capability.NARRATIVE_EDIT, unit_code)
    review = can(membership, Capability.NARRATIVE_REVIEW, unit_code)
    history = tuple(
        Revision(r.version, SectionState(r.state), r.username, r.at, r.note, r.body)
        for r in SectionRevision.objects.filter(section=narrative).order_by("-version")[:20]
    )
    code = membership.administration.code
    dataset = cache(lambda: dataset_read(administration=code))  # read once for the page
    units: tuple[tuple[str, str], ...] = ()
    if review:
        units = tuple(
            Unit.objects.filter(administration=membership.administration)
            .order_by("position")
            .values_list("code", "name")
        )
    return SectionPage(
        membership=membership,
        document=narrative.document.code,
        document_title=narrative.document.title,
        year=narrative.document.year,
        section=narrative.section_id,
        number=narrative.number,
        title=narrative.title,
        unit=unit.code if unit else "",
        unit_name=unit.name if unit else "",
        state=state,
        draft=work.draft,
        approved=narrative.summary,
        note=work.note,
        version=work.version,
        updated_by=work.updated_by.get_username() if work.updated_by else "",
        preview=preview_blocks(narrative.document, work.draft, dataset),
        history=history,
        can_edit=can_edit,
        can_submit=state is SectionState.DRAFT
        and can(membership, Capability.NARRATIVE_EDIT, unit_code),
        can_review=review and state is SectionState.SUBMITTED,
        units=units,
        measures=MEASURES,
        targets=reference_targets(narrative.document, dataset) if can_edit else (),
    )
