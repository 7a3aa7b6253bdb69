"""The strategy unit's restatements page: the open ones listed, each accepted or dismissed
with a reason (`restatement.decide`)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from karne.monitoring.models import MonitoringPeriod, Restatement, RestatementState, Submission
from tests.web.test_computed_web import figure, stored, trail


def _restatement(site: MonitoringPeriod) -> Restatement:
    """GYH-01's quarter sent to the unit head, then computed again with another value."""
    Submission.objects.filter(period=site, unit__code="YGM").update(state="submitted")
    return Restatement.objects.create(
        figure=figure(),
        stored=Decimal(1237803),
        computed=Decimal(1240512),
        fingerprint="sha256:" + "cd" * 32,
        found_at=timezone.now() - datetime.timedelta(hours=1),
    )


def test_the_restatements_page_lists_the_open_ones(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    found = _restatement(site)
    page = as_user("strateji").get("/yeniden-duzenlemeler/").content.decode()
    row = page[page.index(f'id="restatement-{found.pk}"') :]
    row = row[: row.index("</tr>")]
    for shown in ("GYH-01", "1.237.803", "1.240.512", "2.709", "/gosterge/GYH-01/#computed-Q1"):
        assert shown in row, shown
    assert 'value="accept"' in row
    assert 'value="dismiss"' in row
    assert 'name="reason"' in row


def test_a_restatement_is_accepted_with_a_reason(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    found = _restatement(site)
    admin = as_user("strateji")
    url = f"/yeniden-duzenlemeler/{found.pk}/karar/"
    response = admin.post(url, {"decision": "accept", "reason": ""}, follow=True)
    assert "Kararın gerekçesini yazın." in response.content.decode()
    found.refresh_from_db()
    assert found.state == RestatementState.OPEN
    response = admin.post(url, {"decision": "accept", "reason": "GöçNet düzeltmesi"}, follow=True)
    assert "Hesaplanan değer kabul edildi" in response.content.decode()
    found.refresh_from_db()
    assert found.state == RestatementState.ACCEPTED
    assert stored("GYH-01").value == Decimal(1240512)
    (change,) = trail("GYH-01")
    assert change.reason == "GöçNet düzeltmesi"
    assert f"restatement-{found.pk}" not in response.content.decode()


def test_a_restatement_is_dismissed_with_a_reason(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    found = _restatement(site)
    url = f"/yeniden-duzenlemeler/{found.pk}/karar/"
    response = as_user("strateji").post(
        url, {"decision": "dismiss", "reason": "Geç gelen kayıtlar"}, follow=True
    )
    assert "reddedildi" in response.content.decode()
    found.refresh_from_db()
    assert (found.state, found.reason) == (RestatementState.DISMISSED, "Geç gelen kayıtlar")
    assert stored("GYH-01").value == Decimal(1237803)
