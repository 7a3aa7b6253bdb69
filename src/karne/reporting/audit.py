"""The audit report as text for a terminal, JSON for tools and a printable HTML page.

The findings are the core's; these renderers only lay them out, so the command line and any other
shell show the same report. The JSON shape is documented in docs/audit.md; the HTML page is
self-contained (inline CSS, no scripts, nothing fetched) so an auditor can save, mail and print it.
"""

from __future__ import annotations

from html import escape
from typing import Any

from karne.core.audit import AuditReport, Finding, Severity
from karne.core.audit.rules import RULES

_SEVERITY_TR = {Severity.ERROR: "HATA", Severity.WARNING: "UYARI", Severity.INFO: "BİLGİ"}


def _sorted(findings: tuple[Finding, ...]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.severity.rank, f.document, f.table))


def report_to_json(reports: list[AuditReport]) -> dict[str, Any]:
    return {
        "rules": {
            r.id: {"severity": r.severity.value, "title": r.title, "title_en": r.title_en}
            for r in RULES.values()
        },
        "reports": [
            {
                "administration": report.administration,
                "year": report.year,
                "summary": {
                    "errors": report.count(Severity.ERROR),
                    "warnings": report.count(Severity.WARNING),
                    "infos": report.count(Severity.INFO),
                    "checked": report.checked,
                    "unchecked": report.unchecked,
                    "by_rule": report.by_rule(),
                },
                "notes": list(report.notes),
                "findings": [
                    {
                        "rule": f.rule,
                        "severity": f.severity.value,
                        "document": f.document,
                        "table": f.table,
                        "row": f.row,
                        "column": f.column,
                        "row_label": f.row_label,
                        "column_label": f.column_label,
                        "place": f.place,
                        "printed": f.printed,
                        "expected": f.expected,
                        "message": f.message,
                    }
                    for f in _sorted(report.findings)
                ],
            }
            for report in reports
        ],
    }


def report_to_text(reports: list[AuditReport]) -> str:
    lines: list[str] = []
    for report in reports:
        lines.append(
            f"Denetim / audit: {report.administration} {report.year} — "
            f"{report.count(Severity.ERROR)} hata, {report.count(Severity.WARNING)} uyarı, "
            f"{report.count(Severity.INFO)} bilgi; {report.checked} rakam karşılaştırıldı, "
            f"{report.unchecked} rakam için kural yok."
        )
        for f in _sorted(report.findings):
            figures = ""
            if f.printed or f.expected:
                figures = f" basılan {f.printed or '—'}, hesaplanan {f.expected or '—'}."
            lines.append(
                f"{_SEVERITY_TR[f.severity]:<6} {f.rule:<20} {f.place}:{figures} {f.message}"
            )
        lines.extend(f"NOT    {note}" for note in report.notes)
        lines.append("")
    return "\n".join(lines)


_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:11pt;margin:2em;color:#111}
h1{font-size:16pt}h2{font-size:13pt;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}
th,td{border:1px solid #999;padding:.25em .4em;vertical-align:top;text-align:left}
th{background:#eee}td.num{text-align:right;white-space:nowrap}
.error td.sev{background:#fbd5d5}.warning td.sev{background:#fdf0c4}.info td.sev{background:#dbeafe}
.summary td{border:none;padding:.1em 1em .1em 0}
@media print{body{margin:1cm}tr{page-break-inside:avoid}h2{page-break-after:avoid}}
"""


def report_to_html(reports: list[AuditReport]) -> str:
    parts = [
        '<!DOCTYPE html><html lang="tr"><head><meta charset="utf-8">',
        "<title>karne denetim raporu</title>",
        f"<style>{_CSS}</style></head><body>",
    ]
    for report in reports:
        parts.append(
            f"<h1>Denetim raporu — {escape(report.administration)} {report.year}</h1>"
            '<table class="summary"><tr>'
            f"<td>Hata: <b>{report.count(Severity.ERROR)}</b></td>"
            f"<td>Uyarı: <b>{report.count(Severity.WARNING)}</b></td>"
            f"<td>Bilgi: <b>{report.count(Severity.INFO)}</b></td>"
            f"<td>Karşılaştırılan rakam: {report.checked}</td>"
            f"<td>Kuralı olmayan rakam: {report.unchecked}</td></tr></table>"
        )
        groups: dict[tuple[str, str], list[Finding]] = {}
        for f in _sorted(report.findings):
            groups.setdefault((f.document or "Veri seti", f.table or "—"), []).append(f)
        for (document, table), findings in sorted(groups.items()):
            parts.append(f"<h2>{escape(document)} · {escape(table)}</h2>")
            parts.append(
                "<table><thead><tr><th>Önem</th><th>Kural</th><th>Satır</th><th>Sütun</th>"
                "<th>Basılan</th><th>Hesaplanan</th><th>Açıklama</th></tr></thead><tbody>"
            )
            for f in findings:
                parts.append(
                    f'<tr class="{f.severity.value}">'
                    f'<td class="sev">{_SEVERITY_TR[f.severity]}</td>'
                    f'<td title="{escape(RULES[f.rule].title)}">{escape(f.rule)}</td>'
                    f"<td>{escape(f.row_label or f.row)}</td>"
                    f"<td>{escape(f.column_label or f.column)}</td>"
                    f'<td class="num">{escape(f.printed)}</td>'
                    f'<td class="num">{escape(f.expected)}</td>'
                    f"<td>{escape(f.message)}</td></tr>"
                )
            parts.append("</tbody></table>")
        if report.notes:
            parts.append("<h2>Notlar</h2><ul>")
            parts.extend(f"<li>{escape(note)}</li>" for note in report.notes)
            parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)
