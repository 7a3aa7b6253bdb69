"""Label and value lines ("Yabancılar Genel Müdürlüğü: İkamet İzinleri…"): a label without a
value (a unit without sub-units) prints alone, not followed by a colon and nothing."""

from __future__ import annotations

from docx import Document

from karne.core.report_content.model import Definitions
from karne.reporting.html import render_html
from tests.reporting.conftest import Generated

PP = "performans-programi"


def test_a_label_without_a_value_has_no_colon(docs: Generated) -> None:
    report = docs.reports[PP]
    items = [i for _s, b in report.blocks() if isinstance(b, Definitions) for i in b.items]
    alone = [label for label, value in items if not value]
    with_value = [label for label, value in items if value]
    assert with_value
    html = render_html(report, lambda figure: b"")
    assert "<dd></dd>" not in html
    texts = {p.text for p in Document(str(docs.path(PP, "docx"))).paragraphs}
    for label in alone:
        assert label in texts
        assert f"{label}: " not in texts
        assert f'<dt class="alone">{label}</dt>' in html
    for label, value in items:
        if value:
            assert f"{label}: {value}" in texts
