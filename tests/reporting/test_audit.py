"""The audit's renderers: text for a terminal, JSON for tools, a self-contained HTML page."""

from __future__ import annotations

import json

from karne.core.audit import AuditReport, Finding, Severity
from karne.reporting.audit import report_to_html, report_to_json, report_to_text

WARNING = Finding(
    "NAME-VARIANT",
    Severity.WARNING,
    "PP2024",
    "Tablo 9",
    "P1.S1.A",
    "name",
    "Faaliyet <A>",
    "Faaliyet A",
    "Programdaki adı “Faaliyet A”.",
    row_label="Faaliyet A",
    column_label="Ad",
)
ERROR = Finding(
    "TOTAL",
    Severity.ERROR,
    "PP2024",
    "Tablo 14",
    "GENEL_TOPLAM",
    "2024.total",
    "2.000",
    "2.100",
    "faaliyet maliyetlerinin (Tablo 15) toplamı 2.100.",
)
REPORT = AuditReport(2024, "ornek", (WARNING, ERROR), checked=12, unchecked=3, notes=("bir not",))


def test_text_has_a_summary_line_then_errors_first_then_notes() -> None:
    lines = report_to_text([REPORT]).split("\n")
    assert lines[0] == (
        "Denetim / audit: ornek 2024 — 1 hata, 1 uyarı, 0 bilgi; 12 rakam karşılaştırıldı, "
        "3 rakam için kural yok."
    )
    assert lines[1].startswith("HATA   TOTAL                PP2024 › Tablo 14 › GENEL_TOPLAM")
    assert "basılan 2.000, hesaplanan 2.100." in lines[1]
    assert lines[2].startswith("UYARI  NAME-VARIANT         PP2024 › Tablo 9 › Faaliyet A › Ad:")
    assert lines[3:] == ["NOT    bir not", ""]


def test_json_carries_the_rules_the_summary_and_sorted_findings() -> None:
    data = report_to_json([REPORT])
    json.dumps(data)  # serialisable as it is
    assert data["rules"]["TOTAL"]["severity"] == "error"
    [report] = data["reports"]
    assert report["summary"] == {
        "errors": 1,
        "warnings": 1,
        "infos": 0,
        "checked": 12,
        "unchecked": 3,
        "by_rule": {"NAME-VARIANT": 1, "TOTAL": 1},
    }
    assert [f["rule"] for f in report["findings"]] == ["TOTAL", "NAME-VARIANT"]
    assert report["findings"][1]["place"] == "PP2024 › Tablo 9 › Faaliyet A › Ad"
    assert report["notes"] == ["bir not"]


def test_html_escapes_what_was_printed_and_fetches_nothing() -> None:
    page = report_to_html([REPORT])
    assert page.startswith("<!DOCTYPE html>")
    assert "Faaliyet &lt;A&gt;" in page
    assert "Faaliyet <A>" not in page
    assert "<h2>PP2024 · Tablo 14</h2>" in page
    assert "<li>bir not</li>" in page
    assert "<script" not in page
    assert "http" not in page
