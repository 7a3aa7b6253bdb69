"""The figures computed from the events on the pages: the proposal beside a quarter's entry
(accept, override with a reason, in the form and in its workbook) and the indicator page's
computed quarters with their breakdowns."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from karne.accounts.services import member_create
from karne.core.workflow import Role
from karne.monitoring.models import (
    ChangeRecord,
    ComputedFigure,
    MonitoringPeriod,
    Realization,
)
from karne.monitoring.services import EntriesRefused, EntryInput, Refused, entries_save
from karne.organisation.models import Unit
from karne.planning.models import PPIndicator
from tests.web.helpers import entry_form, page_form

YGM = "/donem/2023/1/birim/YGM/"
QUERY = (
    'SELECT COUNT(*) AS "value" FROM "ikamet" AS "t0" WHERE "t0"."issued_on" <= '
    'MAKE_DATE(2023, 3, 31) AND ("t0"."valid_until" IS NULL OR "t0"."valid_until" > '
    "MAKE_DATE(2023, 3, 31))"
)


def figure(code: str = "GYH-01", value: str = "1240512", period: str = "Q1") -> ComputedFigure:
    """A stored computed figure, as `karne indicators compute --store` leaves one."""
    return ComputedFigure.objects.create(
        indicator=PPIndicator.objects.get(code=code, year=2023),
        year=2023,
        period=period,
        value=Decimal(value),
        definition="ikamet-aktif",
        definition_hash="sha256:" + "ab" * 32,
        fingerprint="sha256:" + "cd" * 32,
        provenance={
            "definition": "ikamet-aktif",
            "definition_hash": "sha256:" + "ab" * 32,
            "query": QUERY,
            "engine": "duckdb",
            "engine_version": "1.4.2",
            "ibis_version": "11.0.0",
            "source": "ikamet",
            "source_fingerprint": "sha256:" + "cd" * 32,
            "source_files": ["ikamet/year=2023/quarter=1/part-0.parquet"],
            "source_rows": 500000,
            "matched_rows": int(Decimal(value)),
        },
        breakdowns={
            "province": {"34": 120, "06": 300, "unknown": 5, "07": 120},
            "sex": {"F": 10, "M": 20, "unknown": 3},
            "nationality": {"SYR": 25, "XQZ": 8},
        },
        computed_at=timezone.now(),
    )


def stored(code: str) -> Realization:
    return Realization.objects.get(indicator__code=code, period="Q1")


def trail(code: str) -> list[ChangeRecord]:
    return list(ChangeRecord.objects.filter(key=f"{code}/2023/Q1", field="value"))


def test_the_form_shows_the_proposal_with_its_provenance(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    figure()
    page = as_user("veri.ygm").get(YGM).content.decode()
    box = page[page.index('id="proposal-GYH-01"') :]
    box = box[: box.index("</div>")]
    assert "Hesaplanan değer" in box
    assert '<strong id="computed-GYH-01">1.240.512</strong>' in box
    assert 'name="accept-GYH-01"' in box
    assert "Kabul et" in box
    assert "<details" in box
    assert "<pre" in box
    for shown in ("ikamet-aktif", "duckdb 1.4.2", "Ibis 11.0.0"):
        assert shown in box, shown
    assert "Kaynak dosyalardaki satır</dt><dd>500.000</dd>" in box
    assert "Dönemde koşula uyan satır</dt><dd>1.240.512</dd>" in box
    assert "cdcdcdcdcdcd" in box
    assert "cd" * 32 not in re.sub(r'title="[^"]*"', "", box)
    assert "&quot;ikamet&quot;" in box  # the compiled query, escaped
    assert 'name="reason-GYH-01"' in box
    assert 'id="proposal-GYH-07"' not in page  # a row without a computed figure has none


def test_a_reader_sees_the_proposal_without_buttons(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    figure()
    page = as_user("okur").get(YGM).content.decode()
    assert 'id="computed-GYH-01">1.240.512<' in page
    assert 'name="accept-GYH-01"' not in page
    assert 'name="reason-GYH-01"' not in page


def test_accept_without_script_saves_the_computed_value_with_its_trail(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    figure()
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    form["value-GYH-01"] = "9"  # whatever was typed: the button takes the computed figure
    form["accept-GYH-01"] = "1"
    response = clerk.post(YGM, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert stored("GYH-01").value == Decimal(1240512)
    (change,) = trail("GYH-01")
    assert (change.old, change.new) == ("1237803", "1240512")
    assert change.reason == "hesaplanan değer kabul edildi (ikamet-aktif, cdcdcdcdcdcd)"


def test_typing_the_computed_value_is_accepting_it(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    figure()
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    form["value-GYH-01"] = "1.240.512"  # what the script's "Kabul et" writes into the box
    assert clerk.post(YGM, form).status_code == 302
    (change,) = trail("GYH-01")
    assert change.reason.startswith("hesaplanan değer kabul edildi")


def test_an_override_without_a_reason_is_refused(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    figure()
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    form["value-GYH-01"] = "1.250.000"
    response = clerk.post(YGM, form)
    assert response.status_code == 400
    page = response.content.decode()
    message = "Hesaplanan değerden (1.240.512) farklı bir değer için gerekçe yazın."
    assert message in page
    assert 'href="#reason-GYH-01"' in page  # the banner links to the reason's input
    assert 'aria-describedby="error-reason-GYH-01"' in page
    assert re.search(r'id="reason-GYH-01"[^>]*autofocus', page)
    assert page_form(page)["value-GYH-01"] == "1.250.000"  # what was typed stays
    assert stored("GYH-01").value == Decimal(1237803)
    assert trail("GYH-01") == []


def test_an_override_with_a_reason_is_saved_and_trailed(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    figure()
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    form["value-GYH-01"] = "1.250.000"
    form["reason-GYH-01"] = "Mart sonu toplu girişler henüz GöçNet'te yok."
    assert clerk.post(YGM, form).status_code == 302
    assert stored("GYH-01").value == Decimal(1250000)
    (change,) = trail("GYH-01")
    assert change.reason == (
        "hesaplanan değerden (1240512) farklı: Mart sonu toplu girişler henüz GöçNet'te yok."
    )


def test_an_explanation_alone_needs_no_reason(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    """The stored value differs from a figure computed later; changing only the explanation
    does not set a value, so no reason is asked for."""
    figure()
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    form["exp-GYH-01"] = "Dönemsel etki."
    assert clerk.post(YGM, form).status_code == 302
    assert stored("GYH-01").explanation == "Dönemsel etki."
    assert stored("GYH-01").value == Decimal(1237803)


def test_the_service_refuses_an_override_for_every_caller(site: MonitoringPeriod) -> None:
    """The rule is the save's: the workbook import and the command line obey it too."""
    figure()
    clerk = get_user_model().objects.get(username="veri.ygm")
    row = stored("GYH-01")
    entry = EntryInput("GYH-01", Decimal(1250000), None, None, "", row.version)
    with pytest.raises(EntriesRefused) as caught:
        entries_save(user=clerk, period=site, unit=Unit.objects.get(code="YGM"), entries=[entry])
    refused = caught.value.errors["GYH-01"]
    assert isinstance(refused, Refused)
    assert refused.field == "reason"
    with_reason = EntryInput(
        "GYH-01", Decimal(1250000), None, None, "", row.version, override_reason="sayım farkı"
    )
    entries_save(
        user=clerk,
        period=site,
        unit=Unit.objects.get(code="YGM"),
        entries=[with_reason],
        reason="çalışma kitabı: form.xlsx",
    )
    (change,) = trail("GYH-01")
    assert (
        change.reason
        == "çalışma kitabı: form.xlsx; hesaplanan değerden (1240512) farklı: sayım farkı"
    )


def test_the_indicator_page_shows_the_computed_quarters_and_their_breakdowns(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    figure()
    figure(value="1180000", period="Q2")
    page = as_user("veri.ygm").get("/gosterge/GYH-01/").content.decode()
    assert 'id="computed-Q1"' in page
    assert 'id="computed-Q2"' in page
    assert "1.240.512" in page
    assert "1.180.000" in page
    province = page[page.index('id="breakdown-Q1-province"') :]
    province = province[: province.index("</table>")]
    labels = re.findall(r'<th scope="row">([^<]+)</th><td class="num">([^<]+)</td>', province)
    # by value, largest first; equal values in Turkish alphabetical order of the provinces'
    # names (Antalya before İstanbul); a missing value is "Bilinmiyor"
    assert labels == [
        ("Ankara (06)", "300"),
        ("Antalya (07)", "120"),
        ("İstanbul (34)", "120"),
        ("Bilinmiyor", "5"),
        ("Toplam", "545"),
    ]
    nationality = page[page.index('id="breakdown-Q1-nationality"') :]
    nationality = nationality[: nationality.index("</table>")]
    # a country by its name in the page's language; a code that names none, as it is
    assert re.findall(r'<th scope="row">([^<]+)</th>', nationality) == [
        "Suriye (SYR)",
        "XQZ",
        "Toplam",
    ]
    assert '<td class="num">%55,0</td>' in province  # 300 of 545, its share
    sex = page[page.index('id="breakdown-Q1-sex"') :]
    sex = sex[: sex.index("</table>")]
    assert re.findall(r'<th scope="row">([^<]+)</th>', sex) == [
        "Erkek",
        "Kadın",
        "Bilinmiyor",
        "Toplam",
    ]
    assert "&quot;t0&quot;" in page  # the query of each quarter


def test_a_ratio_s_breakdowns_show_each_group_s_share(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    proposal = figure("DG-02", "97.5")
    proposal.numerator, proposal.denominator = Decimal(39), Decimal(40)
    proposal.breakdowns = {
        "province": {
            "34": {"numerator": 30, "denominator": 30},
            "22": {"numerator": 9, "denominator": 10},
            "unknown": {"numerator": 0, "denominator": 0},
        }
    }
    proposal.save()
    page = as_user("okur").get("/gosterge/DG-02/").content.decode()
    box = page[page.index('id="breakdown-Q1-province"') :]
    box = box[: box.index("</table>")]
    assert '<th scope="col">Pay</th><th scope="col">Payda</th><th scope="col">Oran</th>' in box
    rows = re.findall(r'<th scope="row">([^<]+)</th>((?:<td class="num">[^<]*</td>)+)', box)
    cells = [(label, re.findall(r">([^<]*)<", tds)[::2]) for label, tds in rows]
    # the largest group first; a group with no denominator has no share; the total is
    # Σ numerators / Σ denominators, not an average of the shares
    assert cells == [
        ("İstanbul (34)", ["30", "30", "%100,0"]),
        ("Edirne (22)", ["9", "10", "%90,0"]),
        ("Bilinmiyor", ["0", "0", "-"]),
        ("Toplam", ["39", "40", "%97,5"]),
    ]


def test_the_indicator_page_in_english(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    figure()
    client = as_user("veri.ygm")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/gosterge/GYH-01/").content.decode()
    assert "Computed from the events" in page
    assert "Unknown" in page
    assert "Bilinmiyor" not in page
    assert "Syria (SYR)" in page
    assert "Suriye" not in page


def test_a_workbook_that_overrides_the_computed_value_without_a_reason_is_refused_by_cell(
    site: MonitoringPeriod,
) -> None:
    """An override in the workbook without its "Farklılık gerekçesi" is refused naming the row's
    reason cell; the computed value itself is saved as accepted (tests/web/test_workbook_reason.py
    has the rest: the reason saved and trailed, a workbook exported before the column)."""
    from karne.monitoring.workbook import workbook_apply, workbook_preview
    from tests.web.workbooks import export, fill

    figure()
    clerk = get_user_model().objects.get(username="veri.ygm")
    content = fill(export(), {("GYH-01", "value"): "1.250.000"})
    preview = workbook_preview(user=clerk, content=content, filename="form.xlsx")
    (error,) = preview.errors
    assert error.indicator == "GYH-01"
    assert error.message.startswith(
        "Hesaplanan değerden (1.240.512) farklı bir değer için gerekçe yazın. Gerekçeyi bu "
        "satırın “Farklılık gerekçesi” hücresine yazın"
    )
    assert (error.cell, error.expected, error.found) == ("L6", "farklılık gerekçesi", "boş")
    accepted = fill(export(), {("GYH-01", "value"): "1240512"})
    assert workbook_apply(user=clerk, content=accepted, filename="form.xlsx").saved == 1
    (change,) = trail("GYH-01")
    assert change.reason == (
        "çalışma kitabı: form.xlsx; hesaplanan değer kabul edildi (ikamet-aktif, cdcdcdcdcdcd)"
    )


def test_a_ratio_proposal_is_accepted_with_its_parts(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    """DG-02, the reference's ratio computed from readmission requests: the proposal shows its
    two counts, and accepting it saves the share and both parts."""
    proposal = figure("DG-02", "100")
    proposal.numerator, proposal.denominator = Decimal(1126), Decimal(1126)
    proposal.definition = "geri-kabul-yanit-orani"
    proposal.save()
    dggm = "/donem/2023/1/birim/DGGM/"
    member_create(
        administration=site.administration.code,
        username="veri.dggm",
        password="Uzun-bir-parola-2023",
        role=Role.CLERK,
        units=("DGGM",),
    )
    clerk = as_user("veri.dggm")
    page = clerk.get(dggm).content.decode()
    box = page[page.index('id="proposal-DG-02"') :]
    box = box[: box.index("</div>")]
    assert 'id="computed-DG-02">100<' in box
    assert "(1.126 / 1.126)" in box
    assert 'data-num="1.126" data-den="1.126"' in box
    form = entry_form(clerk, dggm)
    form["accept-DG-02"] = "1"
    response = clerk.post(dggm, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Realization.objects.get(indicator__code="DG-02", period="Q1")
    assert (saved.value, saved.numerator, saved.denominator) == (100, 1126, 1126)
    changes = ChangeRecord.objects.filter(key="DG-02/2023/Q1")  # the published 100 had no parts
    assert {(c.field, c.old, c.new) for c in changes} == {
        ("numerator", "", "1126"),
        ("denominator", "", "1126"),
    }
    assert all(
        c.reason.startswith("hesaplanan değer kabul edildi (geri-kabul-yanit-orani")
        for c in changes
    )
