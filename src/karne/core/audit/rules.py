"""The catalogue of audit rules. Ids are stable: tools and people refer to them."""

from __future__ import annotations

from dataclasses import dataclass

from karne.core.audit.findings import Severity

ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str  # Turkish
    title_en: str


_RULES = [
    Rule(
        "TOTAL",
        ERR,
        "Toplam, bileşenlerinin toplamına eşit değil",
        "A total is not the sum of its parts",
    ),
    Rule(
        "BUDGET-ARITHMETIC",
        ERR,
        "Ödenek aritmetiği tutmuyor (KBÖ + eklenen − düşülen, toplam − harcama)",
        "Appropriation arithmetic does not hold",
    ),
    Rule(
        "RATE",
        ERR,
        "Oran, kendi girdilerinden hesaplanandan farklı",
        "A rate differs from the one computed from its inputs",
    ),
    Rule(
        "INCREASE",
        ERR,
        "Yıllık artış oranı hesaplanandan farklı",
        "A year-on-year increase differs from the computed one",
    ),
    Rule(
        "REPEAT",
        ERR,
        "Aynı girdi başka bir tabloda farklı basılmış",
        "The same input is printed differently in another table",
    ),
    Rule(
        "IND-YEAR-END",
        ERR,
        "Göstergenin yılsonu değeri türüne göre hesaplanandan farklı",
        "An indicator's year-end value differs from the one its kind gives",
    ),
    Rule(
        "CORRECTED-INPUT",
        ERR,
        "Basılan rakam, belgenin bir yanlışı olarak düzeltilmiş girdiden farklı",
        "A printed figure differs from the input that corrects it (a slip of the document)",
    ),
    Rule(
        "IND-STATUS",
        ERR,
        "Gerçekleşme durumu orana göre yanlış",
        "The status does not match the rate",
    ),
    Rule(
        "IND-STATUS-WORDING",
        WARN,
        "Gerçekleşme durumu rehberdeki ifadeyle yazılmamış",
        "The status is not worded as the guide words it",
    ),
    Rule(
        "IND-RATIO-SUMMED",
        WARN,
        "Oran göstergesinin yılsonu değeri çeyrek oranlarının toplamı",
        "A ratio's year-end value is the sum of its quarterly ratios",
    ),
    Rule(
        "SP-PERFORMANCE",
        ERR,
        "Stratejik plan gösterge performansı (C−A)/(B−A) ile uyuşmuyor",
        "A strategic-plan indicator's performance is not (C−A)/(B−A)",
    ),
    Rule(
        "SP-OBJECTIVE",
        ERR,
        "Hedef performansı, göstergelerin ağırlıklı toplamından farklı",
        "An objective's performance is not the weighted sum of its indicators",
    ),
    Rule(
        "SP-WEIGHTS",
        WARN,
        "Hedefin gösterge ağırlıkları 100 etmiyor; hedef performansı doğrulanamıyor",
        "An objective's indicator weights do not sum to 100",
    ),
    Rule(
        "NAME-VARIANT",
        WARN,
        "Aynı ad başka bir yerde farklı yazılmış",
        "The same name is written differently elsewhere",
    ),
    Rule(
        "CLAIM",
        ERR,
        "Metindeki rakam tablolarla uyuşmuyor",
        "A figure stated in the text disagrees with the tables",
    ),
    Rule(
        "CLAIM-TABLE",
        ERR,
        "Metindeki rakam aynı belgenin tablosunda farklı basılmış",
        "A figure in the text differs from the same document's table",
    ),
    Rule(
        "CLAIM-ARITHMETIC",
        ERR,
        "Metindeki rakamlar kendi aralarında tutmuyor",
        "Figures stated in the text do not add up",
    ),
    Rule(
        "CROSS-DOCUMENT",
        ERR,
        "Performans programındaki bütçe ile faaliyet raporundaki KBÖ farklı",
        "The performance program's budget differs from the activity report's appropriation",
    ),
    Rule(
        "ROUNDING",
        INFO,
        "Yuvarlama yerine kesme (basılan hassasiyet içinde)",
        "Truncated instead of rounded half up (within the printed precision)",
    ),
    Rule(
        "ROUNDING-SUM",
        INFO,
        "Toplam, yuvarlanmış kalemlerin toplamından kalem başına en çok yarım birim farklı "
        "(yuvarlama notu)",
        "A total differs from the sum of its rounded parts by at most half a unit per part "
        "(a rounding note)",
    ),
    Rule(
        "TYPED-FIGURE",
        INFO,
        "Metne elle yazılmış rakam, canlı bir rakama eşit (canlı rakam olarak yazılmalı)",
        "A figure typed into a text equals a live figure (cite it instead)",
    ),
    Rule(
        "TYPED-FIGURE-NEAR",
        WARN,
        "Metne elle yazılmış rakam, bir canlı rakamdan biraz farklı",
        "A figure typed into a text is close to, but not, a live figure",
    ),
    Rule(
        "TYPED-FIGURE-UNCHECKED",
        INFO,
        "Metne elle yazılmış rakam, denetlenebilecek bir rakama karşılık gelmiyor",
        "A figure typed into a text matches no figure karne can check it against",
    ),
    Rule(
        "MISSING-METADATA",
        WARN,
        "Göstergenin ölçü birimi, tanımı, hesaplama yöntemi veya veri kaynağı yok",
        "An indicator lacks a unit, definition, calculation method or data source",
    ),
    Rule(
        "MISSING-EXPLANATION",
        WARN,
        "Hedeften sapmanın açıklaması yok",
        "A deviation from target has no explanation",
    ),
    Rule(
        "MISSING-RESPONSIBLE",
        WARN,
        "Faaliyetin sorumlu harcama birimi yok",
        "An activity has no responsible spending unit",
    ),
    Rule(
        "MISSING-SECTION",
        ERR,
        "Belgenin zorunlu bölümü yok",
        "A required section of the document is missing",
    ),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
