"""Figures typed by hand into the documents' texts: found, and checked against live figures."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from karne.core.audit import audit
from karne.core.records import Dataset, NarrativeSection
from karne.core.typed_figures import typed


def test_figures_are_told_from_years_codes_and_small_counts() -> None:
    text = (
        "2023 yılında 81 ilde 13.118 başvuru (%98,83) sonuçlandı; artış -%6,25, ortalama 12,5 "
        "gün, 123456 kayıt. 5018 sayılı Kanun, 31.12.2023 tarihi, H1.1 hedefi ve "
        "[[gosterge:GYH-11:gerceklesme]] metin olarak kalır; 9.508.170.000,00 TL."
    )
    assert [(shown, value, percent) for shown, value, percent in typed(text)] == [
        ("13.118", Decimal(13118), False),
        ("%98,83", Decimal("98.83"), True),
        ("-%6,25", Decimal("-6.25"), True),
        ("12,5", Decimal("12.5"), False),
        ("123456", Decimal(123456), False),
        ("9.508.170.000,00", Decimal("9508170000.00"), False),
    ]


def with_text(dataset: Dataset, document: str, text: str) -> Dataset:
    narratives = tuple(
        replace(n, sections=(*n.sections, NarrativeSection("ek.metin", "", "Ek", text)))
        if n.document == document
        else n
        for n in dataset.narratives
    )
    return replace(dataset, narratives=narratives)


def typed_findings(dataset: Dataset) -> list[tuple[str, str, str, str]]:
    return [
        (f.rule, f.table, f.printed, f.expected)
        for f in audit(dataset, 2023).findings
        if f.rule.startswith("TYPED") and f.table == "ek.metin"
    ]


def test_a_typed_figure_equal_close_or_foreign_to_the_live_ones(reference: Dataset) -> None:
    # GYH-11's year-end is 94.506 (the four quarters summed); the initial appropriation is
    # 9.508.170.000,00
    text = "Sonuçlanan 94.506 başvuru; 94.507 dosya; 9.508.170.000 TL ödenek; 77.777 ziyaretçi."
    found = typed_findings(with_text(reference, "FR2023", text))
    assert found == [
        ("TYPED-FIGURE", "ek.metin", "94.506", "94.506"),
        ("TYPED-FIGURE-NEAR", "ek.metin", "94.507", "94.506"),
        ("TYPED-FIGURE", "ek.metin", "9.508.170.000", "9.508.170.000"),
        ("TYPED-FIGURE-UNCHECKED", "ek.metin", "77.777", ""),
    ]
    message = next(
        f.message
        for f in audit(with_text(reference, "FR2023", text), 2023).findings
        if f.rule == "TYPED-FIGURE" and f.printed == "94.506"
    )
    assert "[[gosterge:GYH-11:gerceklesme]]" in message


def test_live_figures_are_not_typed_figures(reference: Dataset) -> None:
    text = "Sonuçlanan [[gosterge:GYH-11:gerceklesme]] başvuru."
    assert typed_findings(with_text(reference, "FR2023", text)) == []


def test_a_typed_building_area_is_matched_with_its_table_row(reference: Dataset) -> None:
    """An area typed into the text is the physical resources row that would print it."""
    found = audit(with_text(reference, "FR2023", "Ana bina 16.368 m²."), 2023).findings
    message = next(f.message for f in found if f.table == "ek.metin")
    assert "[[fiziki:MERKEZ BİNA TOPLAM ALANI:mevcut]]" in message
