"""A trace id for every request: in each log line written while serving it, in the response's
`X-Request-ID` header, and on the error page, so a user's "it failed" can be found in the log."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_current: ContextVar[str] = ContextVar("karne_request_id", default="-")
# A proxy's id is kept when it looks like one (no spaces, no control characters, short).
_USABLE = re.compile(r"[A-Za-z0-9._-]{1,64}")


def current() -> str:
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _USABLE.fullmatch(given) else uuid.uuid4().hex[:16]
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (`-` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current()
        return True
