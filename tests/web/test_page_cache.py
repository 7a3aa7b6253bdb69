"""Kept pages (karne/web/page_cache.py): never shown after a change, never to someone else."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test import Client

from karne.monitoring.models import MonitoringPeriod
from karne.monitoring.services import realization_save
from karne.organisation.models import Administration

YGM = "/donem/2023/1/birim/YGM/"
OVERVIEW = "/izleme/2023/1/"


def _value_shown(page: str, code: str) -> str:
    found = re.search(rf'name="value-{code}"[^>]* value="([^"]*)"', page)
    assert found is not None
    return found.group(1)


def test_a_saved_value_shows_at_once_to_everyone_who_had_the_page(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    clerk, admin = as_user("veri.ygm"), as_user("strateji")
    page = clerk.get(YGM).content.decode()
    assert _value_shown(page, "GYH-01") != "1.240.000"
    version = re.search(r'name="ver-GYH-01" value="(\d+)"', page)
    assert version is not None
    assert "1.240.000" not in admin.get(OVERVIEW).content.decode()
    revision = Administration.objects.get().revision
    realization_save(
        user=get_user_model().objects.get(username="veri.ygm"),
        period=site,
        indicator="GYH-01",
        value=Decimal(1240000),
        expected_version=int(version.group(1)),
    )
    assert Administration.objects.get().revision != revision
    assert _value_shown(clerk.get(YGM).content.decode(), "GYH-01") == "1.240.000"
    assert "1.240.000" in admin.get(OVERVIEW).content.decode()


def test_a_kept_page_is_only_for_the_same_role_units_and_language(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    clerk, head, reader = as_user("veri.ygm"), as_user("amir.ygm"), as_user("okur")
    first = clerk.get(YGM).content.decode()
    assert 'name="value-GYH-01"' in first  # the clerk's own unit: inputs
    assert 'name="value-GYH-01"' not in reader.get(YGM).content.decode()  # read only
    assert "Birim amirine gönder" in clerk.get(YGM).content.decode()
    assert "Birim amirine gönder" not in head.get(YGM).content.decode()  # the head's moves
    assert clerk.get("/donem/2023/1/birim/UKGM/").status_code == 403  # not kept for others
    as_ukgm = as_user("veri.ukgm")
    assert as_ukgm.get(YGM).status_code == 403  # someone else's unit, kept page or not
    clerk.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Send to unit head" in clerk.get(YGM).content.decode()


def test_a_kept_form_carries_each_persons_own_csrf_token(site: MonitoringPeriod) -> None:
    """Two clerks of one unit get the same kept form; each posts it with their own token."""
    from karne.accounts.services import member_create
    from karne.core.workflow import Role

    member_create(
        administration="goc-idaresi",
        username="veri2.ygm",
        password="x" * 14,
        role=Role.CLERK,
        units=("YGM",),
    )
    tokens = []
    for name, value in (("veri.ygm", "1.240.000"), ("veri2.ygm", "1.250.000")):
        client = Client(enforce_csrf_checks=True)
        client.force_login(get_user_model().objects.get(username=name))
        page = client.get(YGM).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        version = re.search(r'name="ver-GYH-01" value="(\d+)"', page)
        assert token is not None
        assert version is not None
        assert "karne-csrf" not in page
        tokens.append(token.group(1))
        response = client.post(
            YGM,
            {
                "csrfmiddlewaretoken": token.group(1),
                "value-GYH-01": value,
                "was-value-GYH-01": _value_shown(page, "GYH-01"),
                "ver-GYH-01": version.group(1),
            },
        )
        assert response.status_code == 302, response.content.decode()[:500]
        assert _value_shown(client.get(YGM).content.decode(), "GYH-01") == value
    assert tokens[0] != tokens[1]


def test_the_kept_page_top_is_each_persons_own_and_returns_to_its_page(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    clerk, head = as_user("veri.ygm"), as_user("amir.ygm")
    for _ in range(2):  # made, then kept
        mine, theirs = clerk.get(YGM).content.decode(), head.get(YGM).content.decode()
        assert "veri.ygm" in mine
        assert "amir.ygm" not in mine
        assert "amir.ygm" in theirs
        assert f'name="next" type="hidden" value="{YGM}"' in mine
    assert 'value="/izleme/2023/1/"' in head.get(OVERVIEW).content.decode()
    admin = as_user("strateji")
    assert "Kullanıcılar" in admin.get(YGM).content.decode()  # the administrator's menu
    assert "Kullanıcılar" not in clerk.get(YGM).content.decode()


def test_no_page_is_kept_when_the_administrator_says_none() -> None:
    import os
    import subprocess
    import sys

    def backend(entries: str) -> str:
        shown = subprocess.run(
            [
                sys.executable,
                "-c",
                "from config.settings import base; print(base.CACHES['pages']['BACKEND'])",
            ],
            env={**os.environ, "KARNE_PAGE_CACHE_ENTRIES": entries},
            capture_output=True,
            text=True,
            check=True,
        )
        return shown.stdout.strip().rsplit(".", 1)[-1]

    assert backend("0") == "DummyCache"
    assert backend("50") == "LocMemCache"


def test_a_refused_save_gives_a_form_that_can_be_posted_again(site: MonitoringPeriod) -> None:
    """The form shown again after an error carries a real CSRF token, not the kept mark."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="veri.ygm"))
    page = client.get(YGM).content.decode()

    def post(page: str, value: str) -> tuple[int, str]:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        version = re.search(r'name="ver-GYH-01" value="(\d+)"', page)
        assert token is not None
        assert version is not None
        response = client.post(
            YGM,
            {
                "csrfmiddlewaretoken": token.group(1),
                "value-GYH-01": value,
                "was-value-GYH-01": _value_shown(page, "GYH-01"),
                "ver-GYH-01": version.group(1),
            },
        )
        return response.status_code, response.content.decode()

    status, refused = post(page, "bir milyon")
    assert status == 400
    assert "karne-csrf" not in refused
    status, _ = post(refused, "1.240.000")
    assert status == 302
