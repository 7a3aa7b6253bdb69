"""The structure pages: every form renders, saves, and shows a refusal on its input."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from karne.monitoring.models import ChangeRecord, MonitoringPeriod
from karne.organisation.models import Document, Unit
from karne.structure.kinds import KINDS

NEW_UNIT = {
    "code": "YGM.YENI",
    "name": "Yeni Daire",
    "parent": "YGM",
    "location": "central",
    "sort": "70",
    "valid_from": "",
    "valid_to": "",
}


def test_the_structure_page_lists_every_kind(as_user: Callable[[str], Client]) -> None:
    page = as_user("strateji").get("/yapi/").content.decode()
    for slug in KINDS:
        assert f'id="{slug}"' in page
    assert 'href="/yapi/birim/YGM/"' in page
    assert 'href="/yapi/program/2023/GY/"' in page
    assert 'href="/yapi/sp-hedef/PG1.1.3/2023/"' in page
    assert 'href="/yapi/"' in page  # the navigation link


def test_a_strategic_plan_target_is_listed_as_a_value_not_a_name(
    as_user: Callable[[str], Client],
) -> None:
    page = as_user("strateji").get("/yapi/").content.decode()
    section = page[page.index('<section id="sp-hedef"') :]
    head = section[section.index("<thead>") : section.index("</thead>")]
    assert '<th scope="col">Hedef değer</th>' in head
    assert '<th scope="col">Ad</th>' not in head


def test_a_reader_has_the_structure_link_but_no_form(as_user: Callable[[str], Client]) -> None:
    reader = as_user("okur")
    assert 'href="/yapi/"' in reader.get("/").content.decode()
    assert reader.get("/yapi/birim/yeni/").status_code == 403


@pytest.mark.parametrize("slug", sorted(KINDS))
def test_every_new_form_renders_with_labels(as_user: Callable[[str], Client], slug: str) -> None:
    response = as_user("strateji").get(f"/yapi/{slug}/yeni/")
    assert response.status_code == 200
    page = response.content.decode()
    for name in KINDS[slug].fields():
        assert f'for="f-{name}"' in page or f'id="f-{name}"' in page, name


def test_every_edit_form_renders(as_user: Callable[[str], Client]) -> None:
    client = as_user("strateji")
    for url in [
        "/yapi/birim/YGM/",
        "/yapi/program/2023/GY/",
        "/yapi/alt-program/2023/GY.GYH/",
        "/yapi/alt-program-amaci/2023/GY.GYH.H1/",
        "/yapi/pp-gosterge/GYH-01/",
        "/yapi/plan/SP2019/",
        "/yapi/amac/A1/",
        "/yapi/hedef/H1.1/",
        "/yapi/sp-gosterge/PG1.1.3/",
        "/yapi/sp-hedef/PG1.1.3/2023/",
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get("/yapi/birim/YOK/").status_code == 404
    assert client.get("/yapi/yok/YGM/").status_code == 404


def test_a_unit_is_added_in_the_browser(as_user: Callable[[str], Client]) -> None:
    client = as_user("strateji")
    response = client.post("/yapi/birim/yeni/", {**NEW_UNIT, "is_spending_unit": "true"})
    assert response.status_code == 302
    assert Unit.objects.get(code="YGM.YENI").is_spending_unit
    assert ChangeRecord.objects.filter(subject="unit", key="YGM.YENI", field="name").exists()
    assert "Kaydedildi" in client.get(response["Location"]).content.decode()


def test_a_refused_form_says_nothing_was_saved_on_the_input(
    as_user: Callable[[str], Client],
) -> None:
    client = as_user("strateji")
    before = (Unit.objects.count(), ChangeRecord.objects.count())
    response = client.post(
        "/yapi/birim/yeni/", {**NEW_UNIT, "valid_from": "2025", "valid_to": "2020"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Hiçbir şey kaydedilmedi." in page
    assert re.search(
        r'id="f-valid_to"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*error-valid_to"', page
    )
    assert 'href="#f-valid_to"' in page
    assert 'value="2020"' in page  # what was typed stays
    assert (Unit.objects.count(), ChangeRecord.objects.count()) == before


def test_a_number_is_typed_the_turkish_way(as_user: Callable[[str], Client]) -> None:
    from karne.planning.models import SPIndicator

    client = as_user("strateji")
    page = client.get("/yapi/sp-gosterge/PG1.1.3/").content.decode()
    data = {
        "objective": "H1.1",
        "name": "Düzenlenen eğitim sayısı",
        "unit": "adet",
        "weight": "15",
        "baseline": "3,5",
        "direction": "increase",
        "sort": "1",
    }
    assert 'name="weight"' in page
    assert client.post("/yapi/sp-gosterge/PG1.1.3/", data).status_code == 302
    assert str(SPIndicator.objects.get(code="PG1.1.3").baseline) == "3.5"
    response = client.post("/yapi/sp-gosterge/PG1.1.3/", {**data, "weight": "100,5"})
    assert response.status_code == 400
    assert "0 ile 100 arasında bir sayı yazın." in response.content.decode()


def test_the_strategy_unit_edits_an_indicators_evaluations(
    as_user: Callable[[str], Client],
) -> None:
    from karne.planning.models import SPIndicator

    client = as_user("strateji")
    page = client.get("/yapi/sp-gosterge/PG1.1.3/").content.decode()
    for name, label in (
        ("relevance", "İlgililik"),
        ("effectiveness", "Etkililik"),
        ("efficiency", "Etkinlik"),
        ("sustainability", "Sürdürülebilirlik"),
    ):
        assert f'<textarea id="f-{name}" name="{name}"' in page, name
        assert label in page
    data = {
        "objective": "H1.1",
        "name": "Düzenlenen eğitim sayısı",
        "unit": "adet",
        "weight": "15",
        "baseline": "3",
        "direction": "increase",
        "sort": "1",
        "relevance": "Hedef geçerliliğini koruyor.",
        "effectiveness": "İhtiyaçlar karşılandı.\nİkinci satır.",
        "efficiency": "",
        "sustainability": "Risk öngörülmüyor.",
    }
    assert client.post("/yapi/sp-gosterge/PG1.1.3/", data).status_code == 302
    row = SPIndicator.objects.get(code="PG1.1.3")
    assert row.relevance == "Hedef geçerliliğini koruyor."
    assert row.effectiveness.splitlines() == ["İhtiyaçlar karşılandı.", "İkinci satır."]
    assert row.efficiency == ""
    assert ChangeRecord.objects.filter(
        subject="sp_indicator", key="PG1.1.3", field="relevance"
    ).exists()


def test_a_delete_in_use_is_refused_with_a_message(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    client = as_user("strateji")
    response = client.post("/yapi/birim/YGM/sil/", follow=True)
    assert "Silinmedi" in response.content.decode()
    assert Unit.objects.filter(code="YGM").exists()


def test_the_pages_speak_english(as_user: Callable[[str], Client]) -> None:
    client = as_user("strateji")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post("/yapi/birim/yeni/", {**NEW_UNIT, "code": "YGM"})
    page = response.content.decode()
    assert "Nothing was saved." in page
    assert "This code is already in use." in page
    assert "Validity start year" in page


def test_everyone_reads_the_structure_and_only_the_strategy_unit_edits_it(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    for persona in ("okur", "veri.ygm", "amir.ygm"):
        page = as_user(persona).get("/yapi/").content.decode()
        assert "GYH-01" in page, persona
        assert "/yapi/pp-gosterge/yeni/" not in page, persona  # no add link
        assert 'href="/yapi/birim/YGM/"' not in page, persona  # no edit link
        assert "Yapıyı strateji birimi düzenler" in page, persona
    admin = as_user("strateji").get("/yapi/").content.decode()
    assert "/yapi/pp-gosterge/yeni/" in admin
    assert 'href="/yapi/birim/YGM/"' in admin


def test_a_years_activity_report_is_added_and_the_documents_page_offers_its_build(
    as_user: Callable[[str], Client],
) -> None:
    """An administration set up in the browser has no report until it adds one here."""
    client = as_user("strateji")
    assert (
        'id="build-faaliyet-raporu-docx"' not in client.get("/belgeler/?yil=2024").content.decode()
    )
    refused = client.post(
        "/yapi/belge/yeni/", {"code": "fr2024", "kind": "faaliyet-raporu", "year": "2024"}
    )
    assert refused.status_code == 400
    assert Document.objects.filter(year=2024).count() == 0
    response = client.post(
        "/yapi/belge/yeni/",
        {"code": "FR2024", "kind": "faaliyet-raporu", "year": "2024", "title": ""},
    )
    assert response.status_code == 302
    document = Document.objects.get(code="FR2024")
    assert (document.kind, document.year) == ("faaliyet-raporu", 2024)
    assert ChangeRecord.objects.filter(subject="document", key="FR2024", field="kind").exists()
    assert "Faaliyet Raporu 2024" in client.get("/yapi/").content.decode()
    assert 'for="f-kind">Belge türü' in client.get("/yapi/belge/FR2024/").content.decode()
    assert 'id="build-faaliyet-raporu-docx"' in client.get("/belgeler/?yil=2024").content.decode()
