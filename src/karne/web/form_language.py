"""A posted form is read in the language it was shown in, not the one the session has now.

Figures are typed the page's way (docs/web.md, "Typing numbers"): "1.234" is 1234 on a Turkish
page and 1.234 on an English one. A form opened in Turkish and sent after the person switched to
English in another tab would otherwise be read the English way, its untouched "1.234" stored as
a thousandth of itself. So every form with figures carries the language it was drawn in
(`FIELD`, `karne/_form_language.html`), and this middleware, after Django's LocaleMiddleware,
activates that language for the request that posts it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

FIELD = "form_language"


class FormLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.known = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            language = request.POST.get(FIELD, "")
            if language in self.known:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
