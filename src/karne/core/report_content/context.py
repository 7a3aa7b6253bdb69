"""What every builder of a report needs: the dataset, the year, its evaluation, and lookups."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from karne.core.documents import of_kind
from karne.core.evaluation import Evaluation, evaluate
from karne.core.records import (
    Dataset,
    Document,
    DocumentKind,
    NarrativeSection,
    Program,
    Resource,
    ResourceCategory,
    SubProgram,
)
from karne.core.textcase import tr_upper

_DEFAULT_TITLES = {
    DocumentKind.PERFORMANS_PROGRAMI: "{year} Yılı Performans Programı",
    DocumentKind.FAALIYET_RAPORU: "{year} Yılı Faaliyet Raporu",
}
_CODE_PREFIX = {DocumentKind.PERFORMANS_PROGRAMI: "PP", DocumentKind.FAALIYET_RAPORU: "FR"}


@dataclass(frozen=True)
class ReportContext:
    dataset: Dataset
    year: int
    kind: DocumentKind
    evaluation: Evaluation
    generated_on: date
    document: Document = field(init=False)

    def __post_init__(self) -> None:
        found = next(iter(of_kind(self.dataset.documents, self.kind, self.year)), None)
        if found is None:
            found = Document(
                code=f"{_CODE_PREFIX[self.kind]}{self.year}",
                kind=self.kind,
                year=self.year,
                title=_DEFAULT_TITLES[self.kind].format(year=self.year),
            )
        object.__setattr__(self, "document", found)

    @property
    def organisation_year(self) -> int:
        """The year whose organisation (units, duties) the document describes: an Activity
        Report its own year's, a Performance Program the year it is prepared in (the year
        before its own), as it stood when it was written."""
        return self.year - 1 if self.kind is DocumentKind.PERFORMANS_PROGRAMI else self.year

    @property
    def admin_name(self) -> str:
        return self.dataset.administration.name

    @property
    def admin_upper(self) -> str:
        return tr_upper(self.dataset.administration.name)

    def unit_name(self, code: str | None) -> str:
        if not code:
            return ""
        return next((u.name for u in self.dataset.units if u.code == code), code)

    def narrative(self, key: str) -> NarrativeSection | None:
        return next((s for s in self.narrative_sections() if s.id == key), None)

    def narrative_sections(self) -> tuple[NarrativeSection, ...]:
        """This document's sections of narrative, in the dataset's order."""
        return tuple(
            section
            for narrative in self.dataset.narratives
            if narrative.document == self.document.code
            for section in narrative.sections
        )

    def programs(self) -> tuple[Program, ...]:
        structure = self.dataset.structure_for(self.year)
        return structure.programs if structure else ()

    def sub_programs(self) -> tuple[tuple[Program, SubProgram], ...]:
        return tuple((p, s) for p in self.programs() for s in p.sub_programs)

    def resources(self, category: ResourceCategory) -> tuple[Resource, ...]:
        """This document's resources of one category, in the dataset's order."""
        return tuple(
            r
            for r in self.dataset.resources
            if r.document == self.document.code and r.category is category
        )


def make_context(
    dataset: Dataset, year: int, kind: DocumentKind, generated_on: date
) -> ReportContext:
    return ReportContext(dataset, year, kind, evaluate(dataset, year), generated_on)
