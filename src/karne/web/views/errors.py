"""The server-error page: no database, no session, just the trace id to quote."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader

from karne.web.request_id import current


def server_error(request: HttpRequest) -> HttpResponse:
    html = loader.get_template("500.html").render({"request_id": current()})
    return HttpResponse(html, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form from a stale session: say so in the person's language, with a way back."""
    html = loader.get_template("403_csrf.html").render({}, request)
    return HttpResponse(html, status=403)
