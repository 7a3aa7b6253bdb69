"""PDF through WeasyPrint: the HTML of `html.py`, the stylesheet in templates/, embedded fonts.

The font is DejaVu Sans as shipped inside matplotlib's wheel (a project dependency), so every
machine that installs karne has a font that covers Turkish (ç, ğ, ı, İ, ö, ş, ü) without a
system package or a download. Text stays text: selectable and searchable; the PDF is tagged.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from karne.core.report_content.model import Report
from karne.reporting.html import ChartImage, render_html

TEMPLATES = Path(__file__).resolve().parent / "templates"
_FACES = (
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("DejaVuSans-BoldOblique.ttf", "bold", "italic"),
)


def font_dir() -> Path:
    """matplotlib's font folder, found without importing matplotlib (nor numpy)."""
    spec = find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise RuntimeError("the PDF needs the fonts of matplotlib, which is not installed")
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


def font_faces_css() -> str:
    return "".join(
        f'@font-face {{ font-family: "Karne Sans"; src: url("{(font_dir() / name).as_uri()}");'
        f" font-weight: {weight}; font-style: {style}; }}"
        for name, weight, style in _FACES
    )


@lru_cache(maxsize=1)
def _stylesheets() -> tuple[FontConfiguration, tuple[CSS, ...]]:
    config = FontConfiguration()
    css = (
        CSS(string=font_faces_css(), font_config=config),
        CSS(filename=str(TEMPLATES / "report.css"), font_config=config),
    )
    return config, css


_WARM_UP = (
    '<html lang="tr"><body><h1>Ç</h1><p>Iğdır <b>şü</b> <i>ö</i> <b><i>İ</i></b></p>'
    "<table><caption>x</caption><thead><tr><th>a</th></tr></thead>"
    '<tbody><tr><td class="num">1</td></tr></tbody></table>'
    '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4'
    '2mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="></body></html>'
)


def warm_up() -> None:
    """Load what every PDF needs once, before worker processes are forked from this one: the
    stylesheets and fonts, and what WeasyPrint builds on first use (its C type declarations,
    the font subsetting, image and tagging code paths), by writing a one-page document."""
    config, css = _stylesheets()
    HTML(string=_WARM_UP, base_url=str(TEMPLATES)).write_pdf(
        stylesheets=list(css), font_config=config, pdf_tags=True
    )


def render_pdf(report: Report, image: ChartImage) -> bytes:
    config, css = _stylesheets()
    html = HTML(string=render_html(report, image), base_url=str(TEMPLATES))
    data = html.write_pdf(
        stylesheets=list(css),
        font_config=config,
        pdf_tags=True,
        custom_metadata=True,
        uncompressed_pdf=False,
    )
    assert isinstance(data, bytes)
    return data
