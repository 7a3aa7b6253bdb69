"""The audit of the reference documents: every error is a real inconsistency of the documents,
recomputed in the comments, and nothing that is right is called an error."""

from __future__ import annotations

import pytest

from karne.core.audit import AuditReport, Severity, audit
from karne.core.records import Dataset
from karne.core.typed_figures import typed


@pytest.fixture(scope="module")
def report(reference: Dataset) -> AuditReport:
    return audit(reference, 2023)


EXPECTED_ERRORS = {
    # PP Tablo 15: Göç Yönetimi Veri Altyapısı's June 2022 spending by economic code adds up to
    # 817.368.848; the block total, Tablo 9 (twice) and Tablo 9's TOPLAM carry 1 TL more.
    ("TOTAL", "PP2023", "Tablo 9", "GY.GYH.VERI", "2022.spent_june"),
    ("TOTAL", "PP2023", "Tablo 9", "GY.GYH.VERI", "2022.spent_june.butce_ici"),
    ("TOTAL", "PP2023", "Tablo 9", "TOPLAM", "2022.spent_june"),
    ("TOTAL", "PP2023", "Tablo 15", "GY.GYH.VERI/BUTCE_ICI_TOPLAM", "2022.spent_june"),
    ("TOTAL", "PP2023", "Tablo 15", "GY.GYH.VERI/GENEL_TOPLAM", "2022.spent_june"),
    # PP Tablo 14, 2024: YD's 03 and 05 are 13.995.000 / 1.856.000; Tablo 15 gives
    # 13.997.000 / 1.854.000 (and so do the row totals).
    ("TOTAL", "PP2023", "Tablo 14", "03", "2024.YD"),
    ("TOTAL", "PP2023", "Tablo 14", "03", "2024.total"),
    ("TOTAL", "PP2023", "Tablo 14", "05", "2024.YD"),
    ("TOTAL", "PP2023", "Tablo 14", "05", "2024.total"),
    # PP Tablo 14: the BÜTÇE İÇİ TOPLAM row prints "-" for YD instead of 16.423.000 etc.
    ("TOTAL", "PP2023", "Tablo 14", "BUTCE_ICI_TOPLAM", "2023.YD"),
    ("TOTAL", "PP2023", "Tablo 14", "BUTCE_ICI_TOPLAM", "2024.YD"),
    ("TOTAL", "PP2023", "Tablo 14", "BUTCE_ICI_TOPLAM", "2025.YD"),
    # PP Tablo 16: GÖÇ YÖNETİMİ prints the grand total; its sub-programs add up to
    # 9.491.747.000 / 11.333.572.000 / 12.717.962.000.
    ("TOTAL", "PP2023", "Tablo 16", "GY", "2023.butce_ici"),
    ("TOTAL", "PP2023", "Tablo 16", "GY", "2023.total"),
    ("TOTAL", "PP2023", "Tablo 16", "GY", "2024.butce_ici"),
    ("TOTAL", "PP2023", "Tablo 16", "GY", "2024.total"),
    ("TOTAL", "PP2023", "Tablo 16", "GY", "2025.butce_ici"),
    ("TOTAL", "PP2023", "Tablo 16", "GY", "2025.total"),
    # FR Tablo 6 and 7: the activities (and the units) spent 16.527.630.427, printed …426.
    ("TOTAL", "FR2023", "Tablo 6", "GENEL_TOPLAM", "2023.spent"),
    ("TOTAL", "FR2023", "Tablo 7", "GENEL_TOPLAM", "2023.spent"),
    # GYH-08 is cumulative with Q4 printed 0, a slip: the input holds the corrected 21 (the
    # year-end, the rate 21/16 = 131,25 and the text's 21 centres in 16 provinces agree).
    ("CORRECTED-INPUT", "FR2023", "Tablo 11", "GYH-08", "q4"),
    # (C−A)/(B−A): 93,33 (printed 95), 56 (64), 60 (67), 71,43 (73), 53,43 (55).
    ("SP-PERFORMANCE", "FR2023", "Tablo 14", "PG1.1.3", "performance"),
    ("SP-PERFORMANCE", "FR2023", "Tablo 14", "PG1.1.5", "performance"),
    ("SP-PERFORMANCE", "FR2023", "Tablo 14", "PG4.2.2", "performance"),
    ("SP-PERFORMANCE", "FR2023", "Tablo 14", "PG4.3.3", "performance"),
    ("SP-PERFORMANCE", "FR2023", "Tablo 14", "PG5.2.3", "performance"),
    # Weighted sums: H4.2 = 88 (90), H5.2 = 88,36 (90), H6.3 = 93,33 (94).
    ("SP-OBJECTIVE", "FR2023", "Tablo 14", "H4.2", "performance"),
    ("SP-OBJECTIVE", "FR2023", "Tablo 14", "H5.2", "performance"),
    ("SP-OBJECTIVE", "FR2023", "Tablo 14", "H6.3", "performance"),
    # Text against tables: PP staff 13.209 (table 13.219); GYH-05 "%111 artış" (52 vs 29 is
    # +79,31 %); GYH-10 "%15 düşüş" (−14,41 %); GYH-13 three
    # projects in June (Q2 0); DG-08 18.000 at the start of 2023 (2022: 20.540) and 15.710 in Q1
    # (Form-3: 18.220); H1.1's text says %85, Tablo 14 %91.
    ("CLAIM", "PP2023", "kaynaklar.insan-kaynagi", "staff_total", "staff.PP2023.total"),
    (
        "CLAIM",
        "FR2023",
        "performans.degerlendirme",
        "gyh05_change",
        "indicator.GYH-05.change_from_previous",
    ),
    (
        "CLAIM",
        "FR2023",
        "performans.degerlendirme",
        "gyh10_change",
        "indicator.GYH-10.change_from_previous",
    ),
    ("CLAIM", "FR2023", "performans.degerlendirme", "gyh13_q2", "indicator.GYH-13.q2"),
    ("CLAIM", "FR2023", "performans.degerlendirme", "dg08_start", "indicator.DG-08.previous_value"),
    ("CLAIM", "FR2023", "performans.degerlendirme", "dg08_q1", "indicator.DG-08.q1"),
    ("CLAIM-TABLE", "FR2023", "sp.H1.1", "sp-h1-1-sapma-performans", "objective.H1.1.performance"),
}


def test_the_errors_are_exactly_the_documents_inconsistencies(report: AuditReport) -> None:
    errors = {
        (f.rule, f.document, f.table, f.row, f.column)
        for f in report.findings
        if f.severity is Severity.ERROR
    }
    assert errors == EXPECTED_ERRORS


def test_truncations_are_information_not_errors(report: AuditReport) -> None:
    rounding = {(f.table, f.row) for f in report.findings if f.rule == "ROUNDING"}
    # FR Tablo 5: 99,509 → 99,50; 99,779 → 99,77; 73,606 → 73,60. Form-3: 171,428 → 171,42.
    # Tablo 14: 55,56 → 55,5. Text: %109 for 109,65; %148 for 148,62.
    assert {
        ("Tablo 5", "02"),
        ("Tablo 5", "03"),
        ("Tablo 5", "06"),
        ("Tablo 11", "GYH-13"),
        ("Tablo 14", "PG6.3.1"),
    } <= rounding
    assert all(f.severity is Severity.INFO for f in report.findings if f.rule == "ROUNDING")


def test_wordings_and_variants_are_warnings(report: AuditReport) -> None:
    wording = {f.row for f in report.findings if f.rule == "IND-STATUS-WORDING"}
    assert wording == {"GYH-03", "GYH-05", "GYH-10", "GYH-12", "DG-06"}
    summed = {f.row for f in report.findings if f.rule == "IND-RATIO-SUMMED"}
    assert summed == {"GYH-04", "GYH-09", "DG-03"}
    names = {(f.table, f.row, f.printed) for f in report.findings if f.rule == "NAME-VARIANT"}
    assert ("Tablo 12", "DG-05", "Siğınma evi sayısı") in names
    assert ("Tablo 17", "GY.DG.DGM", "DÜZENSİZ GÖÇMENLER") in names
    weights = {f.row for f in report.findings if f.rule == "SP-WEIGHTS"}
    assert "H3.2" in weights  # no indicator of H3.2 is in Tablo 14 at all
    unowned = {f.row for f in report.findings if f.rule == "MISSING-RESPONSIBLE"}
    assert unowned == {"YD.TDD.DENETIM", "YD.TDD.KAMUOYU", "YD.UYH.DESTEK", "YD.UYH.OZELKALEM"}


def test_almost_every_printed_figure_is_checked(report: AuditReport, reference: Dataset) -> None:
    documents = {d.code for d in reference.documents if d.year == 2023}
    typed_in_texts = sum(
        len(list(typed(text)))
        for n in reference.narratives
        if n.document in documents
        for s in n.sections
        for text in (s.summary, *s.items)
    )
    total = len(reference.printed) + len(reference.claims) + typed_in_texts
    assert report.checked + report.unchecked == total
    typed_checked = sum(
        1 for f in report.findings if f.rule in ("TYPED-FIGURE", "TYPED-FIGURE-NEAR")
    )
    printed = len(reference.printed) + len(reference.claims)
    assert (report.checked - typed_checked) / printed > 0.9  # the tables and claims
    assert report.notes == ()  # every transcribed table has a declared kind


def test_the_corrected_slip_is_reported_with_its_reason(report: AuditReport) -> None:
    [slip] = [f for f in report.findings if f.rule == "CORRECTED-INPUT"]
    assert slip.place.startswith("FR2023 › Tablo 11 › GYH-08")
    assert (slip.printed, slip.expected) == ("0", "21")
    assert "kümülatif" in slip.message


def test_tablo_10_is_checked_against_each_activitys_own_objectives(report: AuditReport) -> None:
    variants = {(f.table, f.row, f.column) for f in report.findings if f.rule == "NAME-VARIANT"}
    # Every aim printed beside an activity is the aim of the objectives that activity serves.
    assert not {v for v in variants if v[0] == "Tablo 10" and v[2] == "sp_aim_statement"}
    # Texts that differ from the programme's: "işlemlerini etkinliğini" (H1), and the Düzensiz
    # Göç activities' merged cell with "mekanizmanın" and "Gerçek kabul".
    assert {v[1] for v in variants if v[0] == "Tablo 10"} == {
        "GY.GYH.DUZENLI",
        "GY.DG.DGM",
        "GY.DG.ITM",
    }
    # Form-3's and Form-4's "Alt Program Hedefi" is the sub-program's own statement; Form-4
    # prints Düzensiz Göç's with other words.
    assert {v for v in variants if v[2] == "objective_text"} == {
        ("Tablo 13", "GY.DG", "objective_text")
    }
