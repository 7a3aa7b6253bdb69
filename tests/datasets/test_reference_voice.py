"""The reference dataset's printed texts speak as the administration, not as a reviewer.

Every narrative text the generated documents print (section summaries and lists, the strategic
plan's deviation reasons and measures, its indicators' evaluations, the units' explanations of
the realizations, the programmes' rationales and activity descriptions, the notes of the
physical-resource table) is the administration's own text. Remarks about an original document
("metinde …", "basılmamıştır", "(metne aktarılmamıştır)", "… belirtiliyor") belong to the audit,
not to the document.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from karne.core.records import Dataset, ResourceCategory
from karne.core.textcase import tr_lower

REVIEWER_MARKERS = (
    "metinde",
    "metne aktarıl",
    "basılmamış",
    "belirtilir",
    "belirtiliyor",
    "görünüyor",
    "olumsuzluk eki",
    "administration.yaml",
    "imzasını taşır",
    "hatırlatılır",
    "listelenir",
    "(ör.",
    "tam metin",
)


def printed_texts(dataset: Dataset) -> Iterator[tuple[str, str]]:
    """(where, text) for every narrative text a generated document may print."""
    for narrative in dataset.narratives:
        for section in narrative.sections:
            where = f"narrative.yaml {narrative.document} {section.id}"
            yield f"{where} summary", section.summary
            for n, item in enumerate(section.items, 1):
                yield f"{where} item {n}", item
    for plan in dataset.strategic_plans:
        for aim in plan.aims:
            for objective in aim.objectives:
                where = f"strategic_plan.yaml {plan.code} {objective.code}"
                yield f"{where} deviation_reason", objective.deviation_reason
                yield f"{where} measures", objective.measures
    for indicator in dataset.sp_indicators:
        where = f"sp_indicators.csv {indicator.code}"
        yield f"{where} relevance", indicator.relevance
        yield f"{where} effectiveness", indicator.effectiveness
        yield f"{where} efficiency", indicator.efficiency
        yield f"{where} sustainability", indicator.sustainability
    for structure in dataset.program_structures:
        for program in structure.programs:
            for sub in program.sub_programs:
                yield f"programs.yaml {structure.year} {sub.code} rationale", sub.rationale
                for activity in sub.activities:
                    where = f"programs.yaml {structure.year} {activity.code}"
                    yield f"{where} description", activity.description
    for r in dataset.realizations:
        yield f"realizations.csv {r.indicator} {r.year} {r.period}", r.explanation
    for resource in dataset.resources:
        if resource.category is ResourceCategory.PHYSICAL:  # the note is a column of the table
            yield f"resources.csv {resource.document} {resource.item} note", resource.note


def test_the_texts_are_there(reference: Dataset) -> None:
    texts = [text for _, text in printed_texts(reference) if text]
    assert len(texts) > 100


@pytest.mark.parametrize("marker", REVIEWER_MARKERS)
def test_no_printed_text_remarks_on_a_source_document(reference: Dataset, marker: str) -> None:
    found = [
        f"{where}: {text}"
        for where, text in printed_texts(reference)
        if tr_lower(marker) in tr_lower(text)
    ]
    assert found == []


def test_the_sp_indicator_evaluations_are_there_without_markup(reference: Dataset) -> None:
    evaluations = [
        text
        for where, text in printed_texts(reference)
        if where.startswith("sp_indicators.csv") and text
    ]
    assert len(evaluations) == 39 * 4
    assert [t for t in evaluations if "<" in t or ">" in t] == []


def test_the_markers_match_with_turkish_casing() -> None:
    assert tr_lower("METİNDE %109 oranı BELİRTİLİR") == "metinde %109 oranı belirtilir"
    assert any(tr_lower(m) in tr_lower("METNE AKTARILMAMIŞTIR") for m in REVIEWER_MARKERS)
