"""Both documents of the second, differently shaped administration (a water utility, its head a
general manager) carry its own words: its foreword under its own title, and not one word of the
reference administration's (its head's title, its name, its field) anywhere in the content."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator
from decimal import Decimal

import pytest

from karne.core.records import CostMeasure, Dataset, Narrative, NarrativeSection, ValueMeasure
from karne.core.report_content.build import build_report
from karne.core.report_content.model import (
    BulletList,
    Definitions,
    Figure,
    Paragraph,
    Report,
    Signature,
    Table,
)
from karne.core.textcase import tr_lower
from tests.reporting.small_dataset import YEAR, small_dataset

# The reference's words: its field, its head's foreword, its own name for its organisation. (The
# utility's units are "Daire Başkanlığı" too — a rank of every Turkish administration.)
REFERENCE_WORDS = ("göç", "başkan sunuşu", "başkanlık merkez", "yabancı", "sığınma", "ikamet")


def water() -> Dataset:
    dataset = small_dataset()
    forewords = tuple(
        Narrative(
            document=d.code,
            sections=(
                NarrativeSection(
                    id="genel-mudur-sunusu",
                    number="",
                    title="GENEL MÜDÜR SUNUŞU",
                    summary=(
                        "İdaremiz [[gosterge:IC-01:gerceklesme]] km şebekeyi yeniledi.\n\n"
                        "Abonelerimize kesintisiz su vermeyi sürdüreceğiz."
                    ),
                    signatory="Ayşe YILMAZ",
                    signatory_title="Genel Müdür",
                ),
            ),
        )
        for d in dataset.documents
    )
    return dataclasses.replace(dataset, narratives=forewords)


def texts(report: Report) -> Iterator[str]:
    yield report.title
    yield from report.cover.lines_above
    yield from report.cover.lines_below
    for top in report.sections:
        for _depth, section in top.walk():
            yield section.title
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    yield block.text
                elif isinstance(block, BulletList):
                    yield from block.items
                elif isinstance(block, Definitions):
                    for label, value in block.items:
                        yield f"{label} {value}"
                elif isinstance(block, Signature):
                    yield f"{block.name} {block.title}"
                elif isinstance(block, Table):
                    yield block.title
                    yield from (c.label for c in block.columns)
                    for row in block.rows:
                        yield from (str(c.value) for c in row.cells if c.value is not None)
                elif isinstance(block, Figure):
                    yield block.title


@pytest.mark.parametrize("kind", ["performans-programi", "faaliyet-raporu"])
def test_the_documents_speak_as_the_other_administration(kind: str) -> None:
    report = build_report(water(), YEAR, kind, datetime.date(YEAR + 1, 3, 1))
    foreword = report.sections[0]
    assert (foreword.key, foreword.title) == ("genel-mudur-sunusu", "GENEL MÜDÜR SUNUŞU")
    paragraphs = [b.text for b in foreword.blocks if isinstance(b, Paragraph)]
    assert paragraphs[0].startswith("İdaremiz ")
    assert "[[" not in paragraphs[0]  # its live figure rendered
    assert len(paragraphs) == 2  # a blank line is a new paragraph
    assert any(isinstance(b, Signature) and b.title == "Genel Müdür" for b in foreword.blocks)
    found = [t for t in texts(report) if any(w in tr_lower(t) for w in REFERENCE_WORDS)]
    assert found == []


def test_without_a_foreword_the_section_has_the_plain_title() -> None:
    report = build_report(small_dataset(), YEAR, "faaliyet-raporu", datetime.date(YEAR + 1, 3, 1))
    assert (report.sections[0].key, report.sections[0].title) == ("sunus", "SUNUŞ")


def test_a_ratio_reported_by_its_parts_prints_each_quarter_s_quotient() -> None:
    """The utility's AR-01 gave its quarters as 70 / 100 and 81 / 100 with no value typed: its
    Form-3 row prints 70 and 81 for them, beside the year-end of the same parts."""
    report = build_report(small_dataset(), YEAR, "faaliyet-raporu", datetime.date(YEAR + 1, 3, 1))
    tables = [
        b
        for top in report.sections
        for _depth, section in top.walk()
        for b in section.blocks
        if isinstance(b, Table) and b.key.startswith("fr.form3.")
    ]
    labels = [c.label for c in tables[0].columns]
    row = next(
        r
        for t in tables
        for r in t.rows
        if any(c.value == "Arıtılan atık su oranı" for c in r.cells)
    )
    value = dict(zip(labels, (c.value for c in row.cells), strict=True))
    assert (value["1. Üç Aylık"], value["2. Üç Aylık"]) == (Decimal(70), Decimal(81))
    assert value["Yılsonu Değeri"] == Decimal("75.5")


def test_the_utility_s_own_texts_print_its_figures() -> None:
    """Its sections cite figures (an indicator's year-end, the budget, its physical resources
    and their sum); the document prints them in Turkish format, nothing left as a reference."""
    report = build_report(small_dataset(), YEAR, "faaliyet-raporu", datetime.date(YEAR + 1, 3, 1))
    written = " ".join(texts(report))
    assert "Tesislerimiz 15.700 m² alanda hizmet verir; bunun 12.500 m²'si arıtma" in written
    assert "Sahada 14 aracımız çalışır." in written
    assert "arıtılan atık su oranımız %75,50 oldu" in written
    assert "[[" not in written


def _turkish(value: Decimal, places: int) -> str:
    """A number as the documents print it ("3.605,00"), written here independently of karne."""
    return f"{value:,.{places}f}".translate(str.maketrans(",.", ".,"))


def test_the_utility_s_performance_program_speaks_in_its_own_words() -> None:
    """Its PP opens with its general manager's foreword under the title its data gives, and its
    texts cite the programme's targets and costs in Turkish format, nothing left as a reference."""
    dataset = small_dataset()
    report = build_report(dataset, YEAR, "performans-programi", datetime.date(YEAR + 1, 3, 1))
    foreword = report.sections[0]
    assert (foreword.key, foreword.title) == ("genel-mudur-sunusu", "GENEL MÜDÜR SUNUŞU")
    assert [b.title for b in foreword.blocks if isinstance(b, Signature)] == ["Genel Müdür"]

    def target(code: str) -> Decimal:
        return next(
            v.value
            for v in dataset.pp_indicator_values
            if v.indicator == code and v.year == YEAR and v.measure is ValueMeasure.TARGET
        )

    def cost(prefix: str) -> Decimal:
        return sum(
            (
                c.amount
                for c in dataset.activity_costs
                if c.year == YEAR
                and c.measure is CostMeasure.BUDGET
                and c.activity.startswith(prefix)
            ),
            Decimal(0),
        )

    written = " ".join(texts(report))
    assert (
        f"Bu yıl {_turkish(target('IC-01'), 0)} km içme suyu şebekesini yenilemeyi ve arıza "
        f"giderme süresini {_turkish(target('IC-02'), 0)} saate indirmeyi hedefliyoruz."
    ) in written
    assert (
        f"alt programımızın bu yılki bütçesi {_turkish(cost('SU.ICME.'), 2)} TL'dir; atık suyun "
        f"%{_turkish(target('AR-01'), 0)}'ini arıtmayı hedefliyoruz."
    ) in written
    assert f"toplam {_turkish(cost('SU.'), 2)} TL kaynak ayırdık" in written
    assert "Performans programımız, İdaremizin bir yıl içinde" in written
    assert "[[" not in written
    found = [t for t in texts(report) if any(w in tr_lower(t) for w in REFERENCE_WORDS)]
    assert found == []
    # its own words name no head of the reference's rank (only its units' tables may)
    own = [
        f"{s.title} {s.summary} {s.signatory_title}"
        for n in dataset.narratives
        if n.document == "PP2024"
        for s in n.sections
    ]
    assert own
    assert [t for t in own if "başkan" in tr_lower(t) or "göç" in tr_lower(t)] == []
