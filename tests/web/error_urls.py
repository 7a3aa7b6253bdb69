"""A URL configuration with a view that fails, for the server-error tests."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from karne.web.urls import urlpatterns as application


def fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("deliberate failure")


urlpatterns = [*application, path("hata/", fails)]
handler500 = "karne.web.views.errors.server_error"
