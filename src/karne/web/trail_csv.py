"""The change trail as CSV: what a spreadsheet opens without running anyone's text."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import HttpResponse

from karne.monitoring.selectors import TrailRow


def _cell(text: str) -> str:
    """Text a clerk typed must not become a formula when the CSV is opened in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def trail_response(filename: str, changes: Iterable[TrailRow]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(["at", "user", "subject", "key", "field", "old", "new", "reason"])
    for c in changes:
        texts = [c.username, c.subject, c.key, c.field, c.old, c.new, c.reason]
        writer.writerow([c.at.isoformat(), *map(_cell, texts)])
    return response
