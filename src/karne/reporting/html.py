"""A report as one HTML document for WeasyPrint: cover, front matter, numbered body.

Every string from the dataset is escaped; every figure is shown through
`karne.reporting.formats` (Turkish formats). Charts are embedded as PNG data URIs: the same
drawing as the DOCX, and WeasyPrint lays out a PNG faster than an SVG of the same chart. The
document needs nothing from the network or the disk at render time.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable
from html import escape

from karne.core.markup import Span
from karne.core.report_content.model import (
    Block,
    BulletList,
    Definitions,
    Figure,
    Fmt,
    Paragraph,
    Report,
    RowKind,
    Section,
    Signature,
    Table,
)
from karne.reporting.formats import cell_text
from karne.reporting.placement import LABEL_CHARS, Place, chars, landscape_places, short_table
from karne.reporting.widths import (
    column_widths,
    covered_rows,
    row_cells,
    table_columns,
    table_spans,
)

ChartImage = Callable[[Figure], bytes]  # the figure's chart as PNG bytes


def section_id(section: Section) -> str:
    return "s-" + section.key.replace(".", "-")


def table_id(table: Table) -> str:
    return f"tablo-{table.number}"


def figure_id(figure: Figure) -> str:
    return f"sekil-{figure.number}"


def _e(text: str) -> str:
    return escape(text, quote=True)


def _runs(spans: tuple[Span, ...]) -> str:
    """A paragraph's runs: bold words strong, a cross-reference a link to its table or figure
    (a PDF keeps it as a link)."""
    out = []
    for span in spans:
        text = _e(span.text)
        if span.ref:
            kind = span.ref.partition(":")[0]
            text = f'<a href="#{kind}-{span.number}">{text}</a>'
        out.append(f"<strong>{text}</strong>" if span.bold else text)
    return "".join(out)


# The text width of a portrait and a landscape page (A4 less report.css's @page margins) and the
# cells' left indentation per level (td.i1, td.i2 over td's 3pt), in twips.
_TEXT_WIDTH = {False: round((210 - 32) / 25.4 * 1440), True: round((297 - 28) / 25.4 * 1440)}
_INDENT = (0, 7 * 20, 15 * 20)
TABLE_TEXT_PT = 7.5  # report.css: table { font-size }


def column_percents(table: Table) -> tuple[float, ...]:
    """Each column's share of the width (%), from its content (`widths`): the tables are laid
    out with these widths (`table-layout: fixed`), so WeasyPrint measures no cell."""
    cells = [row_cells(r, lambda level: _INDENT[min(level, 2)]) for r in table.rows]
    available = _TEXT_WIDTH[table.landscape]
    columns = table_columns(table, cells)
    twips = column_widths(columns, available, TABLE_TEXT_PT, table_spans(table))
    return tuple(100 * w / available for w in twips)


def render_table(table: Table) -> str:
    columns = table.columns
    head = []
    if table.header_groups:
        head.append(
            "<tr>"
            + "".join(f'<th colspan="{g.span}">{_e(g.label)}</th>' for g in table.header_groups)
            + "</tr>"
        )
    head.append("<tr>" + "".join(f"<th>{_e(c.label)}</th>" for c in columns) + "</tr>")
    cols = "".join(f'<col style="width:{p:.2f}%">' for p in column_percents(table))
    body = []
    continues = table.continues()
    # A merged column's cell spans the rows it covers (Form-4's objective over its indicators),
    # so its text flows down beside them instead of making the first row tall; WeasyPrint
    # carries a spanning cell over a page break with the table's header.
    covered = covered_rows(table)
    for number, r in enumerate(table.rows):
        if r.kind in (RowKind.NOTE, RowKind.GROUP):
            body.append(
                f'<tr class="{r.kind.value}"><td colspan="{len(columns)}">'
                f"{_e(cell_text(r.cells[0]))}</td></tr>"
            )
            continue
        cells = []
        for index, cell in enumerate(r.cells):
            classes = []
            if cell.fmt is not Fmt.TEXT:
                classes.append("num")
            if index == 0 and r.indent:
                classes.append(f"i{min(r.indent, 2)}")
            if continues[number][index]:
                continue  # under the spanning cell above
            attr = f' class="{" ".join(classes)}"' if classes else ""
            span = covered[number][index]
            if span > 1:
                attr += f' rowspan="{span}"'
            cells.append(f"<td{attr}>{_e(cell_text(cell))}</td>")
        body.append(f'<tr class="{r.kind.value}">{"".join(cells)}</tr>')
    html = (
        f'<table class="data" id="{table_id(table)}"><caption>{_e(table.label)}</caption>'
        f"<colgroup>{cols}</colgroup><thead>{''.join(head)}</thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )
    return f'<div class="landscape">{html}</div>' if table.landscape else html


def render_figure(figure: Figure, image: ChartImage) -> str:
    data = base64.b64encode(image(figure)).decode("ascii")
    small = ' class="small"' if figure.small else ""
    return (
        f'<figure id="{figure_id(figure)}"{small}>'
        f'<img src="data:image/png;base64,{data}" alt="{_e(figure.title)}">'
        f"<figcaption>{_e(figure.label)}</figcaption></figure>"
    )


def render_block(block: Block, image: ChartImage) -> str:
    if isinstance(block, Paragraph):
        cls = ' class="emphasis"' if block.emphasis else ""
        return f"<p{cls}>{_runs(block.runs)}</p>"
    if isinstance(block, BulletList):
        return "<ul>" + "".join(f"<li>{_runs(item)}</li>" for item in block.item_runs) + "</ul>"
    if isinstance(block, Definitions):
        return (
            "<dl>"
            + "".join(
                f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>"
                if v
                else f'<div><dt class="alone">{_e(k)}</dt></div>'
                for k, v in block.items
            )
            + "</dl>"
        )
    if isinstance(block, Table):
        return render_table(block)
    if isinstance(block, Figure):
        return render_figure(block, image)
    assert isinstance(block, Signature)
    lines = [block.place, block.date, block.name, block.title]
    return (
        '<div class="signature">'
        + "".join(
            f'<div class="{"name" if text == block.name else ""}">{_e(text)}</div>'
            for text in lines
            if text
        )
        + "</div>"
    )


_KEEP_CHARS = 600  # label lines short enough never to be split between pages


def _is_small(block: Block | None) -> bool:
    return isinstance(block, Figure) and block.small


def _keeps_with_next(block: Block, following: Block | None) -> bool:
    return isinstance(block, Paragraph | Definitions) and isinstance(following, Table | Figure)


def _grouped(pieces: list[tuple[str, str]], key: str, wrapper: str) -> list[tuple[str, str]]:
    """Consecutive pieces whose tag is `key` as one piece in a `<div class="wrapper">`."""
    out: list[tuple[str, str]] = []
    for tag, html in pieces:
        if tag == key and out and out[-1][0] == key:
            out[-1] = (key, out[-1][1] + html)
        else:
            out.append((tag, html))
    return [(t, f'<div class="{wrapper}">{h}</div>' if t == key else h) for t, h in out]


def render_section(
    section: Section, depth: int, image: ChartImage, landscape: frozenset[Place] = frozenset()
) -> str:
    tag = f"h{min(depth, 5)}"
    cls = ' class="chapter"' if section.new_page and depth == 1 else ""
    heading_cls = ' class="landscape"' if (section.key, -1) in landscape else ""
    parts = [
        f'<section{cls}><{tag}{heading_cls} id="{section_id(section)}">'
        f"{_e(section.heading)}</{tag}>"
    ]
    blocks = section.blocks
    turned: list[tuple[str, list[tuple[str, str]]]] = []  # runs of one orientation
    for index, block in enumerate(blocks):
        html = render_block(block, image)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        short = chars(block) <= (_KEEP_CHARS if isinstance(block, Definitions) else LABEL_CHARS)
        if isinstance(block, Paragraph | Definitions) and short:
            html = f'<div class="keep">{html}</div>'  # a few lines: never split
        if isinstance(block, Table) and short_table(block):
            html = f'<div class="keep">{html}</div>'  # a short table: never split
        if _keeps_with_next(block, following):
            html = f'<div class="lead">{html}</div>'
        side = "landscape" if (section.key, index) in landscape else "portrait"
        if not turned or turned[-1][0] != side:
            turned.append((side, []))
        turned[-1][1].append(("small" if _is_small(block) else "block", html))
    for side, pieces in turned:
        # half-width figures, two to a row, in one wrapper (its rows break like lines)
        html = "".join(h for _t, h in _grouped(pieces, "small", "figures"))
        parts.append(f'<div class="landscape">{html}</div>' if side == "landscape" else html)
    parts.extend(render_section(s, depth + 1, image, landscape) for s in section.sections)
    parts.append("</section>")
    return "".join(parts)


def _toc(title: str, entries: Iterable[tuple[str, str, int]]) -> str:
    items = "".join(
        f'<li class="d{depth}"><a href="#{target}">{_e(text)}</a></li>'
        for text, target, depth in entries
    )
    if not items:
        return ""
    return f'<section class="front toc"><h1>{_e(title)}</h1><ol>{items}</ol></section>'


def front_matter(report: Report) -> str:
    cover = report.cover
    parts = [
        '<div class="cover">',
        '<div class="above">' + "<br>".join(_e(x) for x in cover.lines_above) + "</div>",
        f"<h1>{_e(cover.title)}</h1>",
        f'<div class="year">{cover.year}</div>',
        '<div class="below">' + "<br>".join(_e(x) for x in cover.lines_below) + "</div>",
        "</div>",
    ]
    if report.abbreviations:
        rows = "".join(
            f"<tr><td>{_e(code)}</td><td>{_e(meaning)}</td></tr>"
            for code, meaning in report.abbreviations
        )
        parts.append(
            '<section class="front"><h1>KISALTMALAR LİSTESİ</h1>'
            f'<table class="abbreviations"><tbody>{rows}</tbody></table></section>'
        )
    parts.append(_toc("İÇİNDEKİLER", ((s.heading, section_id(s), d) for d, s in report.walk())))
    parts.append(_toc("TABLO DİZİNİ", ((t.label, table_id(t), 1) for t in report.tables())))
    parts.append(_toc("ŞEKİL DİZİNİ", ((f.label, figure_id(f), 1) for f in report.figures())))
    return "".join(parts)


def render_html(report: Report, image: ChartImage, *, front: bool = True) -> str:
    landscape = landscape_places(report)
    body = "".join(render_section(s, 1, image, landscape) for s in report.sections)
    title = f"{report.administration} — {report.title}"
    return (
        f'<!DOCTYPE html><html lang="{report.language}"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title>"
        f'<meta name="author" content="{_e(report.administration)}">'
        f'<meta name="generator" content="karne"></head><body>'
        f'<div class="doc-title">{_e(title)}</div>'
        f"{front_matter(report) if front else ''}{body}</body></html>"
    )
