"""A section's written text: its markup read into blocks, and its live figures rendered from the
evaluation as the tables print them (checked against the reference Activity Report's Tablo 11)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from karne.core.evaluation import Evaluation, evaluate
from karne.core.figures import Unknown, figure, references, render, unknown
from karne.core.markup import Heading, Items, Para, parse, plain
from karne.core.records import Dataset


@pytest.fixture(scope="module")
def ev(reference: Dataset) -> Evaluation:
    return evaluate(reference, 2023)


def test_paragraphs_headings_lists_and_bold_lines() -> None:
    body = (
        "İlk paragraf\nikinci satırıyla.\n\n## Alt başlık\n- birinci madde\n"
        "  devamı\n- ikinci madde\nSon paragraf.\n\n**Vurgulu satır**\n"
    )
    assert parse(body) == (
        Para("İlk paragraf ikinci satırıyla."),
        Heading("Alt başlık"),
        Items(("birinci madde devamı", "ikinci madde")),
        Para("Son paragraf."),
        Para("Vurgulu satır", bold=True),
    )
    assert parse("") == ()
    assert parse("Tek satır, eski düz metin.") == (Para("Tek satır, eski düz metin."),)
    assert plain(parse(body)).startswith("İlk paragraf ikinci satırıyla.\nAlt başlık")


def test_markup_is_never_html() -> None:
    """What looks like a tag stays text: every renderer escapes it."""
    assert parse("<script>alert(1)</script>") == (Para("<script>alert(1)</script>"),)


def test_live_figures_print_what_the_tables_print(ev: Evaluation, reference: Dataset) -> None:
    shown = {
        (p.row, p.column): p.as_printed
        for p in reference.printed
        if p.document == "FR2023" and p.table == "Tablo 11" and p.row == "GYH-01"
    }
    assert figure("gosterge:GYH-01:gerceklesme", ev, "FR2023") == shown[("GYH-01", "year_end")]
    assert figure("gosterge:GYH-01:hedef", ev, "FR2023") == shown[("GYH-01", "target")]
    assert figure("gosterge:GYH-01:oran", ev, "FR2023") == "%" + shown[("GYH-01", "rate")]
    assert figure("gosterge:GYH-01:durum", ev, "FR2023") == shown[("GYH-01", "status")]
    text = "2023 yılında [[gosterge:GYH-01:gerceklesme]] aktif ikamet izni vardı."
    assert render(text, ev, "FR2023") == "2023 yılında 1.009.098 aktif ikamet izni vardı."
    assert references(text) == ["gosterge:GYH-01:gerceklesme"]


def test_every_kind_of_figure_resolves(ev: Evaluation) -> None:
    sp = ev.sp_indicators[0].code
    objective = ev.objectives[0].code
    for ref in (
        f"sp:{sp}:hedef",
        f"sp:{sp}:gerceklesme",
        f"sp:{sp}:performans",
        f"amac:{objective}:performans",
        "butce:kbo",
        "butce:toplam-odenek",
        "butce:harcama",
        "butce:oran",
        "personel:toplam",
    ):
        assert isinstance(figure(ref, ev, "FR2023"), str), ref
    assert figure("butce:kbo", ev, "FR2023") == "9.508.170.000,00"
    # the KBÖ's current and investment parts, as the Activity Report states them
    assert figure("butce:cari", ev, "FR2023") == "9.247.570.000,00"
    assert figure("butce:yatirim", ev, "FR2023") == "260.600.000,00"
    # a sub-programme's and a programme's cost in the year's performance programme
    assert figure("program:GY.GYH:maliyet", ev, "PP2023") == "9.140.344.000,00"
    assert figure("program:GY:maliyet", ev, "PP2023") == "9.491.747.000,00"
    assert isinstance(figure("program:YOK:maliyet", ev, "PP2023"), Unknown)
    # the IT inventory's total: each document's own (the PP's Tablo 2, the FR's Şekil 2)
    assert figure("bilisim:toplam", ev, "PP2023") == "7.245"
    assert figure("bilisim:toplam", ev, "FR2023") == "7.895"
    assert figure("bilisim:toplam", ev, "YOK2023") == "-"


def test_the_carried_over_appropriation_is_the_years_carry_overs(
    ev: Evaluation, reference: Dataset
) -> None:
    """The Activity Report's sentence on the appropriation carried over from 2022 prints it
    from budget_carryover.csv, as the report's text printed it; a year without one prints "-"."""
    claim = next(c for c in reference.claims if c.metric == "budget.2023.carried_over")
    assert f"{figure('butce:devreden', ev, 'FR2023')} TL" == claim.as_printed
    none = replace(reference, budget_carryover=())
    assert figure("butce:devreden", evaluate(none, 2023), "FR2023") == "-"
    two = replace(
        reference,
        budget_carryover=(
            *reference.budget_carryover,
            replace(reference.budget_carryover[0], from_year=2021, amount=Decimal("0.63")),
        ),
    )
    assert figure("butce:devreden", evaluate(two, 2023), "FR2023") == "35.788.951,00"


def test_a_physical_resource_is_cited_by_its_name_in_any_case(ev: Evaluation) -> None:
    """The building areas the texts state are the table's rows, and their total the rows'
    sum: the FR's 16.368 + 4.152 m², the PP's 17.692 + 4.152 m²."""
    main, annex = "Merkez Bina Toplam Alanı", "ek hizmet binası  toplam alanı"
    assert figure(f"fiziki:{main}:mevcut", ev, "FR2023") == "16.368"
    assert figure("fiziki:MERKEZ BİNA TOPLAM ALANI:mevcut", ev, "PP2023") == "17.692"
    assert figure(f"fiziki:{main} + {annex}:mevcut", ev, "FR2023") == "20.520"
    assert figure(f"fiziki:{main} + {annex}:mevcut", ev, "PP2023") == "21.844"
    assert figure("fiziki:Araç Sayısı:mevcut", ev, "FR2023") == "38"


def test_a_physical_resource_that_is_not_in_the_table_or_a_sum_of_units_is_refused(
    ev: Evaluation,
) -> None:
    unknowns = unknown(
        "[[fiziki:Daire Başkanı Oda Sayısı:mevcut]] [[fiziki:Ofis Oda + Merkez Bina Toplam "
        "Alanı:mevcut]] [[fiziki:Ofis Oda:alan]] [[fiziki:Ofis Oda + :mevcut]]",
        ev,
        "PP2023",  # the PP lists no head of department's rooms
    )
    assert [u.reason for u in unknowns] == [
        "bilinmeyen kod",
        "farklı birimler",  # rooms and square metres
        "bilinmeyen ölçü",
        "bilinmeyen kod",
    ]


def test_a_reference_that_names_nothing_is_shown_and_listed(ev: Evaluation) -> None:
    text = "[[gosterge:YOK-99:oran]], [[gosterge:GYH-01:hız]], [[kisi:x]], [[butce]]"
    assert [u.reason for u in unknown(text, ev, "FR2023")] == [
        "bilinmeyen kod",
        "bilinmeyen ölçü",
        "bilinmeyen tür",
        "bilinmeyen ölçü",
    ]
    assert render("Oran [[gosterge:YOK-99:oran]].", ev, "FR2023") == (
        "Oran [[gosterge:YOK-99:oran]]."
    )
    assert isinstance(figure("gosterge:YOK-99:oran", ev, "FR2023"), Unknown)


def test_a_table_or_figure_reference_waits_for_the_numbering(ev: Evaluation) -> None:
    text = "Bkz. [[tablo:fr.execution]] ve [[sekil:x]]; [[tablo:]] bir gönderme değil."
    assert unknown(text, ev, "FR2023") == [Unknown("tablo:", "bilinmeyen tür")]
    assert render(text, ev, "FR2023") == text
