"""A small, clean, hand-computed dataset for the audit tests.

Every printed figure below was computed by hand from the inputs next to it (the arithmetic is
in the comments), so that a clean audit means the engine agrees with a person, not with itself.
"""

from __future__ import annotations

from decimal import Decimal as D

from karne.core.budget import BudgetSource
from karne.core.indicators import Direction, IndicatorKind
from karne.core.periods import PeriodCode
from karne.core.records import (
    Activity,
    ActivityCost,
    Administration,
    Aim,
    BudgetActivity,
    BudgetEconomic,
    BudgetUnit,
    Claim,
    CostMeasure,
    Dataset,
    Document,
    DocumentKind,
    Narrative,
    NarrativeSection,
    Objective,
    PPIndicator,
    PPIndicatorValue,
    PrintedFigure,
    Program,
    ProgramStructure,
    Realization,
    Resource,
    ResourceCategory,
    SPIndicator,
    SPIndicatorValue,
    StrategicPlan,
    SubProgram,
    SubProgramObjective,
    Unit,
    UnitLocation,
    ValueMeasure,
)
from karne.core.table_kinds import TableKind as K

BI = BudgetSource.BUTCE_ICI
Q1, Q2, Q3, Q4, Y = PeriodCode.Q1, PeriodCode.Q2, PeriodCode.Q3, PeriodCode.Q4, PeriodCode.YEAR


def _indicator(
    code: str, sort: int, name: str, kind: IndicatorKind, direction: Direction
) -> PPIndicator:
    return PPIndicator(
        code=code,
        year=2024,
        sub_program="P1.S1",
        sort=sort,
        name=name,
        unit="Sayı",
        kind=kind,
        direction=direction,
        description="Tanım.",
        calculation_method="Yöntem.",
        data_source="AGM",
        responsible_administration="TEST İDARESİ",
        responsible_unit="AGM",
    )


def _p(
    document: str, table: str, row: str, column: str, value: str, shown: str = ""
) -> PrintedFigure:
    return PrintedFigure(document, table, row, column, value, shown or value)


def _sections(document: str, titles: list[str]) -> Narrative:
    return Narrative(
        document,
        tuple(NarrativeSection(f"s{i}", str(i), t, "Özet.") for i, t in enumerate(titles)),
    )


def clean_dataset() -> Dataset:
    realizations = (
        # I-01 flow: 20 + 30 + 25 + 35 = 110 against 100 → 110,00, exceeded
        Realization("I-01", 2024, Q1, D(20)),
        Realization("I-01", 2024, Q2, D(30)),
        Realization("I-01", 2024, Q3, D(25)),
        Realization("I-01", 2024, Q4, D(35), explanation="Talep arttı."),
        # I-02 stock: last quarter 10 against 10 → 100,00, achieved
        Realization("I-02", 2024, Q1, D(8)),
        Realization("I-02", 2024, Q2, D(9)),
        Realization("I-02", 2024, Q3, D(9)),
        Realization("I-02", 2024, Q4, D(10)),
        # I-03 ratio, less is better: (5+3+4+8)/(100×4) = 5 % against 10 → 10/5×100 = 200,00
        Realization("I-03", 2024, Q1, D(5), D(5), D(100)),
        Realization("I-03", 2024, Q2, D(3), D(3), D(100)),
        Realization("I-03", 2024, Q3, D(4), D(4), D(100)),
        Realization("I-03", 2024, Q4, D(8), D(8), D(100), explanation="Süreler kısaldı."),
        # I-04 flow: 2 + 2 + 2 + 1 = 7 against 8 → 87,50, partially
        Realization("I-04", 2024, Q1, D(2)),
        Realization("I-04", 2024, Q2, D(2)),
        Realization("I-04", 2024, Q3, D(2)),
        Realization("I-04", 2024, Q4, D(1), explanation="Bir eğitim ertelendi."),
        # I-05 ratio without parts: reported 85 for the year against 80 (not printed anywhere)
        Realization("I-05", 2024, Q1, D(70)),
        Realization("I-05", 2024, Q2, D(80)),
        Realization("I-05", 2024, Q3, D(90)),
        Realization("I-05", 2024, Q4, D(85)),
        Realization("I-05", 2024, Y, D(85), explanation="Anket sonucu."),
    )
    targets = {"I-01": 100, "I-02": 10, "I-03": 10, "I-04": 8, "I-05": 80}
    f3, pp = "F3", "PP2024"
    printed = (
        # Form-3 (fr.form3)
        _p("FR2024", f3, "I-01", "target", "100"),
        _p("FR2024", f3, "I-01", "year_end", "110"),
        _p("FR2024", f3, "I-01", "rate", "110.00", "110,00"),
        _p("FR2024", f3, "I-01", "status", "Hedeflenen Değer Aşıldı"),
        _p("FR2024", f3, "I-02", "year_end", "10"),
        _p("FR2024", f3, "I-02", "rate", "100.00"),
        _p("FR2024", f3, "I-02", "status", "Hedeflenen Değere Ulaşıldı"),
        _p("FR2024", f3, "I-03", "year_end", "5.00", "5,00"),
        _p("FR2024", f3, "I-03", "rate", "200.00", "200,00"),
        _p("FR2024", f3, "I-04", "year_end", "7"),
        _p("FR2024", f3, "I-04", "rate", "87.50"),
        _p("FR2024", f3, "I-04", "status", "Hedeflenen Değere Kısmen Ulaşıldı"),
        # Budget by economic code (fr.execution_economic)
        # 01: 1000 + 200 − 50 = 1150, 1150 − 1100 = 50, 1100/1150 = 95,652 → 95,65
        _p("FR2024", "T5", "01", "2024.total_appropriation", "1150.00"),
        _p("FR2024", "T5", "01", "2024.remaining", "50.00"),
        _p("FR2024", "T5", "01", "2024.realization_rate", "95.65"),
        # 03: 800 + 0 − 100 = 700, 700 − 650 = 50, 650/700 = 92,857 → 92,86
        _p("FR2024", "T5", "03", "2024.total_appropriation", "700.00"),
        _p("FR2024", "T5", "03", "2024.realization_rate", "92.86"),
        # total: 1900, 1950, 1750, 200, 1750/1950 = 89,744 → 89,74
        _p("FR2024", "T5", "TOPLAM", "2024.kbo", "1900.00"),
        _p("FR2024", "T5", "TOPLAM", "2024.total_appropriation", "1950.00"),
        _p("FR2024", "T5", "TOPLAM", "2024.spent", "1750.00"),
        _p("FR2024", "T5", "TOPLAM", "2024.remaining", "200.00"),
        _p("FR2024", "T5", "TOPLAM", "2024.realization_rate", "89.74"),
        # KBÖ 2023 → 2024: 01 900 → 1000 = 11,11 %; total 1800 → 1900 = 5,56 %
        _p("FR2024", "T3", "01", "increase_rate", "11.11"),
        _p("FR2024", "T3", "TOPLAM", "2023.kbo", "1800.00"),
        _p("FR2024", "T3", "TOPLAM", "increase_rate", "5.56"),
        # by activity (realization rates only): A 1500/1600 = 93,75; P1.S1 1750/1850 = 94,59
        _p("FR2024", "T6", "P1.S1.A", "2024.realization_rate", "93.75"),
        _p("FR2024", "T6", "P1.S1", "2024.realization_rate", "94.59"),
        _p("FR2024", "T6", "GENEL_TOPLAM", "2024.realization_rate", "89.74"),
        # by unit: AGM 1500/1700 = 88,24; BGM 250/250 = 100
        _p("FR2024", "T7", "AGM", "2024.realization_rate", "88.24"),
        _p("FR2024", "T7", "GENEL_TOPLAM", "2024.spent", "1750"),
        # strategic plan: PG1.1.1 (18−10)/(20−10) = 80; PG1.1.2 (60−0)/(50−0) = 120 → 100;
        # H1.1 = 60 % × 80 + 40 % × 100 = 88
        _p("FR2024", "T14", "PG1.1.1", "performance", "80", "%80"),
        _p("FR2024", "T14", "PG1.1.2", "performance", "100", "%100"),
        _p("FR2024", "T14", "H1.1", "performance", "88", "%88"),
        # staff total: 10 + 20 = 30
        _p("FR2024", "T2", "TOPLAM", "total", "30"),
        # program costs 2024 budget: A 1000 + 500 (internal) + 200 (döner sermaye); B 300;
        # P1.S1 = 1800 internal + 200 external; GENEL_TOPLAM = 1900 + 200
        _p(pp, "T16", "P1.S1.A", "2024.butce_ici", "1500"),
        _p(pp, "T16", "P1.S1.A", "2024.butce_disi", "200"),
        _p(pp, "T16", "P1.S1", "2024.total", "2000"),
        _p(pp, "T16", "GENEL_TOPLAM", "2024.total", "2100"),
        # by economic code: 01 in P1 1000; döner sermaye 200; general total 2100
        _p(pp, "T14", "01", "2024.P1", "1000"),
        _p(pp, "T14", "doner_sermaye", "2024.total", "200"),
        _p(pp, "T14", "GENEL_TOPLAM", "2024.total", "2100"),
    )
    return Dataset(
        administration=Administration(code="test-idare", name="Test İdaresi"),
        documents=(
            Document(
                "PP2024",
                DocumentKind.PERFORMANS_PROGRAMI,
                2024,
                "2024 Performans Programı",
                (("T14", K.PP_ECONOMIC_COSTS), ("T16", K.PP_PROGRAM_COSTS)),
            ),
            Document(
                "FR2024",
                DocumentKind.FAALIYET_RAPORU,
                2024,
                "2024 Faaliyet Raporu",
                (
                    ("F3", K.FR_FORM3),
                    ("T5", K.FR_EXECUTION_ECONOMIC),
                    ("T3", K.FR_KBO_COMPARISON_PREVIOUS),
                    ("T6", K.FR_EXECUTION_ACTIVITY),
                    ("T7", K.FR_EXECUTION_UNIT),
                    ("T14", K.FR_SP_EVALUATION),
                    ("T2", K.RESOURCES_STAFF),
                ),
            ),
        ),
        units=(
            Unit("ROOT", "Test İdaresi", None, UnitLocation.CENTRAL, False, 1),
            Unit("AGM", "A Genel Müdürlüğü", "ROOT", UnitLocation.CENTRAL, True, 2),
            Unit("BGM", "B Genel Müdürlüğü", "ROOT", UnitLocation.CENTRAL, True, 3),
        ),
        strategic_plans=(
            StrategicPlan(
                "SP2020",
                "2020-2024 Stratejik Planı",
                2020,
                2024,
                (
                    Aim(
                        "A1",
                        "BİRİNCİ AMAÇ",
                        "Birinci amaç.",
                        (Objective("H1.1", "Birinci hedef", "Birinci hedef.", ("AGM",)),),
                    ),
                ),
            ),
        ),
        sp_indicators=(
            SPIndicator(
                "PG1.1.1", "H1.1", "Birinci gösterge", "adet", D(60), D(10), Direction.INCREASE, 1
            ),
            SPIndicator(
                "PG1.1.2", "H1.1", "İkinci gösterge", "adet", D(40), None, Direction.INCREASE, 2
            ),
        ),
        sp_indicator_values=(
            SPIndicatorValue("PG1.1.1", 2024, D(20), D(18)),
            SPIndicatorValue("PG1.1.2", 2024, D(50), D(60)),
        ),
        program_structures=(
            ProgramStructure(
                2024,
                (
                    Program(
                        "P1",
                        "TEST PROGRAMI",
                        (
                            SubProgram(
                                "P1.S1",
                                "BİRİNCİ ALT PROGRAM",
                                "",
                                (
                                    SubProgramObjective(
                                        "P1.S1.H1", "Hizmetleri iyileştirmek", ("A1",)
                                    ),
                                ),
                                (
                                    Activity("P1.S1.A", "Birinci Faaliyet", "AGM"),
                                    Activity("P1.S1.B", "İkinci Faaliyet", "BGM"),
                                ),
                            ),
                        ),
                    ),
                    Program(
                        "P2",
                        "DESTEK PROGRAMI",
                        (
                            SubProgram(
                                "P2.S1",
                                "DESTEK HİZMETLERİ",
                                "",
                                (),
                                (Activity("P2.S1.C", "Destek Faaliyeti", "AGM"),),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        pp_indicators=(
            _indicator("I-01", 1, "Yapılan denetim sayısı", IndicatorKind.FLOW, Direction.INCREASE),
            _indicator("I-02", 2, "Açık merkez sayısı", IndicatorKind.STOCK, Direction.INCREASE),
            _indicator(
                "I-03",
                3,
                "Süresinde sonuçlanmayan başvuru oranı",
                IndicatorKind.RATIO,
                Direction.DECREASE,
            ),
            _indicator("I-04", 4, "Eğitim sayısı", IndicatorKind.FLOW, Direction.INCREASE),
            _indicator("I-05", 5, "Memnuniyet oranı", IndicatorKind.RATIO, Direction.INCREASE),
        ),
        pp_indicator_values=tuple(
            PPIndicatorValue(code, 2024, ValueMeasure.TARGET, D(t), "PP2024")
            for code, t in targets.items()
        ),
        realizations=realizations,
        activity_costs=(
            ActivityCost(2024, "P1.S1.A", "01", BI, CostMeasure.BUDGET, D(1000), "PP2024"),
            ActivityCost(2024, "P1.S1.A", "03", BI, CostMeasure.BUDGET, D(500), "PP2024"),
            ActivityCost(
                2024,
                "P1.S1.A",
                "03",
                BudgetSource.DONER_SERMAYE,
                CostMeasure.BUDGET,
                D(200),
                "PP2024",
            ),
            ActivityCost(2024, "P1.S1.B", "03", BI, CostMeasure.BUDGET, D(300), "PP2024"),
            ActivityCost(2024, "P2.S1.C", "05", BI, CostMeasure.BUDGET, D(100), "PP2024"),
            ActivityCost(2025, "P1.S1.A", "01", BI, CostMeasure.FORECAST, D(1100), "PP2024"),
        ),
        budget_economic=(
            BudgetEconomic(2023, "01", BI, D(900), None, None, None, "FR2024"),
            BudgetEconomic(2023, "03", BI, D(800), None, None, None, "FR2024"),
            BudgetEconomic(2023, "05", BI, D(100), None, None, None, "FR2024"),
            BudgetEconomic(2024, "01", BI, D(1000), D(200), D(50), D(1100), "FR2024"),
            BudgetEconomic(2024, "03", BI, D(800), D(0), D(100), D(650), "FR2024"),
            BudgetEconomic(2024, "05", BI, D(100), D(0), D(0), D(0), "FR2024"),
        ),
        budget_activity=(
            BudgetActivity(2024, "P1.S1.A", D(1500), D(1600), D(1500), "FR2024"),
            BudgetActivity(2024, "P1.S1.B", D(300), D(250), D(250), "FR2024"),
            BudgetActivity(2024, "P2.S1.C", D(100), D(100), D(0), "FR2024"),
        ),
        budget_unit=(
            BudgetUnit(2024, "AGM", D(1600), D(1700), D(1500), "FR2024"),
            BudgetUnit(2024, "BGM", D(300), D(250), D(250), "FR2024"),
        ),
        resources=(
            Resource("FR2024", "T2", ResourceCategory.STAFF, "merkez.kadro", D(10)),
            Resource("FR2024", "T2", ResourceCategory.STAFF, "tasra.kadro", D(20)),
        ),
        narratives=(
            _sections(
                "PP2024",
                [
                    "I. GENEL BİLGİLER",
                    "II. PERFORMANS PROGRAMI MİMARİSİ",
                    "Performans Bilgisi",
                    "İdarenin Toplam Kaynak İhtiyacı",
                ],
            ),
            _sections(
                "FR2024",
                [
                    "Genel Bilgiler",
                    "Amaç ve Hedefler",
                    "Faaliyetlere İlişkin Bilgi ve Değerlendirmeler",
                    "Kurumsal Kabiliyet ve Kapasitenin Değerlendirilmesi",
                    "Öneri ve Tedbirler",
                    "İç Kontrol Güvence Beyanı",
                    "Mali Hizmetler Birim Yöneticisinin Beyanı",
                ],
            ),
        ),
        claims=(
            Claim("FR2024", "s2", "rate", "budget.2024.total.realization_rate", "89.74", "% 89,74"),
            Claim("FR2024", "s2", "i01", "indicator.I-01.rate", "110", "%110"),
            Claim("FR2024", "s0", "staff", "staff.FR2024.total", "30", "30"),
        ),
        printed=printed,
    )
