"""The markup a unit writes its section in: a few plain-text conventions, never HTML.

A person writes in a text box; what they write is stored as they wrote it and read into blocks
here, which every output (PDF, DOCX, XLSX, the web preview) renders with its own escaping — so
nothing typed is ever markup of the page or the document. The conventions are the ones an
e-mail writer already uses:

- a blank line starts a new paragraph;
- a line starting with "## " is a subheading;
- lines starting with "- " are the items of a list;
- a paragraph wrapped whole in "**" is printed bold (an emphasis line, as the documents use).

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
            out.extend(block.items)
        else:
            out.append(block.text)
    return "\n".join(out)
