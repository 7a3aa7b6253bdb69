"""Fields and runs of a DOCX paragraph: Word fields (TOC, PAGE, SEQ, REF), the captions'
bookmarks that cross-references point to, and a paragraph's bold and cross-reference runs."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from karne.core.markup import Span


def _begin_field(paragraph: DocxParagraph, instruction: str) -> None:
    """A field's start: its begin mark, its instruction and the separator before its result."""
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    paragraph.add_run()._r.extend((begin, code, separate))


def _end_field(paragraph: DocxParagraph) -> None:
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def add_field(paragraph: DocxParagraph, instruction: str, placeholder: str = "") -> Run:
    """A Word field (TOC, PAGE, REF) that Word fills in when it updates fields; the run of
    its placeholder (the cached result) is returned."""
    _begin_field(paragraph, instruction)
    result = paragraph.add_run(placeholder)
    _end_field(paragraph)
    return result


def add_index(doc: Document, instruction: str, entries: list[tuple[str, str]]) -> None:
    """An index (a TOC field) whose cached result already lists its entries — (text, style)
    each, one paragraph apiece, without page numbers — so a reader that does not update fields
    (LibreOffice, a previewer) sees the contents; Word replaces them, numbered, when it updates
    the field. An index of nothing keeps the field's placeholder."""
    if not entries:
        add_field(
            doc.add_paragraph(), instruction, "Dizini oluşturmak için alanları güncelleyin (F9)."
        )
        return
    last = len(entries) - 1
    for index, (text, style) in enumerate(entries):
        paragraph = add_paragraph(doc, "", style)
        if index == 0:
            _begin_field(paragraph, instruction)
        paragraph.add_run(text)
        if index == last:
            _end_field(paragraph)


def add_paragraph(doc: Document, text: str, style: str) -> DocxParagraph:
    """A paragraph in a named style, its id set directly: `add_paragraph(text, style=name)`
    compares every style with the default one, which adds up over hundreds of paragraphs."""
    paragraph = doc.add_paragraph(text)
    paragraph._p.style = doc.styles[style].style_id
    return paragraph


def add_page_break(doc: Document) -> None:
    """A page break, as a paragraph of its own until `breaks_before` moves it."""
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _only_a_page_break(paragraph: BaseOxmlElement) -> bool:
    breaks = paragraph.findall(f".//{qn('w:br')}")
    return (
        any(b.get(qn("w:type")) == "page" for b in breaks)
        and not any(t.text for t in paragraph.iter(qn("w:t")))
        and paragraph.find(f".//{qn('w:drawing')}") is None
        and paragraph.find(f".//{qn('w:fldChar')}") is None
    )


def _starts_a_section(paragraph: BaseOxmlElement) -> bool:
    return paragraph.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None


def breaks_before(doc: Document) -> None:
    """Each page break becomes "page break before" on the paragraph after it. A paragraph that
    only breaks the page is itself laid out first: at the foot of a full page it takes a page of
    its own, and left empty it spills. Two breaks in a row make one; a break before a section
    break (which starts a new page anyway) goes."""
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        if not _only_a_page_break(paragraph) or _starts_a_section(paragraph):
            continue
        previous = paragraph.getprevious()
        if previous is not None and previous.tag == qn("w:p") and _starts_a_section(previous):
            body.remove(paragraph)  # the section break before it starts the page
            continue
        following = paragraph.getnext()
        if following is None or following.tag != qn("w:p"):
            continue  # before a table: kept as it is
        if not _only_a_page_break(following) and not _starts_a_section(following):
            DocxParagraph(following, doc._body).paragraph_format.page_break_before = True
        body.remove(paragraph)


def bookmark_name(prefix: str, number: int, key: str) -> str:
    """A hidden bookmark name, unique by the number, readable by the key ("_Tablo5_fr_execution";
    Word's limit is 40 characters: letters, digits, underscores)."""
    return f"_{prefix}{number}_{re.sub(r'[^0-9A-Za-z]', '_', key)}"[:40]


def add_caption(
    doc: Document, label: str, word: str, number: int, bookmark: str, style: str
) -> DocxParagraph:
    """ "Tablo 5. …" with the number as a `SEQ Tablo` field (its current value cached), the
    label and number inside a bookmark that a `REF` field can point to."""
    prefix = f"{word} {number}"
    assert label.startswith(prefix), label
    paragraph = add_paragraph(doc, "", style)
    mark = len(doc.element.body) + 1  # unique: the body only grows
    xml = (
        f"<w:p {nsdecls('w')}>"
        f'<w:bookmarkStart w:id="{mark}" w:name="{bookmark}"/>'
        f'<w:r><w:t xml:space="preserve">{escape(word)} </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> SEQ {word} \\* ARABIC </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{number}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:bookmarkEnd w:id="{mark}"/>'
        f'<w:r><w:t xml:space="preserve">{escape(label[len(prefix) :])}</w:t></w:r>'
        "</w:p>"
    )
    paragraph._p.extend(list(parse_xml(xml)))
    return paragraph


_REF_PREFIX = {"tablo": "Tablo", "sekil": "Sekil"}  # the caption bookmarks' prefixes


def add_text_runs(paragraph: DocxParagraph, spans: tuple[Span, ...], *, bold: bool = False) -> None:
    """A paragraph's runs: bold words bold, a cross-reference a `REF` field to its caption's
    bookmark (its label cached), so that Word renumbers it with the caption."""
    for span in spans:
        if span.ref:
            kind, _sep, key = span.ref.partition(":")
            mark = bookmark_name(_REF_PREFIX[kind], span.number, key)
            result = add_field(paragraph, f" REF {mark} \\h ", span.text)
            result.bold = bold or span.bold or None
        else:
            paragraph.add_run(span.text).bold = bold or span.bold or None
