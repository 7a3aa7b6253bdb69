"""The markup a unit writes its section in: a few plain-text conventions, never HTML.

A person writes in a text box; what they write is stored as they wrote it and read into blocks
here, which every output (PDF, DOCX, XLSX, the web preview) renders with its own escaping — so
nothing typed is ever markup of the page or the document. The conventions are the ones an
e-mail writer already uses:

- a blank line starts a new paragraph;
- a line starting with "## " is a subheading;
- lines starting with "- " are the items of a list;
- a paragraph wrapped whole in "**" is printed bold (an emphasis line, as the documents use);
- words wrapped in "**" inside a paragraph or an item are printed bold (`inline`); a "**"
  without its pair is printed as typed.

A live figure is written `[[gosterge:GYH-01:gerceklesme]]` inside any text (`karne.core.figures`
says which there are); it is kept as written and rendered from the evaluation when a document
is built, so the text and the tables print the same figure.
"""

from __future__ import annotations

from dataclasses import dataclass

BODY_LIMIT = 20_000  # characters of one section's text


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]


MarkupBlock = Heading | Para | Items


@dataclass(frozen=True)
class Span:
    """A run of a paragraph's text: bold or not, or a cross-reference to a numbered table or
    figure (`ref` "tablo:<key>" / "sekil:<key>", `number` its number), whose text is the label
    it resolved to ("Tablo 5") — a DOCX prints it as a field that Word keeps up to date, a PDF
    as a link."""

    text: str
    bold: bool = False
    ref: str = ""
    number: int = 0


def inline(text: str) -> tuple[Span, ...]:
    """The text's runs: what lies between a pair of "**" is bold. Joined, the runs' texts are
    the text without the paired markers, so that a paragraph's plain text is what it prints."""
    spans: list[Span] = []
    rest = text
    while (start := rest.find("**")) >= 0:
        end = rest.find("**", start + 2)
        if end < 0 or end == start + 2:
            break
        if start:
            spans.append(Span(rest[:start]))
        spans.append(Span(rest[start + 2 : end], bold=True))
        rest = rest[end + 2 :]
    if rest or not spans:
        spans.append(Span(rest))
    return tuple(spans)


def joined(spans: tuple[Span, ...]) -> str:
    return "".join(span.text for span in spans)


def _paragraph(lines: list[str]) -> Para:
    text = " ".join(line.strip() for line in lines)
    if len(text) > 4 and text.startswith("**") and text.endswith("**"):
        return Para(text[2:-2].strip(), bold=True)
    return Para(text)


def parse(body: str) -> tuple[MarkupBlock, ...]:
    """The blocks of a section's text, in order; empty text gives none."""
    blocks: list[MarkupBlock] = []
    lines: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if lines:
            blocks.append(_paragraph(lines))
            lines.clear()
        if items:
            blocks.append(Items(tuple(items)))
            items.clear()

    for raw in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("## "):
            flush()
            blocks.append(Heading(stripped[3:].strip()))
        elif stripped.startswith("- "):
            if lines:
                flush()
            items.append(stripped[2:].strip())
        elif items and raw.startswith((" ", "\t")):
            items[-1] = f"{items[-1]} {stripped}"  # an item continued on the next line
        else:
            if items:
                flush()
            lines.append(stripped)
    flush()
    return tuple(blocks)


def plain(blocks: tuple[MarkupBlock, ...]) -> str:
    """The text of the blocks without the conventions: for search, length and the audit."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Items):
            out.extend(joined(inline(item)) for item in block.items)
        else:
            out.append(joined(inline(block.text)))
    return "\n".join(out)
