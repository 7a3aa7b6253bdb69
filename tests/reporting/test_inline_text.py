"""Bold words and cross-references inside a paragraph, in every format: a reference prints the
number its table or figure got (a link in the PDF, a `REF` field to the caption's bookmark in
the DOCX, which Word renumbers with the caption), and words between "**" print bold."""

from __future__ import annotations

import dataclasses
from datetime import date

from docx import Document
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st

from karne.core.markup import Span, inline, joined
from karne.core.report_content import Report, build_report
from karne.core.report_content.model import BulletList, Cover, Paragraph, Section, Table
from karne.core.report_content.numbering import number_report, targets
from karne.reporting.html import render_html
from tests.reporting.conftest import DAY, Generated
from tests.reporting.small_dataset import YEAR
from tests.reporting.test_other_administration import water

KINDS = ("performans-programi", "faaliyet-raporu")


def test_words_between_pairs_of_stars_are_bold() -> None:
    assert inline("düz metin") == (Span("düz metin"),)
    assert inline("toplam **12 TL** oldu") == (
        Span("toplam "),
        Span("12 TL", bold=True),
        Span(" oldu"),
    )
    assert inline("**a** ve **b**") == (Span("a", bold=True), Span(" ve "), Span("b", bold=True))
    # a marker without its pair, or with nothing between, is printed as typed
    assert joined(inline("5 ** 2")) == "5 ** 2"
    assert joined(inline("boş ****")) == "boş ****"


@given(
    st.text(alphabet=st.characters(blacklist_characters="*"), max_size=20),
    st.text(alphabet=st.characters(blacklist_characters="*"), min_size=1, max_size=20),
    st.text(alphabet=st.characters(blacklist_characters="*"), max_size=20),
)
def test_the_runs_say_the_text_without_its_markers(before: str, bold: str, after: str) -> None:
    spans = inline(f"{before}**{bold}**{after}")
    assert joined(spans) == before + bold + after
    assert [s.text for s in spans if s.bold] == [bold]
    assert inline(before + after) == (Span(before + after),)


def paragraphs(report: Report) -> list[Paragraph | BulletList]:
    return [
        block
        for top in report.sections
        for _depth, section in top.walk()
        for block in section.blocks
        if isinstance(block, Paragraph | BulletList)
    ]


def runs_of(block: Paragraph | BulletList) -> tuple[tuple[Span, ...], ...]:
    return (block.runs,) if isinstance(block, Paragraph) else block.item_runs


def test_references_print_the_number_their_table_got(ref_docs: Generated) -> None:
    for kind in KINDS:
        report = ref_docs.reports[kind]
        found = targets(report)
        refs = [
            span
            for block in paragraphs(report)
            for runs in runs_of(block)
            for span in runs
            if span.ref
        ]
        assert len(refs) >= 3, kind  # the reference's sections cite their tables and figures
        for span in refs:
            assert (span.text, span.number) == found[span.ref]
        assert not any("[[" in p.text for p in paragraphs(report) if isinstance(p, Paragraph))


def test_a_reference_follows_its_table_when_the_numbers_shift() -> None:
    """A table added before the cited one moves its number; the text follows."""
    cited = Table(key="b", title="İkinci", columns=(), rows=())
    text = Paragraph("Bkz. [[tablo:b]], [[tablo:yok]].")
    before = Section("s", "S", blocks=(text, cited))
    added = Table(key="a", title="Yeni", columns=(), rows=())
    shifted = Section("s", "S", blocks=(added, *before.blocks))
    cover = Cover((), "T", 2024)
    for section, number in ((before, 1), (shifted, 2)):
        report = number_report(
            Report("faaliyet-raporu", "X", 2024, "T", "İdare", cover, (), (section,), DAY)
        )
        paragraph = report.sections[0].blocks[1 if number == 2 else 0]
        assert isinstance(paragraph, Paragraph)
        assert paragraph.text == f"Bkz. Tablo {number}, [[tablo:yok]]."
        assert [s.number for s in paragraph.runs if s.ref] == [number]


def test_the_pdf_links_each_reference_and_prints_bold(ref_docs: Generated) -> None:
    for kind in KINDS:
        report = ref_docs.reports[kind]
        html = render_html(report, lambda figure: b"")
        cited = [s for b in paragraphs(report) for runs in runs_of(b) for s in runs if s.ref]
        assert cited
        for span in cited:
            anchor = f"{span.ref.partition(':')[0]}-{span.number}"
            assert f'<a href="#{anchor}">{span.text}</a>' in html
            assert f'id="{anchor}"' in html
    pp = render_html(ref_docs.reports["performans-programi"], lambda figure: b"")
    assert "<strong>9.508.170.000,00 TL</strong>" in pp


def test_the_docx_cites_a_caption_by_a_ref_field(ref_docs: Generated) -> None:
    for kind in KINDS:
        document = Document(str(ref_docs.path(kind, "docx")))
        body = document.element.body
        marks = {b.get(qn("w:name")): b for b in body.iter(qn("w:bookmarkStart"))}
        refs: list[tuple[str, str]] = []
        for paragraph in document.paragraphs:
            runs = list(paragraph._p.iter(qn("w:r")))
            for index, run in enumerate(runs):
                instr = "".join(t.text or "" for t in run.iter(qn("w:instrText")))
                if instr.strip().startswith("REF "):
                    # begin+instruction+separate, then the cached result, then the end
                    cached = "".join(t.text or "" for t in runs[index + 1].iter(qn("w:t")))
                    refs.append((instr.split()[1], cached))
        assert len(refs) >= 3, kind
        report = ref_docs.reports[kind]
        labels = {label for label, _n in targets(report).values()}
        for mark, shown in refs:
            assert mark in marks, mark
            assert shown in labels
            word, number = shown.split()
            prefix = "_Tablo" if word == "Tablo" else "_Sekil"
            assert mark.startswith(prefix)
            assert mark[len(prefix) :].split("_")[0] == number
    pp = Document(str(ref_docs.path("performans-programi", "docx")))
    bold = [r.text for p in pp.paragraphs for r in p.runs if r.bold and "TL" in r.text]
    assert "9.508.170.000,00 TL" in bold


def test_a_second_administration_cites_its_own_numbers() -> None:
    """The water utility's foreword cites its own execution table and a bold phrase: the number
    is the one its own document gave the table."""
    dataset = water()
    foreword = dataset.narratives[1].sections[0]
    cited = dataclasses.replace(
        foreword, summary="Bütçemiz **kesintisiz** uygulandı ([[tablo:fr.execution]])."
    )
    narratives = (
        dataset.narratives[0],
        dataclasses.replace(dataset.narratives[1], sections=(cited,)),
    )
    dataset = dataclasses.replace(dataset, narratives=narratives)
    document = dataset.narratives[1].document
    kind = next(d.kind for d in dataset.documents if d.code == document)
    report = build_report(dataset, YEAR, kind, date(YEAR + 1, 2, 1))
    label, number = targets(report)["tablo:fr.execution"]
    paragraph = next(
        b for b in paragraphs(report) if isinstance(b, Paragraph) and "kesintisiz" in b.text
    )
    assert paragraph.text == f"Bütçemiz kesintisiz uygulandı ({label})."
    assert [(s.text, s.bold) for s in paragraph.runs if s.bold] == [("kesintisiz", True)]
    assert [s.number for s in paragraph.runs if s.ref] == [number]
    html = render_html(report, lambda figure: b"")
    assert f'<a href="#tablo-{number}">{label}</a>' in html
