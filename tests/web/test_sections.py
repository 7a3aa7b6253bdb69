"""The documents' text written in the browser: the strategy unit names the unit that writes a
section, the unit drafts it with a live figure and sends it, the strategy unit returns it with a
note and then approves it — only then is it what the documents print, its figure rendered."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.test import Client

from karne.core.evaluation import evaluate
from karne.core.formatting import format_money
from karne.core.report_content.build import build_report
from karne.core.report_content.model import Figure, Paragraph, Section, Table
from karne.datasets.selectors import dataset_read
from karne.monitoring.models import ChangeRecord, MonitoringPeriod
from karne.publications.models import NarrativeSection, SectionRevision, SectionWork

SECTION = "mali-bilgiler.butce-uygulama-sonuclari"
PAGE = f"/metinler/FR2023/{SECTION}/"
TEXT = (
    "2023 yılında bütçemizden [[butce:harcama]] TL harcanmıştır.\n\n"
    "## Öne çıkanlar\n- Harcama oranı [[butce:oran]] olmuştur."
)


def _stored() -> tuple[str, str, int]:
    section = NarrativeSection.objects.get(document__code="FR2023", section_id=SECTION)
    work = SectionWork.objects.filter(section=section).first()
    return section.summary, work.state if work else "", work.version if work else 0


def _paragraphs(section: Section, key: str) -> list[str]:
    for _depth, found in section.walk():
        if found.key == key:
            return [b.text for b in found.blocks if isinstance(b, Paragraph)]
    return []


def test_the_index_lists_every_document_s_sections(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    page = as_user("veri.ygm").get("/metinler/").content.decode()
    assert "2023 Yılı Faaliyet Raporu" in page
    assert f'href="{PAGE}"' in page
    assert "Strateji birimi" in page
    assert "Onaylandı" in page
    assert 'href="/metinler/"' in page  # in the page's menu


def test_a_unit_writes_sends_and_the_strategy_unit_returns_then_approves(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    admin, clerk = as_user("strateji"), as_user("veri.ygm")
    printed_before = _stored()[0]
    # A section no unit answers for is the strategy unit's: the clerk may only read it.
    assert 'id="body"' not in clerk.get(PAGE).content.decode()
    assert clerk.post(PAGE, {"body": "x", "version": "0"}).status_code == 403
    assert admin.post(f"{PAGE}birim/", {"unit": "YGM"}).status_code == 302
    assert ChangeRecord.objects.filter(subject="section", field="unit", new="YGM").exists()
    page = clerk.get(PAGE).content.decode()
    assert 'id="body"' in page
    assert "Yabancılar Genel Müdürlüğü" in page

    # A figure that names nothing is refused while writing; nothing is saved.
    refused = clerk.post(PAGE, {"body": "Oran [[butce:yok]] oldu.", "version": "0"})
    assert refused.status_code == 400
    assert "[[butce:yok]]" in refused.content.decode()
    assert _stored() == (printed_before, "approved", 0)

    assert clerk.post(PAGE, {"body": TEXT, "version": "0"}).status_code == 302
    assert _stored() == (printed_before, "draft", 1)  # the documents still print the old text
    evaluation = evaluate(dataset_read(administration="goc-idaresi"), 2023)
    line = evaluation.budget.economic_total.execution
    assert line is not None
    spent = format_money(line.spent)
    page = clerk.get(PAGE).content.decode()
    assert f"2023 yılında bütçemizden {spent} TL harcanmıştır." in page  # the preview
    assert "<strong>Öne çıkanlar</strong>" in page
    # A second save from the same, now stale, form is refused.
    stale = clerk.post(PAGE, {"body": TEXT + " Ek.", "version": "0"})
    assert stale.status_code == 409

    assert clerk.post(f"{PAGE}islem/", {"action": "submit"}).status_code == 302
    assert _stored()[1] == "submitted"
    assert 'id="body"' not in clerk.get(PAGE).content.decode()  # waiting for its review
    assert clerk.post(f"{PAGE}islem/", {"action": "approve"}).status_code == 403
    admin.post(f"{PAGE}islem/", {"action": "return", "note": ""})
    assert _stored()[1] == "submitted"  # a return needs its note
    admin.post(f"{PAGE}islem/", {"action": "return", "note": "Oranı da yorumlayın."})
    assert _stored()[1] == "draft"
    assert "Oranı da yorumlayın." in clerk.get(PAGE).content.decode()
    assert clerk.post(f"{PAGE}islem/", {"action": "submit"}).status_code == 302
    assert admin.post(f"{PAGE}islem/", {"action": "approve"}).status_code == 302
    assert _stored() == (TEXT, "approved", 5)
    assert SectionRevision.objects.filter(section__section_id=SECTION).count() == 5
    assert ChangeRecord.objects.filter(subject="section", field="summary", new=TEXT).exists()

    # The document prints the approved text with its figures from the same evaluation.
    dataset = dataset_read(administration="goc-idaresi")
    report = build_report(dataset, 2023, "faaliyet-raporu", datetime.date(2024, 3, 1))
    texts = [t for s in report.sections for t in _paragraphs(s, SECTION)]
    assert f"2023 yılında bütçemizden {spent} TL harcanmıştır." in texts
    assert "Öne çıkanlar" in texts


def test_an_approved_text_written_again_is_a_new_draft_beside_it(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    admin = as_user("strateji")
    printed = _stored()[0]
    assert admin.post(PAGE, {"body": "Yeni metin.", "version": "0"}).status_code == 302
    assert _stored() == (printed, "draft", 1)
    assert admin.post(f"{PAGE}islem/", {"action": "submit"}).status_code == 302
    assert admin.post(f"{PAGE}islem/", {"action": "approve"}).status_code == 302
    assert _stored() == ("Yeni metin.", "approved", 3)


def test_a_text_cites_a_table_by_its_key_and_prints_its_number(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    admin = as_user("strateji")
    page = admin.get(PAGE).content.decode()
    assert "[[tablo:fr.execution]]" in page  # the editor lists what may be cited
    text = "Yılın harcamaları [[tablo:fr.execution]] ile [[sekil:organisation.chart]]."
    assert admin.post(PAGE, {"body": text, "version": "0"}).status_code == 302
    admin.post(f"{PAGE}islem/", {"action": "submit"})
    admin.post(f"{PAGE}islem/", {"action": "approve"})
    dataset = dataset_read(administration="goc-idaresi")
    report = build_report(dataset, 2023, "faaliyet-raporu", datetime.date(2024, 3, 1))
    numbers = {
        b.key: b.number
        for s in report.sections
        for _d, found in s.walk()
        for b in found.blocks
        if isinstance(b, Table | Figure)
    }
    texts = [t for s in report.sections for t in _paragraphs(s, SECTION)]
    expected = (
        f"Yılın harcamaları Tablo {numbers['fr.execution']} ile "
        f"Şekil {numbers['organisation.chart']}."
    )
    assert expected in texts
