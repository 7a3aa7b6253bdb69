"""Every view × every role: the response, and for every refusal, that nothing changed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Realization, Submission
from karne.planning.models import PPIndicatorValue

ROLES = ["strateji", "amir.ygm", "veri.ygm", "veri.ukgm", "okur", None]
YGM = "/donem/2023/1/birim/YGM/"

# (method, url, data) → expected status per persona (None = anonymous).
VIEWS: dict[str, tuple[str, str, dict[str, str], dict[str | None, int]]] = {
    "home": (
        "get",
        "/",
        {},
        {
            "strateji": 200,
            "amir.ygm": 200,
            "veri.ygm": 200,
            "veri.ukgm": 200,
            "okur": 200,
            None: 302,
        },
    ),
    "entry": (
        "get",
        YGM,
        {},
        {
            "strateji": 200,
            "amir.ygm": 200,
            "veri.ygm": 200,
            "veri.ukgm": 403,
            "okur": 200,
            None: 302,
        },
    ),
    "entry-save": (
        "post",
        YGM,
        {"value-GYH-01": "1.300.000", "ver-GYH-01": "0"},
        {
            "strateji": 403,
            "amir.ygm": 403,
            "veri.ygm": 302,
            "veri.ukgm": 403,
            "okur": 403,
            None: 302,
        },
    ),
    "overview": (
        "get",
        "/izleme/2023/1/",
        {},
        {
            "strateji": 200,
            "amir.ygm": 200,
            "veri.ygm": 200,
            "veri.ukgm": 200,
            "okur": 200,
            None: 302,
        },
    ),
    "indicator": (
        "get",
        "/gosterge/GYH-01/",
        {},
        {
            "strateji": 200,
            "amir.ygm": 200,
            "veri.ygm": 200,
            "veri.ukgm": 403,
            "okur": 200,
            None: 302,
        },
    ),
    "indicator-history": (
        "get",
        "/gosterge/GYH-01/gecmis.csv",
        {},
        {
            "strateji": 200,
            "amir.ygm": 200,
            "veri.ygm": 200,
            "veri.ukgm": 403,
            "okur": 200,
            None: 302,
        },
    ),
    "target": (
        "post",
        "/gosterge/GYH-01/hedef/",
        {"target": "1.300.000", "reason": "revizyon"},
        {
            "strateji": 302,
            "amir.ygm": 403,
            "veri.ygm": 403,
            "veri.ukgm": 403,
            "okur": 403,
            None: 302,
        },
    ),
    "budget": (
        "get",
        "/butce/2023/",
        {},
        {
            "strateji": 200,
            "amir.ygm": 200,
            "veri.ygm": 403,
            "veri.ukgm": 403,
            "okur": 200,
            None: 302,
        },
    ),
    "trail": (
        "get",
        "/degisiklikler.csv",
        {},
        {
            "strateji": 200,
            "amir.ygm": 403,
            "veri.ygm": 403,
            "veri.ukgm": 403,
            "okur": 200,
            None: 302,
        },
    ),
    "period-open": (
        "post",
        "/donem/ac/",
        {"year": "2023", "quarter": "2", "deadline": "2023-07-15"},
        {
            "strateji": 302,
            "amir.ygm": 403,
            "veri.ygm": 403,
            "veri.ukgm": 403,
            "okur": 403,
            None: 302,
        },
    ),
    "submit": (
        "post",
        "act",
        {"action": "submit"},
        {
            "strateji": 403,
            "amir.ygm": 403,
            "veri.ygm": 302,
            "veri.ukgm": 403,
            "okur": 403,
            None: 302,
        },
    ),
    "head-approve": (
        "post",
        "act",
        {"action": "head_approve"},
        {
            "strateji": 403,
            "amir.ygm": 302,
            "veri.ygm": 403,
            "veri.ukgm": 403,
            "okur": 403,
            None: 302,
        },
    ),
}


def snapshot() -> tuple[object, ...]:
    return (
        list(Realization.objects.order_by("pk").values_list("value", "explanation", "version")),
        list(Submission.objects.order_by("pk").values_list("state", "comment")),
        list(PPIndicatorValue.objects.order_by("pk").values_list("value")),
        MonitoringPeriod.objects.count(),
        ChangeRecord.objects.count(),
    )


@pytest.mark.parametrize("view", sorted(VIEWS))
@pytest.mark.parametrize("persona", ROLES)
def test_permission_matrix(
    view: str, persona: str | None, as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    method, url, data, expected = VIEWS[view]
    if url == "act":
        submission = Submission.objects.get(period=site, unit__code="YGM")
        if view == "head-approve":
            Submission.objects.filter(pk=submission.pk).update(state="submitted")
        if view == "submit":  # make the unit's Q1 entries complete, so only the role matters
            Realization.objects.filter(indicator__responsible_unit__code="YGM", period="Q1").update(
                explanation="Dönemsel etki."
            )
        url = f"/basvuru/{submission.pk}/islem/"
    client = as_user(persona) if persona else Client()
    before = snapshot()
    response = getattr(client, method)(url, data)
    assert response.status_code == expected[persona], (view, persona)
    if response.status_code in (302, 200) and method == "post" and persona is not None:
        assert snapshot() != before  # an allowed write wrote something
    elif method == "post":
        assert snapshot() == before  # a refused write changed nothing
    if persona is None:
        assert response["Location"].startswith("/giris/")


def test_another_administration_sees_and_changes_nothing(site: MonitoringPeriod) -> None:
    """An administrator of a second administration, with ids guessed from this one."""
    from django.contrib.auth import get_user_model

    from karne.accounts.services import member_create
    from karne.core.workflow import Role
    from karne.datasets.services import dataset_load
    from tests.audit.factory import clean_dataset

    dataset_load(dataset=clean_dataset())
    member_create(administration="test-idare", username="baska", password="x" * 14, role=Role.ADMIN)
    client = Client()
    client.force_login(get_user_model().objects.get(username="baska"))
    submission = Submission.objects.get(period=site, unit__code="YGM")
    before = snapshot()
    assert (
        client.post(
            f"/basvuru/{submission.pk}/islem/", {"action": "reopen", "reason": "x"}
        ).status_code
        == 403
    )
    assert client.get("/gosterge/GYH-01/").status_code == 403
    assert client.get(YGM).status_code == 403
    assert client.get("/izleme/2023/1/").status_code == 404
    assert client.post("/gosterge/GYH-01/hedef/", {"target": "1", "reason": "x"}).status_code == 403
    assert snapshot() == before
