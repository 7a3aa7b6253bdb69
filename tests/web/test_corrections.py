"""The strategy unit's correction note on a reported value: written on the indicator page,
trailed, refused to everyone else, and read by the audit (CORRECTED-INPUT)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from karne.core.audit import audit
from karne.datasets.selectors import dataset_read
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Realization
from tests.web.test_documents import AUDIT, build

Login = Callable[[str], Client]
# GYH-08 is cumulative and FR 2023's Form-3 printed its fourth quarter 0: the stored 21 is right.
URL = "/gosterge/GYH-08/duzeltme/"
NOTE = "Faaliyet raporu 4. çeyreği 0 bastı; kümülatif gösterge 21 merkezde kaldı."


def q4() -> Realization:
    return Realization.objects.get(indicator__code="GYH-08", year=2023, period="Q4")


def trail() -> list[tuple[str, str, str, str, str]]:
    return list(
        ChangeRecord.objects.filter(field="correction")
        .order_by("pk")
        .values_list("subject", "key", "field", "old", "new")
    )


def findings(rule: str) -> list[Any]:
    report = audit(dataset_read(), 2023)
    return [f for f in report.findings if f.rule == rule and f.row == "GYH-08"]


@pytest.mark.parametrize("persona", ["veri.ygm", "veri.ukgm", "amir.ygm", "okur"])
def test_only_the_strategy_unit_writes_a_correction(
    as_user: Login, site: MonitoringPeriod, persona: str
) -> None:
    before = q4().correction
    client = as_user(persona)
    response = client.post(URL, {"period": "Q4", "correction": "Başka bir not.", "seen": before})
    assert response.status_code == 403
    assert q4().correction == before
    assert trail() == []
    page = client.get("/gosterge/GYH-08/")
    if page.status_code == 200:  # who sees the indicator reads the note, without the form
        assert before in page.content.decode()
        assert 'action="/gosterge/GYH-08/duzeltme/"' not in page.content.decode()


def test_the_strategy_unit_writes_the_note_and_the_audit_reads_it(
    as_user: Login, site: MonitoringPeriod
) -> None:
    client = as_user("strateji")
    stored = q4()
    old = stored.correction
    assert old  # the reference dataset's own note
    page = client.get("/gosterge/GYH-08/").content.decode()
    assert 'action="/gosterge/GYH-08/duzeltme/"' in page
    assert 'for="f-correction-Q4">Düzeltme notu · 4. Üç Aylık' in page

    # Without its note, the printed 0 is an error of the document against the input …
    response = client.post(URL, {"period": "Q4", "correction": "", "seen": old})
    assert response.status_code == 302
    assert response["Location"] == "/gosterge/GYH-08/#correction-Q4"
    assert findings("CORRECTED-INPUT") == []
    [repeat] = findings("REPEAT")
    assert (repeat.column, repeat.printed, repeat.expected) == ("q4", "0", "21")

    # … with it, a corrected input, the note given as the reason.
    response = client.post(URL, {"period": "Q4", "correction": f"  {NOTE} ", "seen": ""})
    assert response.status_code == 302
    after = q4()
    assert after.correction == NOTE
    assert (after.value, after.version, after.updated_by_id) == (
        stored.value,
        stored.version,
        stored.updated_by_id,
    )  # the value stays the unit's
    key = "GYH-08/2023/Q4"
    assert trail() == [
        ("realization", key, "correction", old, ""),
        ("realization", key, "correction", "", NOTE),
    ]
    [slip] = findings("CORRECTED-INPUT")
    assert slip.place.startswith("FR2023 › Tablo 11 › GYH-08")
    assert (slip.printed, slip.expected) == ("0", "21")
    assert NOTE.rstrip(".") in slip.message
    assert findings("REPEAT") == []

    page = client.get(response["Location"]).content.decode()
    assert "4. Üç Aylık düzeltme notu kaydedildi." in page
    assert f'id="correction-text-Q4">{NOTE}</td>' in page
    assert "Düzeltme notu" in page.split("Değişiklik geçmişi")[1]  # its history row

    # Saving the same note again changes nothing and writes no trail row.
    client.post(URL, {"period": "Q4", "correction": NOTE, "seen": NOTE})
    assert len(trail()) == 2


def test_the_built_audit_gives_the_note(
    as_user: Login, site: MonitoringPeriod, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    client = as_user("strateji")
    client.post(URL, {"period": "Q4", "correction": NOTE, "seen": q4().correction})
    job = build(client, django_capture_on_commit_callbacks, AUDIT)
    html = client.get(f"/belgeler/is/{job}/dosya/").content.decode()
    assert NOTE.rstrip(".") in html


def test_a_stale_form_an_empty_period_and_a_long_note_are_refused(
    as_user: Login, site: MonitoringPeriod
) -> None:
    client = as_user("strateji")
    old = q4().correction
    stale = client.post(URL, {"period": "Q4", "correction": NOTE, "seen": "eski"}, follow=True)
    assert "sayfayı açmanızdan sonra değişti" in stale.content.decode()
    long = client.post(URL, {"period": "Q4", "correction": "x" * 2001, "seen": old}, follow=True)
    assert "en çok 2.000 karakter" in long.content.decode()
    assert q4().correction == old
    none = client.post(URL, {"period": "Y", "correction": NOTE}, follow=True)
    assert "girilmiş bir değer yok" in none.content.decode()
    bad = client.post(URL, {"period": "Q9", "correction": NOTE}, follow=True)
    assert "Bir dönem seçin." in bad.content.decode()
    assert trail() == []


def test_a_unit_form_opened_before_the_note_still_saves_and_keeps_it(
    as_user: Login, site: MonitoringPeriod
) -> None:
    """The note is the strategy unit's and leaves the value's version as it was."""
    entry = "/donem/2023/1/birim/YGM/"
    q1 = Realization.objects.get(indicator__code="GYH-01", year=2023, period="Q1")
    as_user("strateji").post(
        "/gosterge/GYH-01/duzeltme/", {"period": "Q1", "correction": NOTE, "seen": ""}
    )
    response = as_user("veri.ygm").post(
        entry, {"value-GYH-01": "1.300.000", "ver-GYH-01": str(q1.version)}
    )
    assert response.status_code == 302
    saved = Realization.objects.get(pk=q1.pk)
    assert str(saved.value) == "1300000"
    assert saved.correction == NOTE


def test_the_correction_form_speaks_english(as_user: Login, site: MonitoringPeriod) -> None:
    client = as_user("strateji")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/gosterge/GYH-08/").content.decode()
    assert "Correction notes" in page
    assert "Save the correction note" in page
    saved = client.post(URL, {"period": "Q4", "correction": NOTE, "seen": q4().correction})
    assert "correction note of" in client.get(saved["Location"]).content.decode()
