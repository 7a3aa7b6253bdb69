"""The Performance Program's section tree (PP 2023 layout) filled from a dataset and year."""

from __future__ import annotations

from karne.core.records import ResourceCategory
from karne.core.report_content import costs_pp, front, indicator_tables, resources
from karne.core.report_content import structure_tables as st
from karne.core.report_content.context import ReportContext
from karne.core.report_content.model import (
    BulletList,
    Definitions,
    Paragraph,
    Section,
)
from karne.core.report_content.narrative import collect, foreword
from karne.core.report_content.narrative import narrative_blocks as say


def _general(ctx: ReportContext) -> Section:
    resources_children = (
        Section(
            "kaynaklar.fiziki-kaynaklar",
            "Fiziki Kaynaklar",
            blocks=collect(
                say(ctx, "kaynaklar.fiziki-kaynaklar"),
                resources.physical_table(ctx, "Fiziki Kaynaklara İlişkin Bilgiler"),
            ),
        ),
        Section(
            "kaynaklar.teknolojik-kaynaklar",
            "Teknolojik Kaynaklar",
            blocks=collect(say(ctx, "kaynaklar.teknolojik-kaynaklar"), resources.it_table(ctx)),
        ),
        Section(
            "kaynaklar.insan-kaynagi",
            "İnsan Kaynağı",
            blocks=collect(
                resources.staff_sentence(ctx),
                say(ctx, "kaynaklar.insan-kaynagi"),
                resources.staff_table(ctx),
                resources.distribution_table(ctx, ResourceCategory.STAFF_GENDER),
                resources.distribution_table(ctx, ResourceCategory.STAFF_EDUCATION),
                resources.distribution_figure(ctx, ResourceCategory.STAFF_GENDER),
                resources.distribution_figure(ctx, ResourceCategory.STAFF_EDUCATION),
            ),
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
                "yetki-gorev-ve-sorumluluklar",
                "YETKİ, GÖREV ve SORUMLULUKLAR",
                "I.A",
                blocks=collect(
                    say(ctx, "yetki-gorev-ve-sorumluluklar"),
                    front.administration_duties(ctx),
                ),
            ),
            Section(
                "organizasyon-yapisi",
                "ORGANİZASYON YAPISI",
                "I.B",
                blocks=collect(
                    say(ctx, "organizasyon-yapisi"),
                    front.organisation_chart(ctx),
                    front.organisation(ctx),
                ),
            ),
            Section(
                "kaynaklar",
                "KAYNAKLAR",
                "I.C",
                blocks=say(ctx, "kaynaklar"),
                sections=resources_children,
            ),
            Section(
                "temel-politika-belgeleri",
                "TEMEL POLİTİKA BELGELERİ",
                "I.Ç",
                blocks=say(ctx, "temel-politika-belgeleri"),
            ),
        ),
    )


def _performance_information(ctx: ReportContext) -> Section:
    costs = ctx.evaluation.costs[0] if ctx.evaluation.costs else None
    with_indicators = {i.sub_program for i in ctx.dataset.pp_indicators if i.year == ctx.year}
    children = []
    for program, sub in ctx.sub_programs():
        if sub.code not in with_indicators:
            continue  # the management and support program has no performance targets
        children.append(
            Section(
                f"performans-bilgisi.{sub.code}",
                sub.name,
                blocks=collect(
                    Definitions(
                        (
                            ("Bütçe Yılı", str(ctx.year)),
                            ("Programın Adı", program.name),
                            ("Alt Program Adı", sub.name),
                        )
                    ),
                    Definitions((("Gerekçe ve Açıklamalar", sub.rationale),))
                    if sub.rationale
                    else None,
                    Definitions(
                        (("Alt Program Hedefi", "; ".join(o.text for o in sub.objectives)),)
                    )
                    if sub.objectives
                    else None,
                    indicator_tables.pp_indicator_table(ctx, sub),
                    costs_pp.activity_costs_table(ctx, costs, sub) if costs else None,
                    costs_pp.activity_descriptions_table(sub),
                ),
            )
        )
    return Section(
        "performans-bilgisi",
        "PERFORMANS BİLGİSİ",
        "II.D",
        blocks=say(ctx, "performans-bilgisi"),
        sections=tuple(children),
    )


def _architecture(ctx: ReportContext) -> Section:
    admin = ctx.dataset.administration
    costs = ctx.evaluation.costs[0] if ctx.evaluation.costs else None
    return Section(
        "performans-programi-mimarisi",
        "PERFORMANS PROGRAMI MİMARİSİ",
        "II",
        blocks=say(ctx, "performans-programi-mimarisi"),
        new_page=True,
        sections=(
            Section("misyonumuz", "MİSYONUMUZ", "II.A", blocks=(Paragraph(admin.mission),)),
            Section("vizyonumuz", "VİZYONUMUZ", "II.B", blocks=(Paragraph(admin.vision),)),
            Section(
                "temel-degerlerimiz",
                "TEMEL DEĞERLERİMİZ",
                "II.C",
                blocks=(BulletList(admin.values),) if admin.values else (),
            ),
            Section(
                "stratejik-amac-ve-hedeflerimiz",
                "STRATEJİK AMAÇ VE HEDEFLERİMİZ",
                "II.Ç",
                blocks=collect(
                    say(ctx, "stratejik-amac-ve-hedeflerimiz"),
                    front.plan_at_a_glance(ctx),
                    st.aims_table(ctx),
                    st.objectives_table(ctx),
                ),
            ),
            _performance_information(ctx),
            Section(
                "idarenin-toplam-kaynak-ihtiyaci",
                "İDARENİN TOPLAM KAYNAK İHTİYACI",
                "II.E",
                blocks=collect(
                    say(ctx, "idarenin-toplam-kaynak-ihtiyaci"),
                    costs_pp.economic_table(ctx, costs) if costs else None,
                    costs_pp.economic_figure(ctx, costs) if costs else None,
                    costs_pp.activity_economic_table(ctx, costs) if costs else None,
                    costs_pp.program_table(ctx, costs) if costs else None,
                ),
            ),
            Section(
                "diger-hususlar",
                "DİĞER HUSUSLAR",
                "II.F",
                blocks=collect(
                    say(ctx, "diger-hususlar"),
                    st.responsible_activities_table(ctx),
                    st.responsible_indicators_table(ctx),
                ),
            ),
        ),
    )


def pp_sections(ctx: ReportContext) -> tuple[Section, ...]:
    return (
        foreword(ctx),
        Section("giris", "GİRİŞ", blocks=say(ctx, "giris")),
        _general(ctx),
        _architecture(ctx),
    )
