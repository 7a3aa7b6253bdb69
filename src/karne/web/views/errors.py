"""The server-error page: no database, no session, just the trace id to quote."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader

from karne.web.request_id import current


def server_error(request: HttpRequest) -> HttpResponse:
    html = loader.get_template("500.html").render({"request_id": current()})
    return HttpResponse(html, status=500)
