"""A unit's duties on the structure pages: added, edited, moved and deleted in the browser, kept
in the database, and printed by the documents ("Sunulan Hizmetler")."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client

from karne.core.report_content import build_report
from karne.core.report_content.model import BulletList, Paragraph
from karne.datasets.selectors import dataset_read
from karne.monitoring.models import ChangeRecord, MonitoringPeriod
from karne.organisation.models import Duty
from karne.structure.kinds import text_digest

Login = Callable[[str], Client]
SERVICES = "idareye-iliskin-bilgiler.sunulan-hizmetler"
YGM = "Yabancılar Genel Müdürlüğü"


def ygm_duties() -> list[str]:
    return list(
        Duty.objects.filter(unit__code="YGM").order_by("position").values_list("text", flat=True)
    )


def key(text: str) -> str:
    return f"YGM/{text_digest(text)}"


def printed_services(year: int = 2023) -> dict[str, tuple[str, ...]]:
    """What the year's Activity Report, built from the database, lists under each unit."""
    report = build_report(dataset_read(), year, "faaliyet-raporu", datetime.date(2024, 2, 1))
    blocks = [b for s, b in report.blocks() if s.key == SERVICES]
    headings = [b.text for b in blocks if isinstance(b, Paragraph) and b.emphasis]
    lists = [b.items for b in blocks if isinstance(b, BulletList)]
    return dict(zip(headings, lists, strict=True))


def trail(subject: str = "duty") -> list[tuple[str, str, str, str]]:
    return list(
        ChangeRecord.objects.filter(subject=subject)
        .order_by("pk")
        .values_list("key", "field", "old", "new")
    )


def test_a_duty_edited_in_the_browser_is_what_the_activity_report_prints(
    as_user: Login, site: MonitoringPeriod
) -> None:
    client = as_user("strateji")
    first, second, *_ = ygm_duties()
    page = client.get(f"/yapi/gorev/{key(second)}/")
    assert page.status_code == 200
    assert second in page.content.decode()
    new_text = "Yabancıların ikamet işlemlerini elektronik ortamda yürütmek."
    response = client.post(
        f"/yapi/gorev/{key(second)}/", {"text": new_text, "valid_from": "", "valid_to": ""}
    )
    assert response.status_code == 302
    assert ygm_duties()[:2] == [first, new_text]  # in its place
    services = printed_services()
    assert services[YGM][1] == new_text
    assert second not in services[YGM]
    # Trailed under the key it was edited at; the new text gives the new key.
    assert trail() == [(key(second), "text", second, new_text)]
    assert client.get(f"/yapi/gorev/{key(new_text)}/").status_code == 200
    assert client.get(f"/yapi/gorev/{key(second)}/").status_code == 404


def test_a_duty_s_form_names_its_unit(as_user: Login, site: MonitoringPeriod) -> None:
    """The unit a duty belongs to (fixed on its form) by code and name, as the list shows it."""
    client = as_user("strateji")
    page = client.get(f"/yapi/gorev/{key(ygm_duties()[0])}/").content.decode()
    assert f'<strong id="f-unit">YGM · {YGM}</strong>' in page


def test_a_duty_is_added_last_under_its_unit_with_its_years(
    as_user: Login, site: MonitoringPeriod
) -> None:
    client = as_user("strateji")
    form = client.get("/yapi/gorev/yeni/").content.decode()
    assert 'for="f-unit">Birim' in form
    assert '<option value="YGM">YGM · Yabancılar Genel Müdürlüğü</option>' in form
    text = "Yabancı öğrencilerin ikamet izinlerini düzenlemek."
    data = {"unit": "YGM", "text": text, "valid_from": "2024", "valid_to": ""}
    response = client.post("/yapi/gorev/yeni/", data)
    assert response.status_code == 302
    assert response["Location"] == "/yapi/#gorev"
    assert ygm_duties()[-1] == text
    assert (key(text), "text", "", text) in trail()
    assert (key(text), "valid_from", "", "2024") in trail()
    assert text not in printed_services(2023)[YGM]  # it holds from 2024
    page = client.get("/yapi/").content.decode()
    assert f'href="/yapi/gorev/{key(text)}/"' in page
    assert "2024–" in page
    # The same text again (say, held again later) is told apart by its place.
    again = {"unit": "YGM", "text": text, "valid_from": "2020", "valid_to": "2021"}
    assert client.post("/yapi/gorev/yeni/", again).status_code == 302
    assert client.get(f"/yapi/gorev/{key(text)}-2/").status_code == 200


def test_a_duty_s_years_are_judged_by_the_reader(as_user: Login, site: MonitoringPeriod) -> None:
    client = as_user("strateji")
    before = ygm_duties()
    bad = {"unit": "YGM", "text": "Bir görev.", "valid_from": "2024", "valid_to": "2022"}
    response = client.post("/yapi/gorev/yeni/", bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Hiçbir şey kaydedilmedi." in page
    assert "Bu yıl 2024 yılından önce olamaz." in page
    empty = client.post("/yapi/gorev/yeni/", {"unit": "YGM", "text": "", "valid_from": ""})
    assert empty.status_code == 400
    assert "Bu alan boş bırakılamaz." in empty.content.decode()
    assert ygm_duties() == before
    assert trail() == []


def test_a_duty_of_a_unit_with_years_holds_within_them(
    as_user: Login, site: MonitoringPeriod
) -> None:
    """A unit opened in 2023: its duty cannot start earlier (nor be left open at the start)."""
    client = as_user("strateji")
    unit = {
        "code": "YGM.YENI",
        "name": "Yeni Daire",
        "parent": "YGM",
        "location": "central",
        "sort": "70",
        "valid_from": "2023",
        "valid_to": "2025",
    }
    assert client.post("/yapi/birim/yeni/", unit).status_code == 302
    duty = {"unit": "YGM.YENI", "text": "Yeni işler.", "valid_from": "", "valid_to": "2026"}
    page = client.post("/yapi/gorev/yeni/", duty).content.decode()
    assert "Birimin ilk yılı 2023: görevlerinin başlangıç yılı ondan önce ya da boş" in page
    assert "Birimin son yılı 2025: görevlerinin bitiş yılı ondan sonra ya da boş" in page
    ok = {**duty, "valid_from": "2023", "valid_to": ""}
    assert "Birimin son yılı 2025" in client.post("/yapi/gorev/yeni/", ok).content.decode()
    assert client.post("/yapi/gorev/yeni/", {**ok, "valid_to": "2025"}).status_code == 302
    # Nor can the unit's years then leave its duty: said once on the unit's own input.
    closing = client.post("/yapi/birim/YGM.YENI/", {**unit, "valid_to": "2024"})
    assert closing.status_code == 400
    assert closing.content.decode().count("Birimin son yılı 2024") == 2  # banner and input


def test_a_duty_moves_up_and_the_report_prints_the_new_order(
    as_user: Login, site: MonitoringPeriod
) -> None:
    client = as_user("strateji")
    first, second, third, *rest = ygm_duties()
    page = client.get("/yapi/").content.decode()
    assert f'action="/yapi/gorev/{key(second)}/tasi/"' in page
    response = client.post(f"/yapi/gorev/{key(third)}/tasi/", {"direction": "up"})
    assert response.status_code == 302
    assert ygm_duties() == [first, third, second, *rest]
    assert printed_services()[YGM] == (first, third, second, *rest)
    assert trail() == [(key(third), "position", "3", "2"), (key(second), "position", "2", "3")]
    # The first cannot go higher, the last no lower: nothing changes, nothing is trailed.
    client.post(f"/yapi/gorev/{key(first)}/tasi/", {"direction": "up"})
    last = ygm_duties()[-1]
    client.post(f"/yapi/gorev/{key(last)}/tasi/", {"direction": "down"})
    assert ygm_duties() == [first, third, second, *rest]
    assert len(trail()) == 2
    assert client.post(f"/yapi/gorev/{key(first)}/tasi/", {"direction": "x"}).status_code == 302
    assert client.post("/yapi/gorev/YGM/00000000/tasi/", {"direction": "up"}).status_code == 404


def test_deleting_a_duty_leaves_the_others_keys(as_user: Login, site: MonitoringPeriod) -> None:
    client = as_user("strateji")
    first, second, *rest = ygm_duties()
    response = client.post(f"/yapi/gorev/{key(first)}/sil/")
    assert response.status_code == 302
    assert ygm_duties() == [second, *rest]
    assert (key(first), "text", first, "") in trail()
    assert client.get(f"/yapi/gorev/{key(second)}/").status_code == 200
    assert printed_services()[YGM] == (second, *rest)


@pytest.mark.parametrize("persona", ["amir.ygm", "veri.ygm", "okur"])
def test_only_the_strategy_unit_changes_duties(
    as_user: Login, site: MonitoringPeriod, persona: str
) -> None:
    client = as_user(persona)
    first, second, *_ = ygm_duties()
    assert client.post(f"/yapi/gorev/{key(second)}/tasi/", {"direction": "up"}).status_code == 403
    assert client.post(f"/yapi/gorev/{key(first)}/sil/").status_code == 403
    page = client.get("/yapi/").content.decode()
    assert first in page  # everyone reads them
    assert "/tasi/" not in page
    assert ygm_duties()[:2] == [first, second]


def test_the_duty_pages_speak_english(as_user: Login, site: MonitoringPeriod) -> None:
    client = as_user("strateji")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert 'for="f-text">Text of the duty' in client.get("/yapi/gorev/yeni/").content.decode()
    page = client.get("/yapi/").content.decode()
    assert "Years it holds" in page
    assert ">Down</button>" in page
    bad = {"unit": "YGM", "text": "A duty.", "valid_from": "2024", "valid_to": "2022"}
    assert "Nothing was saved." in client.post("/yapi/gorev/yeni/", bad).content.decode()
