from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.test import Client

from karne.monitoring.models import MonitoringPeriod

LOCALE = Path(__file__).resolve().parents[2] / "src" / "karne" / "locale" / "en" / "LC_MESSAGES"


def _text(text: str | list[str] | tuple[str, ...] | None) -> str | tuple[str, ...]:
    """A message's text; a plural message's forms as one tuple (the readers give lists)."""
    return text if isinstance(text, str) else tuple(text or ())


def _context(context: str | bytes | None) -> str | None:
    """A message's context (Babel's .mo reader gives it as bytes)."""
    return context.decode() if isinstance(context, bytes) else context


def test_the_compiled_catalogue_matches_its_source() -> None:
    with (LOCALE / "django.po").open("rb") as po, (LOCALE / "django.mo").open("rb") as mo:
        source, compiled = read_po(po), read_mo(mo)
    # Keyed by context too: "Hedef" is a target, and in the "strategic plan" context an objective.
    wanted = {
        (_context(m.context), _text(m.id)): _text(m.string) for m in source if m.id and m.string
    }
    have = {(_context(m.context), _text(m.id)): _text(m.string) for m in compiled if m.id}
    assert wanted
    assert wanted == have  # run `msgfmt -o django.mo django.po` after editing the .po
    assert all(m.string for m in source if m.id and m.id not in {"Türkçe", "English"})


TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "karne" / "web" / "templates"


def test_every_translated_template_text_is_in_the_catalogue() -> None:
    """`{% translate "…" %}` looks its text up with every % doubled (Django's template
    literals), so "Oran (%)" must be in the catalogue as "Oran (%%)"."""
    import re

    with (LOCALE / "django.po").open("rb") as po:
        ids = {m.id for m in read_po(po) if isinstance(m.id, str) and m.string}
    texts = {
        found.replace("%", "%%")
        for template in TEMPLATES.rglob("*.html")
        for found in re.findall(r'{% translate "([^"]+)"', template.read_text(encoding="utf-8"))
    }
    assert texts
    assert sorted(texts - ids) == []


def test_turkish_first_english_on_request(as_user: Callable[[str], Client]) -> None:
    client = as_user("veri.ygm")
    assert "Sizi bekleyenler" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "Awaiting your action" in page
    assert "Draft" in page


def test_server_messages_follow_the_person_s_language(
    as_user: Callable[[str], Client],
) -> None:
    admin = as_user("strateji")
    turkish = admin.post("/gosterge/GYH-01/hedef/", {"target": "5", "reason": " "}, follow=True)
    assert "Hedef değişikliği için bir gerekçe yazın." in turkish.content.decode()
    admin.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = admin.post("/gosterge/GYH-01/hedef/", {"target": "5", "reason": " "}, follow=True)
    assert "Write a reason for the target change." in english.content.decode()
    opened = admin.post(
        "/donem/ac/", {"year": "1900", "quarter": "2", "deadline": "2999-01-01"}, follow=True
    )
    assert "years that can be monitored: 2023" in opened.content.decode()


def test_a_period_is_named_in_the_persons_language(as_user: Callable[[str], Client]) -> None:
    client = as_user("veri.ygm")
    assert "2023 · 1. Üç Aylık" in client.get("/donem/2023/1/birim/YGM/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    for path in ("/donem/2023/1/birim/YGM/", "/", "/izleme/2023/1/"):
        page = client.get(path).content.decode()
        assert "2023 · 1st quarter" in page, path
        assert "çeyrek" not in page, path


def test_the_strategic_plan_s_objective_is_not_a_target_in_english(
    as_user: Callable[[str], Client],
) -> None:
    admin = as_user("strateji")
    admin.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = admin.get("/yapi/").content.decode()
    assert 'id="h-hedef">Objective <small>' in page
    assert "Target <small>" not in page
    form = admin.get("/yapi/sp-gosterge/yeni/").content.decode()
    assert "Objective" in form
    assert ">Target<" not in form
    assert "Target (2023)" in admin.get("/gosterge/GYH-01/").content.decode()


def test_the_budget_page_s_totals_and_headings_in_english(
    as_user: Callable[[str], Client],
) -> None:
    admin = as_user("strateji")
    turkish = admin.get("/butce/2023/").content.decode()
    assert turkish.count(">GENEL TOPLAM</th>") == 2
    assert '<abbr title="Kanunla verilen başlangıç ödeneği">KBÖ</abbr></th>' in turkish
    assert "Ekonomik koda göre (TL)</caption>" in turkish
    assert '<th scope="col">Gerçekleşme oranı</th>' in turkish  # the rate, not the amount
    admin.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = admin.get("/butce/2023/").content.decode()
    assert "GENEL TOPLAM" not in english
    assert english.count(">Grand total</th>") == 2
    assert ">Initial appropriation</abbr></th>" in english
    assert "By economic code (TL)</caption>" in english


def test_figures_follow_the_page_s_language(as_user: Callable[[str], Client]) -> None:
    import re

    admin = as_user("strateji")
    turkish = admin.get("/butce/2023/").content.decode()
    assert re.search(r">\d{1,3}(\.\d{3})+,\d{2}<", turkish)
    assert not re.search(r">\d{1,3}(,\d{3})+\.\d{2}<", turkish)
    admin.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = admin.get("/butce/2023/").content.decode()
    assert re.search(r">\d{1,3}(,\d{3})+\.\d{2}<", english)
    assert not re.search(r">\d{1,3}(\.\d{3})+,\d{2}<", english)


def test_prefilled_inputs_follow_the_page_s_language() -> None:
    """A figure is pre-filled as the page shows it, and the form reads it back the same way."""
    from decimal import Decimal

    from django.utils import translation

    from karne.web.forms import parse_typed
    from karne.web.templatetags.karne_tags import input_number, tr_auto, tr_percent

    with translation.override("en"):
        assert tr_auto(Decimal("1234.5")) == "1,234.50"
        assert tr_percent(Decimal("98.83")) == "98.83%"
        assert input_number(Decimal("1234.5")) == "1,234.50"
        assert input_number(Decimal("1.5")) == "1.50"
        assert parse_typed(input_number(Decimal("1234.5"))) == Decimal("1234.5")
        assert parse_typed("1,234") == Decimal(1234)
    with translation.override("tr"):
        assert tr_auto(Decimal("1234.5")) == "1.234,50"
        assert tr_percent(Decimal("98.83")) == "%98,83"
        assert input_number(Decimal("1234.5")) == "1.234,50"
        assert parse_typed(input_number(Decimal("1234.5"))) == Decimal("1234.5")
        assert parse_typed("1,234") == Decimal("1.234")


def test_a_number_typed_on_an_english_entry_form_is_read_the_english_way(
    as_user: Callable[[str], Client],
) -> None:
    from decimal import Decimal

    from karne.monitoring.models import Realization
    from tests.web.helpers import entry_form

    url = "/donem/2023/1/birim/YGM/"
    clerk = as_user("veri.ygm")
    clerk.post("/i18n/setlang/", {"language": "en", "next": "/"})
    form = entry_form(clerk, url)
    assert form["value-GYH-01"] == "1,237,803"  # pre-filled as the page shows figures
    form["value-GYH-07"] = "1,234"
    form["exp-GYH-07"] = "Dönemsel etki."
    assert clerk.post(url, form).status_code == 302  # GYH-01 typed back as shown: unchanged
    stored = Realization.objects.get(indicator__code="GYH-07", period="Q1")
    assert stored.value == Decimal(1234)
    form = entry_form(clerk, url)
    form["value-GYH-07"] = "12,34"  # no reading of it is safe: refused, with an English example
    refused = clerk.post(url, form)
    assert refused.status_code == 400
    assert "“12,34” is not a number (example: 1,234.5)." in refused.content.decode()
    assert Realization.objects.get(indicator__code="GYH-07", period="Q1").value == Decimal(1234)


def test_a_number_typed_on_a_turkish_entry_form_is_read_the_turkish_way(
    as_user: Callable[[str], Client],
) -> None:
    from decimal import Decimal

    from karne.monitoring.models import Realization
    from tests.web.helpers import entry_form

    url = "/donem/2023/1/birim/YGM/"
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, url)
    assert form["value-GYH-01"] == "1.237.803"
    form["value-GYH-07"] = "1.234"
    form["exp-GYH-07"] = "Dönemsel etki."
    assert clerk.post(url, form).status_code == 302
    assert Realization.objects.get(indicator__code="GYH-07", period="Q1").value == Decimal(1234)
    form = entry_form(clerk, url)
    form["value-GYH-07"] = "12,34,5"
    assert "“12,34,5” bir sayı değil (örnek: 1.234,5)." in clerk.post(url, form).content.decode()


def test_the_target_s_example_is_written_the_page_s_way(as_user: Callable[[str], Client]) -> None:
    admin = as_user("strateji")
    turkish = admin.post("/gosterge/GYH-01/hedef/", {"target": "beş", "reason": "x"}, follow=True)
    assert "Hedef bir sayı olmalı (örnek: 1.280.000)." in turkish.content.decode()
    admin.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = admin.post("/gosterge/GYH-01/hedef/", {"target": "1,5", "reason": "x"}, follow=True)
    assert "The target must be a number (for example 1,280,000)." in english.content.decode()


def test_dates_follow_the_page_s_language(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    deadline = site.deadline  # 2023 / quarter 1
    clerk = as_user("veri.ygm")
    url = "/donem/2023/1/birim/YGM/"
    assert f"{deadline:%d.%m.%Y}" in clerk.get(url).content.decode()
    clerk.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = clerk.get(url).content.decode()
    assert f"{deadline:%b} {deadline.day}, {deadline.year}" in english  # "Dec 2, 2026"
    assert f"{deadline:%d.%m.%Y}" not in english


def test_a_form_is_read_in_the_language_it_was_shown_in(
    as_user: Callable[[str], Client],
) -> None:
    """Opened in Turkish, sent after the person switched to English in another tab: its
    untouched "1.237.803" is not read as 1.237803, and what was typed is read the Turkish way."""
    from decimal import Decimal

    from karne.monitoring.models import Realization
    from tests.web.helpers import entry_form

    url = "/donem/2023/1/birim/YGM/"
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, url)
    assert form["form_language"] == "tr"
    assert form["value-GYH-01"] == "1.237.803"
    form["value-GYH-07"] = "1.234"
    form["exp-GYH-07"] = "Dönemsel etki."
    clerk.post("/i18n/setlang/", {"language": "en", "next": "/"})  # the other tab
    assert clerk.post(url, form).status_code == 302
    stored = {
        r.indicator.code: r.value
        for r in Realization.objects.filter(period="Q1", indicator__code__in=["GYH-01", "GYH-07"])
    }
    assert stored == {"GYH-01": Decimal(1237803), "GYH-07": Decimal(1234)}
    assert entry_form(clerk, url)["form_language"] == "en"  # the next form is drawn in English


def test_the_indicator_chart_writes_its_figures_the_page_s_way(
    as_user: Callable[[str], Client],
) -> None:
    admin = as_user("strateji")
    turkish = admin.get("/gosterge/GYH-01/").content.decode()
    chart = turkish[turkish.index('<figure class="chart">') : turkish.index("</figure>")]
    assert "1.237.803" in chart
    assert "Hedef: 1.280.000" in chart
    admin.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = admin.get("/gosterge/GYH-01/").content.decode()
    chart = english[english.index('<figure class="chart">') : english.index("</figure>")]
    assert "1,237,803" in chart
    assert "Target: 1,280,000" in chart
    assert "1.237.803" not in chart
