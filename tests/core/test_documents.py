from __future__ import annotations

from karne.core.documents import of_kind, programme_codes
from karne.core.records import Document, DocumentKind

PP, FR = DocumentKind.PERFORMANS_PROGRAMI, DocumentKind.FAALIYET_RAPORU
DOCUMENTS = (
    Document("FR2023", FR, 2023, "2023 Yılı Faaliyet Raporu"),
    Document("PP2023", PP, 2023, "2023 Yılı Performans Programı"),
    Document("PP2024", PP, 2024, "2024 Yılı Performans Programı"),
    Document("PP2023-EK", PP, 2023, "2023 Yılı Performans Programı (ek)"),
)


def test_programme_codes_are_the_years_performance_programmes_only() -> None:
    assert programme_codes(DOCUMENTS, 2023) == frozenset({"PP2023", "PP2023-EK"})
    assert programme_codes(DOCUMENTS, 2024) == frozenset({"PP2024"})
    assert programme_codes(DOCUMENTS, 2022) == frozenset()


def test_programme_codes_read_any_iterable_once() -> None:
    assert programme_codes(iter(DOCUMENTS), 2024) == frozenset({"PP2024"})


def test_of_kind_keeps_the_datasets_order() -> None:
    assert [d.code for d in of_kind(DOCUMENTS, PP, 2023)] == ["PP2023", "PP2023-EK"]
    assert [d.code for d in of_kind(DOCUMENTS, FR, 2023)] == ["FR2023"]
