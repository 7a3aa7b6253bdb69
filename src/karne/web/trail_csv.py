"""The change trail as CSV, the way a Turkish spreadsheet opens it: UTF-8 with a byte-order
mark (so the letters are read as UTF-8), `;` between fields (a Turkish Excel treats `,` as the
decimal mark), times in the administration's time zone (as the pages show them), and no cell
that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone

from karne.monitoring.selectors import TrailRow

HEADER = ["zaman", "kullanıcı", "konu", "anahtar", "alan", "eski", "yeni", "gerekçe"]


def _cell(text: str) -> str:
    """Text a clerk typed must not become a formula when the CSV is opened in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def trail_response(filename: str, changes: Iterable[TrailRow]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for c in changes:
        at = timezone.localtime(c.at).strftime("%d.%m.%Y %H:%M:%S")
        texts = [c.username, c.subject, c.key, c.field, c.old, c.new, c.reason]
        writer.writerow([at, *map(_cell, texts)])
    return response
