"""The content model carries the core's figures: every table cell that shows a computed figure
equals what `evaluate()` computes, and the reference tables match the seed documents where those
are consistent (figures checked by hand against the printed 2023 documents)."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from karne.core.evaluation import evaluate
from karne.core.records import Dataset
from karne.core.report_content import build_report
from karne.core.report_content.model import (
    BulletList,
    Definitions,
    Fmt,
    Paragraph,
    Report,
    RowKind,
    Table,
)
from karne.reporting.formats import cell_text
from tests.reporting.small_dataset import YEAR, small_dataset

DAY = date(2024, 2, 29)


@pytest.fixture(scope="module")
def fr(reference: Dataset) -> Report:
    return build_report(reference, 2023, "faaliyet-raporu", DAY)


@pytest.fixture(scope="module")
def pp(reference: Dataset) -> Report:
    return build_report(reference, 2023, "performans-programi", DAY)


def table(report: Report, key: str) -> Table:
    return next(t for t in report.tables() if t.key == key)


def texts(t: Table, kind: RowKind) -> list[list[str]]:
    return [[cell_text(c) for c in r.cells] for r in t.rows if r.kind is kind]


def test_reference_tables_are_numbered_as_in_the_printed_documents(fr: Report, pp: Report) -> None:
    # FR 2023 prints Tablo 1–14 and PP 2023 Tablo 1–18 with these titles (seeds/, TABLO DİZİNİ).
    assert [t.number for t in fr.tables()] == list(range(1, 15))
    assert table(fr, "fr.execution").label == "Tablo 5. 2023 Yılı Bütçe Gerçekleşme Durumu"
    assert table(fr, "fr.form4").label == "Tablo 13. Performans Göstergesi Sonuçları Formu (Form-4)"
    assert [t.number for t in pp.tables()] == list(range(1, 19))
    assert table(pp, "pp.by_program").number == 16
    assert table(pp, "pp.responsible_indicators").number == 18


def test_budget_execution_total_matches_the_printed_report(fr: Report) -> None:
    # FR Tablo 5, "Toplam" row, as printed (consistent with its own rows).
    total = texts(table(fr, "fr.execution"), RowKind.TOTAL)[0]
    assert total[2:] == [
        "9.508.170.000,00",
        "7.887.413.140,00",
        "672.501.688,00",
        "16.723.081.452,00",
        "16.527.630.426,00",
        "195.451.026,00",
        "%98,83",
    ]


def test_pp_cost_totals_match_the_printed_program(pp: Report) -> None:
    # PP Tablo 16 GENEL TOPLAM 2023: 9.508.170.000 internal, 0 external; Tablo 9 TOPLAM 2023.
    total = texts(table(pp, "pp.by_program"), RowKind.TOTAL)[0]
    assert total[1:4] == ["9.508.170.000", "0", "9.508.170.000"]
    costs = table(pp, "pp.activity_costs.GY.GYH")
    assert texts(costs, RowKind.TOTAL)[0][3] == "9.140.344.000"


def test_form3_rows_are_evaluate_results(reference: Dataset, fr: Report) -> None:
    ev = evaluate(reference, 2023)
    rows = texts(table(fr, "fr.form3.GY.GYH"), RowKind.BODY) + texts(
        table(fr, "fr.form3.GY.DG"), RowKind.BODY
    )
    assert len(rows) == len(ev.indicators) == 22
    by_name = {r[1]: r for r in rows}
    for result in ev.indicators:
        shown = by_name[result.name]
        assert shown[-2] == cell_text_rate(result.rate)
        assert shown[-1] == (result.status.value if result.status else "-")
    # Hand-checked against FR Tablo 11: GYH-01 1.009.098 / 1.280.000 = %78,84.
    assert by_name["Aktif ikamet izni sayısı"][10:13] == [
        "1.009.098",
        "%78,84",
        "Hedeflenen Değere Ulaşılamadı",
    ]


def cell_text_rate(rate: Decimal | None) -> str:
    from karne.core.formatting import format_percent

    return format_percent(rate, 2)


def test_numbers_stay_decimals_in_the_model(fr: Report) -> None:
    for t in fr.tables():
        for r in t.rows:
            for c in r.cells:
                if c.fmt is not Fmt.TEXT:
                    assert c.value is None or isinstance(c.value, Decimal), (t.label, c)


def test_small_dataset_has_its_own_shape() -> None:
    dataset = small_dataset()
    ev = evaluate(dataset, YEAR)
    fr = build_report(dataset, YEAR, "faaliyet-raporu", DAY)
    pp = build_report(dataset, YEAR, "performans-programi", DAY)
    # three sub-programs, each with indicators or costs; numbering follows reading order
    assert [t.number for t in pp.tables()] == list(range(1, len(pp.tables()) + 1))
    # the less-is-better indicator: target / actual (10 / 12) → %83,33, "Kısmen Ulaşıldı"
    form3 = table(fr, "fr.form3.SU.ICME")
    row = next(r for r in texts(form3, RowKind.BODY) if r[1].startswith("Arıza"))
    assert row[-2:] == ["%83,33", "Hedeflenen Değere Kısmen Ulaşıldı"]
    assert row[-2] == cell_text_rate(next(i.rate for i in ev.indicators if i.code == "IC-02"))
    # budget-external sources appear in the execution by source and in the plan's costs
    sources = texts(table(fr, "fr.execution_by_source"), RowKind.BODY)
    assert [r[0] for r in sources] == ["Bütçe İçi", "Döner Sermaye", "Özel Hesap"]
    by_program = texts(table(pp, "pp.by_program"), RowKind.TOTAL)[0]
    assert by_program[1:4] == ["3.300", "305", "3.605"]  # 1000+2000+300 | 250+40+15
    economic = table(pp, "pp.economic")
    revolving = next(r for r in texts(economic, RowKind.BODY) if r[0] == "Döner Sermaye")
    assert revolving[1:3] == ["290", "290"]  # one program, then the total column


def test_abbreviations_are_in_turkish_alphabetical_order() -> None:
    from dataclasses import replace

    from karne.core.records import Abbreviation

    dataset = small_dataset()
    codes = ["GZFT", "İŞKUR", "ÇŞB", "GİB", "CB", "IBAN", "ÖSYM", "OHAL", "DMM"]
    admin = replace(
        dataset.administration,
        abbreviations=tuple(Abbreviation(c, f"{c} açılımı") for c in codes),
    )
    report = build_report(replace(dataset, administration=admin), YEAR, "faaliyet-raporu", DAY)
    # c ç d … g ğ h ı i …: GİB (İ) before GZFT, IBAN (I) before İŞKUR, OHAL before ÖSYM
    assert [code for code, _ in report.abbreviations] == [
        "CB", "ÇŞB", "DMM", "GİB", "GZFT", "IBAN", "İŞKUR", "OHAL", "ÖSYM",
    ]  # fmt: skip


def test_the_staff_sentence_lowercases_turkish_labels(reference: Dataset) -> None:
    from karne.core.records import DocumentKind
    from karne.core.report_content.context import make_context
    from karne.core.report_content.resources import staff_sentence

    ctx = make_context(reference, 2023, DocumentKind.FAALIYET_RAPORU, DAY)
    sentence = staff_sentence(ctx)
    assert sentence is not None
    # str.lower() makes "İ" an "i" followed by U+0307, a combining dot above
    assert " kadrolu işçi," in sentence.text
    assert "\u0307" not in sentence.text


def test_money_in_the_sp_table_has_kuruş_and_a_row_one_precision(fr: Report) -> None:
    sp = table(fr, "fr.strategic_plan")
    rows = {r[0].split(":")[0]: r for r in texts(sp, RowKind.BODY)}
    # PG6.4.3 is in TL: 270.999.077,22 / 1.504.973.457,89 / 6.121.627.343,50 (printed so in FR)
    assert rows["PG6.4.3"][2:5] == ["270.999.077,22", "1.504.973.457,89", "6.121.627.343,50"]
    for r in sp.rows:
        if r.kind is RowKind.BODY:
            assert len({c.places for c in r.cells[2:5] if c.value is not None}) <= 1, r


def test_the_sp_table_has_each_indicators_evaluations_under_its_row(
    reference: Dataset, fr: Report
) -> None:
    sp = table(fr, "fr.strategic_plan")
    shown = [(r.kind, cell_text(r.cells[0])) for r in sp.rows]
    start = next(i for i, (_, t) in enumerate(shown) if t.startswith("PG1.1.3:"))
    pg113 = next(i for i in reference.sp_indicators if i.code == "PG1.1.3")
    assert shown[start + 1 : start + 6] == [
        (RowKind.NOTE, "Performans Göstergelerine İlişkin Değerlendirmeler"),
        (RowKind.NOTE, f"İlgililik: {pg113.relevance}"),
        (RowKind.NOTE, f"Etkililik: {pg113.effectiveness}"),
        (RowKind.NOTE, f"Etkinlik: {pg113.efficiency}"),
        (RowKind.NOTE, f"Sürdürülebilirlik: {pg113.sustainability}"),
    ]
    assert "Covid-19" in pg113.relevance
    assert shown[start + 6][1].startswith("PG1.1.4:")  # the next indicator follows
    # PG2.2.2 has no evaluations: the objective's note follows its row directly
    empty = next(i for i, (_, t) in enumerate(shown) if t.startswith("PG2.2.2:"))
    assert shown[empty + 1][1].startswith("Sorumlu Birim:")
    headings = [t for k, t in shown if t == "Performans Göstergelerine İlişkin Değerlendirmeler"]
    assert len(headings) == 39


def test_an_indicator_prints_only_the_evaluations_it_has() -> None:
    from dataclasses import replace

    dataset = small_dataset()
    first, *rest = dataset.sp_indicators
    partly = replace(first, relevance="Hedef geçerli.", sustainability="Risk yok.")
    report = build_report(
        replace(dataset, sp_indicators=(partly, *rest)), YEAR, "faaliyet-raporu", DAY
    )
    notes = texts(table(report, "fr.strategic_plan"), RowKind.NOTE)
    assert [n[0] for n in notes[:3]] == [
        "Performans Göstergelerine İlişkin Değerlendirmeler",
        "İlgililik: Hedef geçerli.",
        "Sürdürülebilirlik: Risk yok.",
    ]
    bare = texts(
        table(build_report(dataset, YEAR, "faaliyet-raporu", DAY), "fr.strategic_plan"),
        RowKind.NOTE,
    )
    assert not any("Değerlendirmeler" in n[0] for n in bare)


def test_every_money_column_has_one_precision(fr: Report, pp: Report) -> None:
    for report in (fr, pp):
        for t in report.tables():
            by_column: dict[int, set[int]] = {}
            for r in t.rows:
                for i, c in enumerate(r.cells):
                    if c.fmt is Fmt.MONEY and c.value is not None:
                        by_column.setdefault(i, set()).add(c.places)
            assert all(len(p) == 1 for p in by_column.values()), (t.label, by_column)


def test_a_negative_percentage_prints_minus_then_percent(fr: Report) -> None:
    rows = texts(table(fr, "fr.kbo_to_next"), RowKind.BODY)
    capital = next(r for r in rows if r[0] == "07")
    assert capital[-1] == "-%6,25"  # 25.600.000 → 24.000.000


def test_the_cover_shows_the_documents_date_never_the_machines() -> None:
    from dataclasses import replace

    dataset = small_dataset()
    undated = build_report(dataset, YEAR, "faaliyet-raporu", DAY)
    later = build_report(dataset, YEAR, "faaliyet-raporu", date(2031, 7, 15))
    assert undated.cover == later.cover  # the day of generation is printed nowhere on it
    assert not any("Şubat" in line or "tarihi" in line for line in undated.cover.lines_below)
    dated = replace(
        dataset,
        documents=tuple(replace(d, date="Mart 2025") for d in dataset.documents),
    )
    cover = build_report(dated, YEAR, "faaliyet-raporu", DAY).cover
    assert cover.lines_below[-1] == "Mart 2025"


def test_form4_names_each_sub_program_s_objective(fr: Report, reference: Dataset) -> None:
    """The form's first three columns: programme, sub-programme and its objective on the
    sub-programme's first row, empty on the rows below it (the form merges them)."""
    form4 = table(fr, "fr.form4")
    assert [c.label for c in form4.columns[:4]] == [
        "Program",
        "Alt Program",
        "Alt Program Hedefi",
        "Performans Göstergesi",
    ]
    structure = next(x for x in reference.program_structures if x.year == 2023)
    expected = [
        (p.name, s.name, s.objective_statement or "; ".join(o.text for o in s.objectives))
        for p in structure.programs
        for s in p.sub_programs
        if any(i.sub_program == s.code and i.year == 2023 for i in reference.pp_indicators)
    ]
    heads = [tuple(str(c.value) for c in r.cells[:3]) for r in form4.rows if r.cells[0].value]
    assert heads == expected
    assert len(heads) == 2
    assert all(r.kind is RowKind.BODY for r in form4.rows)
    assert sum(1 for r in form4.rows if not r.cells[0].value) == len(form4.rows) - 2
    first = next(r for r in form4.rows if r.cells[0].value)
    assert first.cells[3].value == "Aktif ikamet izni sayısı"


def test_an_objective_short_of_its_weights_prints_no_performance(fr: Report) -> None:
    """H1.1's indicators in the table carry 50 of its 100: no "%40" that reads as the whole."""
    sp = table(fr, "fr.strategic_plan")
    heads = {
        str(r.cells[0].value).split(" ")[2]: str(r.cells[0].value)
        for r in sp.rows
        if r.kind is RowKind.GROUP
    }
    assert heads["H1.1"].endswith("H1.1 Performansı: -")
    assert heads["H1.3"].endswith("H1.3 Performansı: %95")  # complete: its figure
    # why "-", in the table's own note right under the objective's heading
    rows = list(sp.rows)
    at = next(
        i
        for i, r in enumerate(rows)
        if r.kind is RowKind.GROUP and "H1.1 " in str(r.cells[0].value)
    )
    assert rows[at + 1].kind is RowKind.NOTE
    assert rows[at + 1].cells[0].value == (
        "Hedef performansı hesaplanmamıştır: bu tablodaki göstergelerin ağırlıkları toplamı %50, "
        "kalan %50 ağırlığın göstergeleri bu tabloda yer almamaktadır."
    )
    h13 = next(
        i
        for i, r in enumerate(rows)
        if r.kind is RowKind.GROUP and "H1.3 " in str(r.cells[0].value)
    )
    assert rows[h13 + 1].kind is not RowKind.NOTE  # a complete objective has no such note


def test_a_corrected_slip_gives_the_corrected_year_end_and_status(fr: Report) -> None:
    # GYH-08, a stock, was printed 21, 21, 21, 0: the input corrects Q4 to 21 (its reason in
    # realizations.csv), so the year-end is 21 and 21 / 16 = %131,25 exceeds the target.
    rows = texts(table(fr, "fr.form3.GY.GYH"), RowKind.BODY)
    row = next(r for r in rows if r[1] == "Kurulan göç danışma merkezi sayısı")
    assert row[6:] == ["21", "21", "21", "21", "21", "%131,25", "Hedeflenen Değer Aşıldı"]
    form4 = texts(table(fr, "fr.form4"), RowKind.BODY)
    assert any(r[-3:] == ["16", "21", "Hedeflenen Değer Aşıldı"] for r in form4)


def test_the_summary_counts_the_statuses_with_the_corrected_input(fr: Report) -> None:
    [summary] = [
        b
        for s, b in fr.blocks()
        if s.key == "yonetici-ozeti" and isinstance(b, Definitions) and b.items
    ]
    assert dict(summary.items) == {
        "Hedeflenen Değer Aşıldı": "11",
        "Hedeflenen Değere Ulaşıldı": "2",
        "Hedeflenen Değere Kısmen Ulaşıldı": "1",
        "Hedeflenen Değere Ulaşılamadı": "8",
    }


def test_each_activity_has_its_own_objectives_and_aims(reference: Dataset, fr: Report) -> None:
    # FR Tablo 10 pairs every activity with the objective it serves and that objective's aim
    # (Yönetilebilir Düzenli Göç: H1 → A1, Göç Yönetimi Veri Altyapısı: H4 → A6); Düzensiz
    # Göçle Mücadele serves H1–H3 (A2), İnsan Ticaretiyle Mücadele H4–H6 (A4).
    [structure] = reference.program_structures
    subs = {s.code: s for p in structure.programs for s in p.sub_programs}
    aims = {a.code: a.statement for plan in reference.strategic_plans for a in plan.aims}
    rows = {r[3]: r for r in texts(table(fr, "fr.activities"), RowKind.BODY)}
    gyh, dg = subs["GY.GYH"], subs["GY.DG"]
    assert rows["Yönetilebilir Düzenli Göç"][2] == gyh.objectives[0].text
    assert rows["Yönetilebilir Düzenli Göç"][5] == aims["A1"]
    assert rows["Göç Yönetimi Veri Altyapısı"][2] == gyh.objectives[3].text
    assert rows["Göç Yönetimi Veri Altyapısı"][5] == aims["A6"]
    assert rows["Düzensiz Göçle Mücadele"][2] == "; ".join(o.text for o in dg.objectives[:3])
    assert rows["Düzensiz Göçle Mücadele"][5] == aims["A2"]
    trafficking = rows["İnsan Ticaretiyle Mücadele ve Mağdurların Korunması"]
    assert trafficking[2] == "; ".join(o.text for o in dg.objectives[3:])
    assert trafficking[5] == aims["A4"]
    # no row repeats every objective of its sub-program
    every = {"; ".join(o.text for o in s.objectives) for s in (gyh, dg)}
    assert not {r[2] for r in rows.values()} & every


def test_an_activity_naming_no_objective_serves_them_all(reference: Dataset) -> None:
    [structure] = reference.program_structures
    programs = tuple(
        dataclasses.replace(
            p,
            sub_programs=tuple(
                dataclasses.replace(
                    s,
                    activities=tuple(dataclasses.replace(a, objectives=()) for a in s.activities),
                )
                for s in p.sub_programs
            ),
        )
        for p in structure.programs
    )
    plain = dataclasses.replace(
        reference, program_structures=(dataclasses.replace(structure, programs=programs),)
    )
    report = build_report(plain, 2023, "faaliyet-raporu", DAY)
    gyh = programs[0].sub_programs[0]
    rows = texts(table(report, "fr.activities"), RowKind.BODY)
    assert {r[2] for r in rows if r[1] == gyh.name} == {"; ".join(o.text for o in gyh.objectives)}


def test_form3_prints_the_sub_programs_objective_statement(reference: Dataset, fr: Report) -> None:
    [structure] = reference.program_structures
    gyh = structure.programs[0].sub_programs[0]
    assert gyh.objective_statement.startswith("Ulusal ve uluslararası mevzuat çerçevesinde")
    heads = [
        dict(b.items)
        for _, b in fr.blocks()
        if isinstance(b, Definitions) and "Alt Program Hedefi" in dict(b.items)
    ]
    assert heads[0]["Alt Program Hedefi"] == gyh.objective_statement


def _duties(report: Report) -> tuple[str, ...]:
    [duties] = [
        b
        for s, b in report.blocks()
        if s.key == "yetki-gorev-ve-sorumluluklar" and isinstance(b, BulletList)
    ]
    return duties.items


def _chart_units(report: Report) -> tuple[str, ...]:
    [chart] = [f.chart for f in report.figures() if f.key == "organisation.chart"]
    return chart.categories


def test_each_document_prints_its_own_years_organisation(
    reference: Dataset, fr: Report, pp: Report
) -> None:
    # PP 2023, written in 2022, lists the 11 duties and the units of 2022; FR 2023 the 14 duties
    # (border management, (ı) (i) (j), came in 2023) and the units of 2023 (Sınır Yönetimi GM).
    border = [d.text for d in reference.duties if d.unit == "GIB" and d.valid_from == 2023]
    assert len(border) == 3
    assert len(_duties(pp)) == 11
    assert len(_duties(fr)) == 14
    assert not set(border) & set(_duties(pp))
    assert set(border) <= set(_duties(fr))
    assert "Sınır Yönetimi Genel Müdürlüğü" in _chart_units(fr)
    assert "Sınır Yönetimi Genel Müdürlüğü" not in _chart_units(pp)
    assert "Sınır Kapıları Yabancı İşlemleri Daire Başkanlığı" in _chart_units(pp)
    assert "Sınır Kapıları Yabancı İşlemleri Daire Başkanlığı" not in _chart_units(fr)
    assert (len(_chart_units(pp)), len(_chart_units(fr))) == (49, 57)


def test_the_services_list_each_unit_of_the_year_with_its_duties(
    reference: Dataset, fr: Report
) -> None:
    blocks = [b for s, b in fr.blocks() if s.key == "idareye-iliskin-bilgiler.sunulan-hizmetler"]
    headings = [b.text for b in blocks if isinstance(b, Paragraph) and b.emphasis]
    lists = [b.items for b in blocks if isinstance(b, BulletList)]
    assert headings[0] == "Yabancılar Genel Müdürlüğü"
    assert headings[-1] == "Özel Kalem Müdürlüğü"
    assert len(headings) == len(lists) == 11  # the six general directorates and five more
    by_unit = dict(zip(headings, lists, strict=True))
    sygm = [d.text for d in reference.duties if d.unit == "SYGM"]
    assert by_unit["Sınır Yönetimi Genel Müdürlüğü"] == tuple(sygm)
    assert len(sygm) == 10


def test_an_administration_without_dated_duties_prints_its_own_list() -> None:
    dataset = small_dataset()
    fr = build_report(dataset, YEAR, "faaliyet-raporu", DAY)
    assert _duties(fr) == dataset.administration.duties


def test_a_chart_over_the_years_needs_more_than_one_year(fr: Report, reference: Dataset) -> None:
    """The reference dataset has spending for 2023 only: no one-bar "Yıllar İtibarıyla" chart;
    with a second year of execution data the chart is drawn over both years."""
    assert all(f.key != "fr.spending_rate" for f in fr.figures())
    earlier = tuple(
        dataclasses.replace(b, year=2022)
        for b in reference.budget_economic
        if b.year == 2023 and b.spent is not None
    )
    others = tuple(b for b in reference.budget_economic if b.year != 2022)
    two_years = dataclasses.replace(reference, budget_economic=others + earlier)
    report = build_report(two_years, 2023, "faaliyet-raporu", DAY)
    (chart,) = (f.chart for f in report.figures() if f.key == "fr.spending_rate")
    assert chart.categories == ("2022", "2023")


def test_a_total_of_whole_lira_rows_says_why_it_differs_by_rounding(fr: Report) -> None:
    """Tablo 6/7 add whole-lira rows: their spending total is 1 TL over Tablo 5's exact one,
    and a note under each says so with both figures (the original printed the two without a
    word)."""
    exact = table(fr, "fr.execution").rows[-1]
    assert cell_text(exact.cells[6]) == "16.527.630.426,00"
    for key in ("fr.by_activity", "fr.by_unit"):
        rows = table(fr, key).rows
        total = next(r for r in rows if r.kind is RowKind.TOTAL)
        assert cell_text(total.cells[3]) == "16.527.630.427"
        assert cell_text(total.cells[1]) == "9.508.170.000"  # the others agree: no word on them
        (notes,) = texts(table(fr, key), RowKind.NOTE)
        assert notes == [
            "Tutarlar tam liraya yuvarlanmıştır: satırların gerçekleşme toplamı 16.527.630.427 "
            "TL, ekonomik sınıflandırmaya göre bütçe gerçekleşme tablosundaki kuruşlu toplam "
            "16.527.630.426,00 TL. Aradaki fark yuvarlamadan kaynaklanmaktadır."
        ]
