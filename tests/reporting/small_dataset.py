"""A second, small dataset of a different shape, built in code: another administration with one
program of three sub-programs, a less-is-better indicator, a ratio, and money from budget-external
sources (revolving fund, special account) both in the plan's costs and in the year's execution."""

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
    CostMeasure,
    Dataset,
    Document,
    DocumentKind,
    Narrative,
    NarrativeSection,
    Objective,
    PPIndicator,
    PPIndicatorValue,
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

YEAR = 2024
SUBS = ("SU.ICME", "SU.ARITMA", "SU.ABONE")


def _indicator(
    code: str,
    sub: str,
    sort: int,
    name: str,
    kind: IndicatorKind,
    direction: Direction = Direction.INCREASE,
    unit: str = "Sayı",
) -> PPIndicator:
    return PPIndicator(
        code,
        YEAR,
        sub,
        sort,
        name,
        unit,
        kind,
        direction,
        description=f"{name} göstergesi.",
        calculation_method="Kayıtlardan.",
        data_source="TES",
        responsible_administration="ÖRNEK SU İDARESİ",
        responsible_unit="TES",
    )


def small_dataset() -> Dataset:
    indicators = (
        _indicator("IC-01", "SU.ICME", 1, "Yenilenen şebeke uzunluğu (km)", IndicatorKind.FLOW),
        _indicator(
            "IC-02",
            "SU.ICME",
            2,
            "Arıza giderme süresi (saat)",
            IndicatorKind.STOCK,
            Direction.DECREASE,
        ),
        _indicator(
            "AR-01", "SU.ARITMA", 1, "Arıtılan atık su oranı", IndicatorKind.RATIO, unit="Oran"
        ),
    )
    values = (
        PPIndicatorValue("IC-01", YEAR - 1, ValueMeasure.ACTUAL, D("110"), "PP2024"),
        PPIndicatorValue("IC-01", YEAR, ValueMeasure.TARGET, D("120"), "PP2024"),
        PPIndicatorValue("IC-01", YEAR + 1, ValueMeasure.FORECAST, D("130"), "PP2024"),
        PPIndicatorValue("IC-02", YEAR, ValueMeasure.TARGET, D("10"), "PP2024"),
        PPIndicatorValue("IC-02", YEAR + 1, ValueMeasure.FORECAST, D("9"), "PP2024"),
        PPIndicatorValue("AR-01", YEAR, ValueMeasure.TARGET, D("80"), "PP2024"),
        PPIndicatorValue("AR-01", YEAR + 1, ValueMeasure.FORECAST, D("85"), "PP2024"),
    )
    realizations = (
        *(
            Realization("IC-01", YEAR, q, D(v))
            for q, v in zip(
                (PeriodCode.Q1, PeriodCode.Q2, PeriodCode.Q3, PeriodCode.Q4),
                ("20", "35", "30", "41"),
                strict=True,
            )
        ),
        Realization("IC-02", YEAR, PeriodCode.Q1, D("14")),
        Realization("IC-02", YEAR, PeriodCode.Q4, D("12"), explanation="Ekip sayısı artırıldı."),
        Realization("AR-01", YEAR, PeriodCode.Q1, None, D("70"), D("100")),
        Realization("AR-01", YEAR, PeriodCode.Q2, None, D("81"), D("100")),
    )
    activities = {
        "SU.ICME": (
            Activity("SU.ICME.SEBEKE", "Şebeke Yenileme", "TES", "Eski boruların yenilenmesi."),
        ),
        "SU.ARITMA": (Activity("SU.ARITMA.TESIS", "Arıtma Tesisleri", "TES", "Tesis işletmesi."),),
        "SU.ABONE": (Activity("SU.ABONE.HIZMET", "Abone Hizmetleri", "ABH", "Abone işlemleri."),),
    }
    structure = ProgramStructure(
        YEAR,
        (
            Program(
                "SU",
                "SU HİZMETLERİ",
                tuple(
                    SubProgram(
                        code,
                        name,
                        rationale="Kısa gerekçe.",
                        objectives=(SubProgramObjective(f"{code}.H1", f"{name} hedefi", ("A1",)),),
                        activities=activities[code],
                    )
                    for code, name in zip(
                        SUBS, ("İÇME SUYU", "ATIK SU ARITMA", "ABONE İŞLEMLERİ"), strict=True
                    )
                ),
            ),
        ),
    )
    costs = []
    for activity, internal, external in (
        ("SU.ICME.SEBEKE", "1000", "250"),
        ("SU.ARITMA.TESIS", "2000", "0"),
        ("SU.ABONE.HIZMET", "300", "40"),
    ):
        for year, measure in ((YEAR, CostMeasure.BUDGET), (YEAR + 1, CostMeasure.FORECAST)):
            costs.append(
                ActivityCost(
                    year, activity, "06", BudgetSource.BUTCE_ICI, measure, D(internal), "PP2024"
                )
            )
            if external != "0":
                costs.append(
                    ActivityCost(
                        year,
                        activity,
                        "03",
                        BudgetSource.DONER_SERMAYE,
                        measure,
                        D(external),
                        "PP2024",
                    )
                )
    costs.append(
        ActivityCost(
            YEAR,
            "SU.ABONE.HIZMET",
            "03",
            BudgetSource.OZEL_HESAP,
            CostMeasure.BUDGET,
            D("15"),
            "PP2024",
        )
    )
    economic = (
        BudgetEconomic(
            YEAR - 1, "06", BudgetSource.BUTCE_ICI, D("2800"), D("100"), D("0"), D("2700"), "FR2024"
        ),
        BudgetEconomic(
            YEAR, "06", BudgetSource.BUTCE_ICI, D("3300"), D("200"), D("50"), D("3200"), "FR2024"
        ),
        BudgetEconomic(
            YEAR, "03", BudgetSource.DONER_SERMAYE, D("290"), D("0"), D("10"), D("250.50"), "FR2024"
        ),
        BudgetEconomic(
            YEAR, "03", BudgetSource.OZEL_HESAP, D("15"), D("5"), D("0"), D("20"), "FR2024"
        ),
    )
    return Dataset(
        administration=Administration(
            "ornek-su",
            "Örnek Su İdaresi",
            "ÖSİ",
            "T.C. Örnek Belediyesi",
            mission="Temiz suyu herkese ulaştırmak.",
            vision="Kayıpsız şebeke.",
            values=("Şeffaflık", "Güvenilirlik"),
            duties=("İçme suyu sağlamak.",),
        ),
        documents=(
            Document(
                "PP2024", DocumentKind.PERFORMANS_PROGRAMI, YEAR, "2024 Yılı Performans Programı"
            ),
            Document("FR2024", DocumentKind.FAALIYET_RAPORU, YEAR, "2024 Yılı Faaliyet Raporu"),
        ),
        units=(
            Unit("OSI", "Örnek Su İdaresi", None, UnitLocation.CENTRAL, False, 1),
            Unit("TES", "Tesisler Dairesi Başkanlığı", "OSI", UnitLocation.CENTRAL, True, 2),
            Unit(
                "ABH", "Abone Hizmetleri Dairesi Başkanlığı", "OSI", UnitLocation.CENTRAL, True, 3
            ),
        ),
        strategic_plans=(
            StrategicPlan(
                "SP2024",
                "2024-2028 Stratejik Planı",
                2024,
                2028,
                (
                    Aim(
                        "A1",
                        "GÜVENLİ SU",
                        "Güvenli suyu kesintisiz sağlamak",
                        (
                            Objective(
                                "H1.1",
                                "Kayıpların azaltılması",
                                "Su kayıplarını azaltmak",
                                ("TES",),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        sp_indicators=(
            SPIndicator(
                "PG1.1.1", "H1.1", "Kayıp oranı", "%", D("100"), D("40"), Direction.DECREASE, 1
            ),
        ),
        sp_indicator_values=(SPIndicatorValue("PG1.1.1", YEAR, D("30"), D("34")),),
        program_structures=(structure,),
        pp_indicators=indicators,
        pp_indicator_values=values,
        realizations=realizations,
        activity_costs=tuple(costs),
        budget_economic=economic,
        budget_activity=(
            BudgetActivity(YEAR, "SU.ICME.SEBEKE", D("1000"), D("1100"), D("1050"), "FR2024"),
            BudgetActivity(YEAR, "SU.ARITMA.TESIS", D("2000"), D("2100"), D("2000"), "FR2024"),
            BudgetActivity(YEAR, "SU.ABONE.HIZMET", D("300"), D("250"), D("150"), "FR2024"),
        ),
        budget_unit=(
            BudgetUnit(YEAR, "TES", D("3000"), D("3200"), D("3050"), "FR2024"),
            BudgetUnit(YEAR, "ABH", D("300"), D("250"), D("150"), "FR2024"),
        ),
        resources=(
            Resource("FR2024", "Tablo 2", ResourceCategory.STAFF, "merkez.kadro", D("40")),
            Resource("FR2024", "Tablo 2", ResourceCategory.STAFF, "tasra.isci", D("25")),
            Resource("FR2024", "Şekil 3", ResourceCategory.STAFF_GENDER, "kadin", D("30")),
            Resource("FR2024", "Şekil 3", ResourceCategory.STAFF_GENDER, "erkek", D("35")),
            Resource("PP2024", "Tablo 2", ResourceCategory.IT, "Sunucu", D("4")),
            Resource(
                "FR2024",
                "Tablo 1",
                ResourceCategory.PHYSICAL,
                "Arıtma Tesisi Alanı",
                D("12500"),
                "m2",
            ),
            Resource(
                "FR2024",
                "Tablo 1",
                ResourceCategory.PHYSICAL,
                "Hizmet Binası Alanı",
                D("3200"),
                "m2",
            ),
            Resource(
                "FR2024", "Tablo 1", ResourceCategory.PHYSICAL, "Araç Sayısı", D("14"), "adet"
            ),
        ),
        narratives=(PP_NARRATIVE, NARRATIVE),
    )


# The utility's own words in its Performance Program: its head's foreword under his own title
# (from the data, not the reference's), and texts citing the programme's targets and costs.
PP_NARRATIVE = Narrative(
    document="PP2024",
    sections=(
        NarrativeSection(
            id="genel-mudur-sunusu",
            number="",
            title="GENEL MÜDÜR SUNUŞU",
            summary=(
                "İdaremiz, kentimizin içme suyunu kaynağından musluğa kadar güvenle ulaştırmak ve "
                "kullanılan suyu arıttıktan sonra doğaya temiz olarak geri vermekle görevlidir. "
                "2024 Yılı Performans Programımız, Stratejik Planımızın ilk yılında neleri "
                "başarmak istediğimizi ve bunun için hangi kaynakları ayırdığımızı ortaya "
                "koymaktadır.\n\n"
                "Bu yıl [[gosterge:IC-01:hedef]] km içme suyu şebekesini yenilemeyi ve arıza "
                "giderme süresini [[gosterge:IC-02:hedef]] saate indirmeyi hedefliyoruz. "
                "Programın hazırlanmasında emeği geçen tüm çalışma arkadaşlarıma teşekkür eder, "
                "uygulamasında başarılar dilerim."
            ),
            signatory="Ayşe YILMAZ",
            signatory_title="Genel Müdür",
        ),
        NarrativeSection(
            id="giris",
            number="",
            title="GİRİŞ",
            summary=(
                "Performans programımız, İdaremizin bir yıl içinde yürüteceği faaliyetleri, bu "
                "faaliyetlerin maliyetlerini ve sonuçlarını ölçeceğimiz göstergeleri bir arada "
                "sunar. Program, Stratejik Planımızın amaç ve hedefleriyle uyumlu olarak su "
                "hizmetleri programımızın üç alt programı üzerine kurulmuştur."
            ),
        ),
        NarrativeSection(
            id="genel-bilgiler",
            number="I",
            title="GENEL BİLGİLER",
            summary=(
                "Bu bölümde İdaremizin görevleri, teşkilat yapısı ve kaynakları yer almaktadır."
            ),
        ),
        NarrativeSection(
            id="performans-programi-mimarisi",
            number="II",
            title="PERFORMANS PROGRAMI MİMARİSİ",
            summary=(
                "Bu bölümde misyonumuz, vizyonumuz ve temel değerlerimiz ile stratejik amaç ve "
                "hedeflerimiz; içme suyu, atık su arıtma ve abone işlemleri alt programlarımız ve "
                "bunların maliyetleri yer almaktadır."
            ),
        ),
        NarrativeSection(
            id="performans-bilgisi",
            number="II.D",
            title="PERFORMANS BİLGİSİ",
            summary=(
                "İçme suyu alt programımızın bu yılki bütçesi [[program:SU.ICME:maliyet]] TL'dir; "
                "atık suyun %[[gosterge:AR-01:hedef]]'ini arıtmayı hedefliyoruz."
            ),
        ),
        NarrativeSection(
            id="idarenin-toplam-kaynak-ihtiyaci",
            number="II.E",
            title="İDARENİN TOPLAM KAYNAK İHTİYACI",
            summary=(
                "Su hizmetleri programımız için bu yıl toplam **[[program:SU:maliyet]] TL** "
                "kaynak ayırdık; bunun bir kısmını döner sermaye ve özel hesap gelirlerimizden "
                "karşılıyoruz."
            ),
        ),
    ),
)


# The utility's own words in its Activity Report, citing its figures (never typed).
NARRATIVE = Narrative(
    document="FR2024",
    sections=(
        NarrativeSection(
            id="yonetici-ozeti",
            number="",
            title="YÖNETİCİ ÖZETİ",
            summary=(
                "İdaremiz [[gosterge:IC-01:gerceklesme]] km içme suyu şebekesini yeniledi; "
                "arıtılan atık su oranımız %[[gosterge:AR-01:gerceklesme]] oldu.\n\n"
                "- Bütçemizin [[butce:harcama]] TL'si harcandı.\n"
                "- Harcama oranımız [[butce:oran]] oldu."
            ),
        ),
        NarrativeSection(
            id="idareye-iliskin-bilgiler.fiziksel-yapi",
            number="I.C.1",
            title="Fiziksel Yapı",
            summary=(
                "Tesislerimiz [[fiziki:Arıtma Tesisi Alanı + Hizmet Binası Alanı:mevcut]] m² "
                "alanda hizmet verir; bunun [[fiziki:Arıtma Tesisi Alanı:mevcut]] m²'si arıtma "
                "tesisidir. Sahada [[fiziki:Araç Sayısı:mevcut]] aracımız çalışır."
            ),
        ),
        NarrativeSection(
            id="oneri-ve-tedbirler",
            number="V",
            title="ÖNERİ VE TEDBİRLER",
            summary="Kayıp-kaçak oranını düşürmek için sayaç yenileme programımızı sürdüreceğiz.",
        ),
    ),
)
