"""What an operator relies on: readiness, trace ids, the server-error page."""

from __future__ import annotations

import logging

import pytest
from django.test import Client, override_settings


@pytest.mark.django_db
def test_readiness_asks_the_database() -> None:
    response = Client().get("/saglik/hazir/")
    assert (response.status_code, response.content) == (200, b"ok")


@pytest.mark.django_db
def test_readiness_says_when_the_database_does_not_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db import DatabaseError, connection

    def broken() -> object:
        raise DatabaseError("server closed the connection")

    monkeypatch.setattr(connection, "cursor", broken)
    assert Client().get("/saglik/hazir/").status_code == 503


def test_every_response_carries_a_trace_id() -> None:
    first = Client().get("/saglik/")["X-Request-ID"]
    second = Client().get("/saglik/")["X-Request-ID"]
    assert len(first) == len(second) == 16
    assert first != second
    given = Client().get("/saglik/", HTTP_X_REQUEST_ID="proxy-abc.123")["X-Request-ID"]
    assert given == "proxy-abc.123"  # the proxy's id is kept
    odd = Client().get("/saglik/", HTTP_X_REQUEST_ID="<script> x")["X-Request-ID"]
    assert odd != "<script> x"  # anything else is replaced


@override_settings(ROOT_URLCONF="tests.web.error_urls")
def test_a_server_error_shows_its_trace_id_and_logs_it(caplog: pytest.LogCaptureFixture) -> None:
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/hata/")
    assert response.status_code == 500
    trace = response["X-Request-ID"]
    assert trace in response.content.decode()
    assert "Bir hata oluştu" in response.content.decode()
    assert any("deliberate failure" in str(r.exc_info) for r in caplog.records)


def test_the_wsgi_module_refuses_to_start_without_settings() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": "src:."},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "DJANGO_SETTINGS_MODULE is not set" in done.stderr


@pytest.mark.django_db
def test_a_missing_page_is_turkish_with_a_way_back() -> None:
    response = Client().get("/boyle-bir-sayfa-yok/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Aradığınız sayfa bulunamadı." in page
    assert 'href="/"' in page


@pytest.mark.usefixtures("site")
def test_a_stale_form_says_nothing_was_saved_and_how_to_go_on() -> None:
    from django.contrib.auth import get_user_model

    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="veri.ygm"))
    response = client.post("/donem/2023/1/birim/YGM/", {"value-GYH-01": "1"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Form süresi doldu." in page
    assert "Hiçbir şey kaydedilmedi" in page
