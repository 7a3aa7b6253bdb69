"""Sessions that slide without a database write on every request.

A session ends after `SESSION_COOKIE_AGE` seconds without a request. Saving it on every request
(Django's `SESSION_SAVE_EVERY_REQUEST`) would make every page a database write, and on SQLite
every page would then wait for the one write lock — a long `karne load` would stall sign-ins and
pages alike. Refreshing at most once a minute keeps the idle limit to the minute and leaves
ordinary pages read-only.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

REFRESH_SECONDS = 60
_KEY = "_karne_refreshed"


def _now() -> float:
    return time.time()


class SlidingSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.is_empty():
            now = int(_now())
            if now - int(session.get(_KEY, 0)) >= REFRESH_SECONDS:
                session[_KEY] = now  # marks it modified: saved, cookie and expiry renewed
        return response
