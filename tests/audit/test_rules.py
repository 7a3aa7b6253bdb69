"""One planted problem per rule in a clean, hand-computed dataset: exactly that finding appears."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal as D

import pytest

from karne.core.audit import Severity, audit
from karne.core.budget import BudgetSource
from karne.core.periods import PeriodCode
from karne.core.records import (
    BudgetCarryover,
    BudgetEconomic,
    Claim,
    Dataset,
    PPIndicator,
    PrintedFigure,
    Realization,
    Resource,
    ResourceCategory,
)
from karne.core.table_kinds import TableKind as K
from tests.audit.factory import clean_dataset


def rules_found(dataset: Dataset) -> list[str]:
    return sorted(f.rule for f in audit(dataset, 2024).findings)


def test_the_clean_dataset_has_no_finding() -> None:
    report = audit(clean_dataset(), 2024)
    assert report.findings == ()
    assert report.checked == len(clean_dataset().printed) + len(clean_dataset().claims)
    assert report.unchecked == 0
    assert not report.has_errors


def reprint(table: str, row: str, column: str, value: str) -> Callable[[Dataset], Dataset]:
    def plant(d: Dataset) -> Dataset:
        printed = tuple(
            replace(p, value=value, as_printed=value)
            if (p.table, p.row, p.column) == (table, row, column)
            else p
            for p in d.printed
        )
        assert printed != d.printed, "nothing was planted"
        return replace(d, printed=printed)

    return plant


def add_printed(*cells: PrintedFigure) -> Callable[[Dataset], Dataset]:
    return lambda d: replace(d, printed=(*d.printed, *cells))


def edit_realization(
    code: str, period: PeriodCode, change: Callable[[Realization], Realization]
) -> Callable[[Dataset], Dataset]:
    def plant(d: Dataset) -> Dataset:
        return replace(
            d,
            realizations=tuple(
                change(r) if (r.indicator, r.period) == (code, period) else r
                for r in d.realizations
            ),
        )

    return plant


def edit_claim(claim: str, value: str) -> Callable[[Dataset], Dataset]:
    return lambda d: replace(
        d, claims=tuple(replace(c, value=value) if c.claim == claim else c for c in d.claims)
    )


def weight_of_pg112(weight: str) -> Callable[[Dataset], Dataset]:
    return lambda d: replace(
        d,
        sp_indicators=tuple(
            replace(s, weight=D(weight)) if s.code == "PG1.1.2" else s for s in d.sp_indicators
        ),
    )


def without_section(title: str) -> Callable[[Dataset], Dataset]:
    def plant(d: Dataset) -> Dataset:
        narratives = tuple(
            replace(n, sections=tuple(s for s in n.sections if s.title != title))
            for n in d.narratives
        )
        return replace(d, narratives=narratives)

    return plant


def first_indicator(change: Callable[[PPIndicator], PPIndicator]) -> Callable[[Dataset], Dataset]:
    return lambda d: replace(d, pp_indicators=(change(d.pp_indicators[0]), *d.pp_indicators[1:]))


def activity_without_unit(d: Dataset) -> Dataset:
    [structure] = d.program_structures
    program = structure.programs[1]
    sub = replace(
        program.sub_programs[0],
        activities=(replace(program.sub_programs[0].activities[0], responsible_unit=None),),
    )
    programs = (structure.programs[0], replace(program, sub_programs=(sub,)))
    return replace(d, program_structures=(replace(structure, programs=programs),))


def fr_kbo_of_activity_c(d: Dataset) -> Dataset:
    return replace(
        d,
        budget_activity=tuple(
            replace(b, kbo=D(120)) if b.activity == "P2.S1.C" else b for b in d.budget_activity
        ),
    )


PLANTED: dict[str, Callable[[Dataset], Dataset]] = {
    "TOTAL": reprint("T5", "TOPLAM", "2024.total_appropriation", "1960.00"),
    "BUDGET-ARITHMETIC": reprint("T5", "01", "2024.remaining", "60.00"),
    "RATE": reprint("T5", "03", "2024.realization_rate", "93.86"),
    "INCREASE": reprint("T3", "01", "increase_rate", "11.00"),
    "REPEAT": reprint("F3", "I-01", "target", "120"),
    "IND-YEAR-END": reprint("F3", "I-02", "year_end", "36"),  # a stock summed
    "IND-STATUS": reprint("F3", "I-04", "status", "Hedeflenen Değere Ulaşıldı"),
    "IND-STATUS-WORDING": reprint("F3", "I-01", "status", "Hedeflenen Değere Aşıldı"),
    "IND-RATIO-SUMMED": edit_realization(
        "I-05", PeriodCode.YEAR, lambda r: replace(r, value=D(325))
    ),
    "SP-PERFORMANCE": reprint("T14", "PG1.1.1", "performance", "90"),
    "SP-OBJECTIVE": reprint("T14", "H1.1", "performance", "95"),
    "SP-WEIGHTS": weight_of_pg112("30"),
    "NAME-VARIANT": add_printed(
        PrintedFigure(
            "FR2024", "F3", "I-01", "name", "Yapılan teftiş sayısı", "Yapılan teftiş sayısı"
        )
    ),
    "CLAIM": edit_claim("i01", "120"),
    "ROUNDING": reprint("T5", "03", "2024.realization_rate", "92.85"),
    "MISSING-METADATA": first_indicator(lambda i: replace(i, calculation_method="")),
    "MISSING-EXPLANATION": edit_realization(
        "I-04", PeriodCode.Q4, lambda r: replace(r, explanation="")
    ),
    "MISSING-RESPONSIBLE": activity_without_unit,
    "MISSING-SECTION": without_section("Öneri ve Tedbirler"),
    "CROSS-DOCUMENT": fr_kbo_of_activity_c,
    "CORRECTED-INPUT": lambda d: corrected_slip(d),
}


def corrected_slip(d: Dataset) -> Dataset:
    """The document printed I-02's Q4 as 4; the input holds the right 10 and says why."""
    slip = PrintedFigure("FR2024", "F3", "I-02", "q4", "4", "4")
    fixed = edit_realization(
        "I-02", PeriodCode.Q4, lambda r: replace(r, correction="Basılan 4 bir dizgi hatası.")
    )
    return fixed(add_printed(slip)(d))


def test_a_corrected_input_names_what_was_printed_and_why() -> None:
    [finding] = audit(corrected_slip(clean_dataset()), 2024).findings
    assert (finding.rule, finding.severity) == ("CORRECTED-INPUT", Severity.ERROR)
    assert (finding.table, finding.row, finding.column) == ("F3", "I-02", "q4")
    assert (finding.printed, finding.expected) == ("4", "10")
    assert "Basılan 4 bir dizgi hatası" in finding.message


def test_a_quarter_printed_unlike_its_uncorrected_input_is_a_repeat() -> None:
    slip = PrintedFigure("FR2024", "F3", "I-02", "q4", "4", "4")
    assert rules_found(add_printed(slip)(clean_dataset())) == ["REPEAT"]
    agreeing = PrintedFigure("FR2024", "F3", "I-02", "q4", "10", "10")
    assert rules_found(add_printed(agreeing)(clean_dataset())) == []


@pytest.mark.parametrize("rule", sorted(PLANTED))
def test_one_planted_problem_gives_exactly_its_finding(rule: str) -> None:
    assert rules_found(PLANTED[rule](clean_dataset())) == [rule]


def test_claim_arithmetic() -> None:
    d = clean_dataset()
    claims = (
        Claim("FR2024", "s0", "main", "physical.FR2024.main_building_m2", "100", "100 m²"),
        Claim("FR2024", "s0", "annex", "physical.FR2024.annex_building_m2", "40", "40 m²"),
        Claim("FR2024", "s0", "total", "physical.FR2024.total_m2", "150", "150 m²"),
    )
    report = audit(replace(d, claims=(*d.claims, *claims)), 2024)
    assert [(f.rule, f.row, f.expected) for f in report.findings] == [
        ("CLAIM-ARITHMETIC", "total", "140")
    ]


def test_a_claim_on_an_unverifiable_objective_is_checked_against_its_table() -> None:
    d = weight_of_pg112("30")(clean_dataset())
    claim = Claim("FR2024", "s3", "h11", "objective.H1.1.performance", "85", "%85")
    found = sorted(f.rule for f in audit(replace(d, claims=(*d.claims, claim)), 2024).findings)
    assert found == ["CLAIM-TABLE", "SP-WEIGHTS"]


def test_findings_name_the_place_and_both_values() -> None:
    planted = reprint("T5", "TOPLAM", "2024.total_appropriation", "1960.00")(clean_dataset())
    [finding] = audit(planted, 2024).findings
    assert finding.severity is Severity.ERROR
    assert finding.place == "FR2024 › T5 › Toplam › 2024 Toplam Ödenek"
    assert (finding.printed, finding.expected) == ("1960.00", "1.950,00")
    assert "1.950,00" in finding.message


def test_a_status_in_the_wrong_band_is_an_error_not_a_wording() -> None:
    planted = reprint("F3", "I-01", "status", "Hedeflenen Değere Kısmen Ulaşıldı")(clean_dataset())
    [finding] = audit(planted, 2024).findings
    assert finding.rule == "IND-STATUS"
    assert finding.expected == "Hedeflenen Değer Aşıldı"


def test_undeclared_tables_are_counted_not_guessed() -> None:
    d = clean_dataset()
    extra = PrintedFigure("FR2024", "Tablo 99", "01", "2024.kbo", "5", "5")
    report = audit(replace(d, printed=(*d.printed, extra)), 2024)
    assert report.findings == ()
    assert report.unchecked == 1
    [note] = report.notes
    assert "Tablo 99" in note


def test_other_years_are_not_audited() -> None:
    d = clean_dataset()
    assert audit(d, 2023).checked == 0


def test_a_reported_realization_change_is_seen() -> None:
    """Changing an input (not a printed figure) makes the printed figures disagree."""
    d = edit_realization("I-01", PeriodCode.Q4, lambda r: replace(r, value=D(45)))(clean_dataset())
    rules = rules_found(d)
    assert rules.count("IND-YEAR-END") == 1
    assert rules.count("RATE") == 1
    assert "CLAIM" in rules


def _rounded_parts(total: str) -> Dataset:
    """Three codes spent 1,4 each (4,2 in all), printed whole: 1 + 1 + 1 beside `total`."""
    d = clean_dataset()
    spent = {"01": D("1.4"), "03": D("1.4"), "05": D("1.4")}
    budget = tuple(
        replace(b, spent=spent[b.economic_code]) if b.year == 2024 else b for b in d.budget_economic
    )
    cells = [PrintedFigure("FR2024", "T5", code, "2024.spent", "1", "1") for code in spent]
    cells.append(PrintedFigure("FR2024", "T5", "TOPLAM", "2024.spent", total, total))
    printed = (*(p for p in d.printed if p.table != "T5"), *cells)
    return replace(d, budget_economic=budget, printed=printed, claims=())


def test_a_right_total_beside_its_rounded_parts_is_a_rounding_note() -> None:
    findings = [f for f in audit(_rounded_parts("4"), 2024).findings if f.table == "T5"]
    assert [(f.rule, f.severity, f.row, f.expected) for f in findings] == [
        ("ROUNDING-SUM", Severity.INFO, "TOPLAM", "3")
    ]
    assert not any(f.severity is Severity.ERROR for f in findings)


def test_a_total_made_of_the_rounded_parts_is_still_an_error() -> None:
    findings = [f for f in audit(_rounded_parts("3"), 2024).findings if f.table == "T5"]
    assert [(f.rule, f.severity, f.expected) for f in findings] == [("TOTAL", Severity.ERROR, "4")]


def test_the_rounding_tolerance_is_half_a_unit_per_part() -> None:
    from karne.core.decimals import half_unit_tolerance

    assert half_unit_tolerance(0, 3) == D("1.5")
    assert half_unit_tolerance(2, 4) == D("0.02")


def test_an_expected_percentage_is_shown_with_its_sign() -> None:
    [rate] = audit(
        reprint("T5", "01", "2024.realization_rate", "95.00")(clean_dataset()), 2024
    ).findings
    assert (rate.rule, rate.expected) == ("RATE", "%95,65")
    assert "%95,65" in rate.message
    [sp] = audit(reprint("T14", "PG1.1.1", "performance", "70")(clean_dataset()), 2024).findings
    assert (sp.rule, sp.expected) == ("SP-PERFORMANCE", "%80")


def test_a_stated_total_within_rounding_of_its_stated_parts_is_a_note() -> None:
    d = clean_dataset()
    claims = (
        Claim("FR2024", "s0", "main", "physical.FR2024.main_building_m2", "100", "100 m²"),
        Claim("FR2024", "s0", "annex", "physical.FR2024.annex_building_m2", "40", "40 m²"),
        Claim("FR2024", "s0", "total", "physical.FR2024.total_m2", "141", "141 m²"),
    )
    [finding] = audit(replace(d, claims=(*d.claims, *claims)), 2024).findings
    assert (finding.rule, finding.severity, finding.expected) == (
        "ROUNDING-SUM",
        Severity.INFO,
        "140",
    )


def test_the_parts_of_a_total_row() -> None:
    from karne.core.audit.sums import parts_of

    tree = ["GY", "GY.DG", "GY.DG.A", "GY.DG.B", "GY.GYH", "YD", "GENEL_TOPLAM"]
    assert parts_of("GENEL_TOPLAM", tree) == ["GY", "YD"]
    assert parts_of("GY", tree) == ["GY.DG", "GY.GYH"]
    assert parts_of("GY.DG", tree) == ["GY.DG.A", "GY.DG.B"]
    sources = ["01", "03", "BUTCE_ICI_TOPLAM", "doner_sermaye", "ozel_hesap"]
    sources += ["BUTCE_DISI_TOPLAM", "GENEL_TOPLAM"]
    assert parts_of("BUTCE_ICI_TOPLAM", sources) == ["01", "03"]
    assert parts_of("BUTCE_DISI_TOPLAM", sources) == ["doner_sermaye", "ozel_hesap"]
    assert parts_of("GENEL_TOPLAM", sources) == ["BUTCE_ICI_TOPLAM", "BUTCE_DISI_TOPLAM"]
    detail = ["A/01", "A/05", "A/BUTCE_ICI_TOPLAM", "B/01", "B/BUTCE_ICI_TOPLAM"]
    assert parts_of("A/BUTCE_ICI_TOPLAM", detail) == ["A/01", "A/05"]


def test_current_appropriation_is_codes_01_to_05_not_lending() -> None:
    """08 Borç Verme is neither current (cari, 01–05) nor investment (06–07)."""
    d = clean_dataset()
    lending = BudgetEconomic(2024, "08", BudgetSource.BUTCE_ICI, D(500), D(0), D(0), D(0), "FR2024")
    d = replace(d, budget_economic=(*d.budget_economic, lending))
    current = Claim("FR2024", "s0", "cari", "budget.2024.kbo.current", "1900", "1.900,00 TL")
    report = audit(replace(d, claims=(*d.claims, current)), 2024)
    assert [f.rule for f in report.findings if f.row == "cari"] == []  # 1000 + 800 + 100
    wrong = Claim("FR2024", "s0", "cari", "budget.2024.kbo.current", "2400", "2.400,00 TL")
    report = audit(replace(d, claims=(*d.claims, wrong)), 2024)
    assert [(f.rule, f.expected) for f in report.findings if f.row == "cari"] == [
        ("CLAIM", "1.900")  # at the precision the claim was printed in
    ]


def test_a_claim_on_the_carried_over_appropriation_is_checked_against_its_input() -> None:
    """Unchecked while no carry-over is recorded; then held against the year's rows' sum."""
    d = clean_dataset()
    claim = Claim("FR2024", "s0", "devir", "budget.2024.carried_over", "150", "150,00 TL")
    report = audit(replace(d, claims=(*d.claims, claim)), 2024)
    assert report.unchecked == audit(d, 2024).unchecked + 1
    carried = (
        BudgetCarryover(2024, 2023, "Yapım işleri", D(100), "FR2024"),
        BudgetCarryover(2024, 2022, "Yapım işleri", D(50), "FR2024"),
        BudgetCarryover(2023, 2022, "Başka bir yıl", D(7), "FR2024"),
    )
    d = replace(d, budget_carryover=carried)
    report = audit(replace(d, claims=(*d.claims, claim)), 2024)
    assert [f.rule for f in report.findings if f.row == "devir"] == []
    wrong = replace(claim, value="170", as_printed="170,00 TL")
    report = audit(replace(d, claims=(*d.claims, wrong)), 2024)
    assert [(f.rule, f.expected) for f in report.findings if f.row == "devir"] == [("CLAIM", "150")]


def test_a_claim_on_a_three_part_sp_indicator_code_is_checked() -> None:
    d = clean_dataset()
    claims = (
        Claim("FR2024", "s3", "b", "sp_indicator.PG1.1.2.target", "50", "50"),
        Claim("FR2024", "s3", "c", "sp_indicator.PG1.1.2.actual", "61", "61"),
    )
    found = audit(replace(d, claims=(*d.claims, *claims)), 2024).findings
    assert [(f.rule, f.row, f.expected) for f in found] == [("CLAIM", "c", "60")]


def test_a_physical_resource_printed_unlike_its_input_is_a_repeat() -> None:
    """The physical-resources table (its own number in the dataset, "T1") against the input:
    an agreeing row is checked and says nothing, a differing one names both figures."""
    d = clean_dataset()
    fr = next(doc for doc in d.documents if doc.code == "FR2024")
    documents = tuple(
        replace(doc, tables=(*doc.tables, ("T1", K.RESOURCES_PHYSICAL))) if doc is fr else doc
        for doc in d.documents
    )
    resources = (
        Resource("FR2024", "T1", ResourceCategory.PHYSICAL, "OFİS ODASI", D(40), "adet"),
        Resource("FR2024", "T1", ResourceCategory.PHYSICAL, "MERKEZ BİNA ALANI", D(1200), "m2"),
    )
    printed = (
        PrintedFigure("FR2024", "T1", "OFİS ODASI", "count", "40", "40"),
        PrintedFigure("FR2024", "T1", "MERKEZ BİNA ALANI", "area_m2", "1250", "1.250"),
    )
    planted = replace(
        d,
        documents=documents,
        resources=(*d.resources, *resources),
        printed=(*d.printed, *printed),
    )
    report = audit(planted, 2024)
    assert report.checked == audit(d, 2024).checked + 2
    assert [(f.rule, f.table, f.row, f.printed, f.expected) for f in report.findings] == [
        ("REPEAT", "T1", "MERKEZ BİNA ALANI", "1.250", "1.200")
    ]
