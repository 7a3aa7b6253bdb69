"""The Activity Report's section tree (FR 2023 layout) filled from a dataset and its evaluation."""

from __future__ import annotations

from collections import Counter

from karne.core.indicators import Status
from karne.core.records import ResourceCategory
from karne.core.report_content import budget_fr, front, indicator_tables, resources, sp_tables
from karne.core.report_content import structure_tables as st
from karne.core.report_content.context import ReportContext
from karne.core.report_content.model import (
    Block,
    Definitions,
    Figure,
    Paragraph,
    Section,
)
from karne.core.report_content.narrative import collect, foreword
from karne.core.report_content.narrative import narrative_blocks as say

_IDB = "idareye-iliskin-bilgiler"
_PB = "performans-bilgileri"
_PSD = f"{_PB}.performans-sonuclarinin-degerlendirilmesi"


def _status_summary(ctx: ReportContext) -> Definitions | None:
    """How many indicators reached which band: the year in one look, from `evaluate()`."""
    counts = Counter(i.status for i in ctx.evaluation.indicators if i.status is not None)
    if not counts:
        return None
    return Definitions(
        tuple((status.value, str(counts[status])) for status in Status if counts[status])
    )


def _general(ctx: ReportContext) -> Section:
    admin = ctx.dataset.administration
    info = (
        Section(
            f"{_IDB}.fiziksel-yapi",
            "Fiziksel Yapı",
            "I.C.1",
            blocks=collect(
                say(ctx, f"{_IDB}.fiziksel-yapi"),
                resources.physical_table(ctx, "Fiziki Alana İlişkin Detaylar"),
            ),
        ),
        Section(
            f"{_IDB}.orgut-yapisi",
            "Örgüt Yapısı",
            "I.C.2",
            blocks=collect(
                say(ctx, f"{_IDB}.orgut-yapisi"),
                front.organisation_chart(ctx),
                front.organisation(ctx),
            ),
        ),
        Section(
            f"{_IDB}.bilgi-ve-teknolojik-kaynaklar",
            "Bilgi ve Teknolojik Kaynaklar",
            "I.C.3",
            blocks=collect(
                say(ctx, f"{_IDB}.bilgi-ve-teknolojik-kaynaklar"), resources.it_figure(ctx)
            ),
        ),
        Section(
            f"{_IDB}.insan-kaynaklari",
            "İnsan Kaynakları",
            "I.C.4",
            blocks=collect(
                resources.staff_sentence(ctx),
                say(ctx, f"{_IDB}.insan-kaynaklari"),
                resources.staff_table(ctx),
                resources.distribution_figure(ctx, ResourceCategory.STAFF_GENDER),
                resources.distribution_figure(ctx, ResourceCategory.STAFF_EDUCATION),
            ),
        ),
        Section(
            f"{_IDB}.sunulan-hizmetler",
            "Sunulan Hizmetler",
            "I.C.5",
            blocks=collect(say(ctx, f"{_IDB}.sunulan-hizmetler"), front.services(ctx)),
        ),
        Section(
            f"{_IDB}.yonetim-ve-ic-kontrol-sistemi",
            "Yönetim ve İç Kontrol Sistemi",
            "I.C.6",
            blocks=say(ctx, f"{_IDB}.yonetim-ve-ic-kontrol-sistemi"),
        ),
    )
    return Section(
        "genel-bilgiler",
        "GENEL BİLGİLER",
        "I",
        blocks=say(ctx, "genel-bilgiler"),
        new_page=True,
        sections=(
            Section(
                "misyon-ve-vizyon",
                "MİSYON ve VİZYON",
                "I.A",
                sections=(
                    Section(
                        "misyon-ve-vizyon.misyonumuz",
                        "Misyonumuz",
                        blocks=(Paragraph(admin.mission),),
                    ),
                    Section(
                        "misyon-ve-vizyon.vizyonumuz",
                        "Vizyonumuz",
                        blocks=(Paragraph(admin.vision),),
                    ),
                ),
            ),
            Section(
                "yetki-gorev-ve-sorumluluklar",
                "YETKİ, GÖREV ve SORUMLULUKLAR",
                "I.B",
                blocks=collect(
                    say(ctx, "yetki-gorev-ve-sorumluluklar"),
                    front.administration_duties(ctx),
                ),
            ),
            Section(_IDB, "İDAREYE İLİŞKİN BİLGİLER", "I.C", blocks=say(ctx, _IDB), sections=info),
        ),
    )


def _aims(ctx: ReportContext) -> Section:
    return Section(
        "amac-ve-hedefler",
        "AMAÇ ve HEDEFLER",
        "II",
        blocks=say(ctx, "amac-ve-hedefler"),
        new_page=True,
        sections=(
            Section(
                "idarenin-amac-ve-hedefleri",
                "İDARENİN AMAÇ ve HEDEFLERİ",
                "II.A",
                blocks=collect(
                    say(ctx, "idarenin-amac-ve-hedefleri"),
                    front.plan_at_a_glance(ctx),
                    front.aims(ctx),
                ),
            ),
            Section(
                "temel-politikalar-ve-oncelikler",
                "TEMEL POLİTİKALAR ve ÖNCELİKLER",
                "II.B",
                blocks=say(ctx, "temel-politikalar-ve-oncelikler"),
            ),
        ),
    )


def _financial(ctx: ReportContext) -> Section:
    tables = ctx.evaluation.budget
    return Section(
        "mali-bilgiler",
        "Mali Bilgiler",
        "III.A",
        blocks=say(ctx, "mali-bilgiler"),
        sections=(
            Section(
                "mali-bilgiler.butce-uygulama-sonuclari",
                "Bütçe Uygulama Sonuçları",
                "III.A.1",
                blocks=collect(
                    budget_fr.budget_summary(ctx, tables),
                    say(ctx, "mali-bilgiler.butce-uygulama-sonuclari"),
                    budget_fr.spending_rate_figure(ctx),
                ),
            ),
            Section(
                "mali-bilgiler.temel-mali-tablolara-iliskin-aciklamalar",
                "Temel Mali Tablolara İlişkin Açıklamalar",
                "III.A.2",
                blocks=collect(
                    say(ctx, "mali-bilgiler.temel-mali-tablolara-iliskin-aciklamalar"),
                    budget_fr.comparison_table(ctx, tables, to_next=False),
                    budget_fr.distribution_table(ctx, tables, next_year=False),
                    budget_fr.execution_table(ctx, tables),
                    budget_fr.source_table(ctx, tables),
                    budget_fr.economic_figure(ctx, tables),
                    budget_fr.hierarchy_table(ctx, tables, by_unit=False),
                    budget_fr.hierarchy_table(ctx, tables, by_unit=True),
                    budget_fr.distribution_table(ctx, tables, next_year=True),
                    budget_fr.comparison_table(ctx, tables, to_next=True),
                ),
            ),
            Section(
                "mali-bilgiler.mali-denetim-sonuclari",
                "Mali Denetim Sonuçları",
                "III.A.3",
                blocks=say(ctx, "mali-bilgiler.mali-denetim-sonuclari"),
            ),
        ),
    )


def _results(ctx: ReportContext) -> Section:
    blocks: list[Block] = []
    figures: list[Figure] = []
    for program, sub in ctx.sub_programs():
        form3 = indicator_tables.form3_table(ctx, sub)
        if form3 is None:
            continue
        blocks.append(
            Definitions(
                (
                    ("Yıl", str(ctx.year)),
                    ("Programın Adı", program.name),
                    ("Alt Programın Adı", sub.name),
                    ("Alt Program Hedefi", indicator_tables.sub_program_objective(sub)),
                )
            )
        )
        blocks.append(form3)
        evaluation = indicator_tables.evaluation_paragraphs(ctx, sub)
        if evaluation:
            blocks.append(Paragraph("DEĞERLENDİRME", emphasis=True))
            blocks.extend(evaluation)
        figures.extend(indicator_tables.figures_for(ctx, sub))
    key = (
        f"{_PSD}.alt-program-hedef-ve-gostergeleriyle-ilgili-gerceklesme-sonuclari"
        "-ve-degerlendirmeler"
    )
    return Section(
        key,
        "Alt Program Hedef ve Göstergeleriyle İlgili Gerçekleşme Sonuçları ve Değerlendirmeler",
        "III.B.2.i",
        blocks=collect(
            say(ctx, key),
            tuple(blocks),
            indicator_tables.form4_table(ctx),
        ),
        sections=(
            Section(
                f"{key}.grafikler", "Göstergelerin Üç Aylık Gerçekleşmeleri", blocks=tuple(figures)
            ),
        )
        if figures
        else (),
    )


def _performance(ctx: ReportContext) -> Section:
    return Section(
        _PB,
        "Performans Bilgileri",
        "III.B",
        blocks=say(ctx, _PB),
        sections=(
            Section(
                f"{_PB}.program-alt-program-ve-faaliyet-bilgileri",
                "Program, Alt Program ve Faaliyet Bilgileri",
                "III.B.1",
                blocks=collect(
                    say(ctx, f"{_PB}.program-alt-program-ve-faaliyet-bilgileri"),
                    st.activities_table(ctx),
                ),
            ),
            Section(
                _PSD,
                "Performans Sonuçlarının Değerlendirilmesi",
                "III.B.2",
                blocks=say(ctx, _PSD),
                sections=(
                    _results(ctx),
                    Section(
                        f"{_PSD}.performans-denetim-sonuclari",
                        "Performans Denetim Sonuçları",
                        "III.B.2.ii",
                        blocks=say(ctx, f"{_PSD}.performans-denetim-sonuclari"),
                    ),
                ),
            ),
            Section(
                f"{_PB}.stratejik-planin-degerlendirilmesi",
                "Stratejik Planın Değerlendirilmesi",
                "III.B.3",
                blocks=collect(
                    say(ctx, f"{_PB}.stratejik-planin-degerlendirilmesi"), sp_tables.sp_table(ctx)
                ),
            ),
            Section(
                f"{_PB}.performans-bilgi-sisteminin-degerlendirilmesi",
                "Performans Bilgi Sisteminin Değerlendirilmesi",
                "III.B.4",
                blocks=say(ctx, f"{_PB}.performans-bilgi-sisteminin-degerlendirilmesi"),
            ),
            Section(
                f"{_PB}.diger-hususlar",
                "Diğer Hususlar",
                "III.B.5",
                blocks=say(ctx, f"{_PB}.diger-hususlar"),
            ),
        ),
    )


def _capacity(ctx: ReportContext) -> Section:
    parts = (
        (
            "stratejik-planda-ongorulemeyen-kurumsal-kapasite-ihtiyaclari",
            "Stratejik Planda Öngörülemeyen Kurumsal Kapasite İhtiyaçları",
            "IV.A",
        ),
        ("ustunlukler", "Üstünlükler", "IV.B"),
        ("zayifliklar", "Zayıflıklar", "IV.C"),
        ("degerlendirme", "Değerlendirme", "IV.D"),
    )
    key = "kurumsal-kabiliyet-ve-kapasitenin-degerlendirilmesi"
    return Section(
        key,
        "KURUMSAL KABİLİYET ve KAPASİTENİN DEĞERLENDİRİLMESİ",
        "IV",
        blocks=say(ctx, key),
        new_page=True,
        sections=tuple(Section(k, t, n, blocks=say(ctx, k)) for k, t, n in parts),
    )


def fr_sections(ctx: ReportContext) -> tuple[Section, ...]:
    return (
        foreword(ctx),
        Section(
            "yonetici-ozeti",
            "YÖNETİCİ ÖZETİ",
            blocks=collect(
                say(ctx, "yonetici-ozeti"),
                budget_fr.budget_summary(ctx, ctx.evaluation.budget),
                _status_summary(ctx),
            ),
            new_page=True,
        ),
        _general(ctx),
        _aims(ctx),
        Section(
            "faaliyetlere-iliskin-bilgi-ve-degerlendirmeler",
            "FAALİYETLERE İLİŞKİN BİLGİ ve DEĞERLENDİRMELER",
            "III",
            blocks=say(ctx, "faaliyetlere-iliskin-bilgi-ve-degerlendirmeler"),
            new_page=True,
            sections=(_financial(ctx), _performance(ctx)),
        ),
        _capacity(ctx),
        Section(
            "oneri-ve-tedbirler",
            "ÖNERİ ve TEDBİRLER",
            "V",
            blocks=say(ctx, "oneri-ve-tedbirler"),
            new_page=True,
        ),
        Section(
            "ekler",
            "EKLER",
            blocks=say(ctx, "ekler"),
            new_page=True,
            sections=(
                Section(
                    "ic-kontrol-guvence-beyani",
                    "İÇ KONTROL GÜVENCE BEYANI",
                    "EK-1",
                    blocks=say(ctx, "ic-kontrol-guvence-beyani"),
                    new_page=True,
                ),
                Section(
                    "mali-hizmetler-birim-yoneticisinin-beyani",
                    "MALİ HİZMETLER BİRİM YÖNETİCİSİNİN BEYANI",
                    "EK-2",
                    blocks=say(ctx, "mali-hizmetler-birim-yoneticisinin-beyani"),
                    new_page=True,
                ),
            ),
        ),
    )
