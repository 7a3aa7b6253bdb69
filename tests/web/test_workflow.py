from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client

from karne.core.workflow import Action, Role
from karne.monitoring.errors import Conflict, Refused
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Realization, Submission
from karne.monitoring.services import realization_save, submission_act
from tests.web.helpers import entry_form, state_of

YGM = "/donem/2023/1/birim/YGM/"


def user(name: str) -> AbstractBaseUser:
    return get_user_model().objects.get(username=name)


def test_entry_needs_an_explanation_when_off_pace(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    form["value-GYH-10"] = "30000"  # ön izne tabi vize: 30.000 against a quarter's pace of 59.000
    response = clerk.post(YGM, form)
    assert response.status_code == 400
    assert "sapmanın nedenini açıklayın" in response.content.decode()
    assert Realization.objects.get(indicator__code="GYH-10", period="Q1").value == Decimal(37513)
    form["exp-GYH-10"] = "Sistem arızası nedeniyle başvurular alınamadı."
    assert clerk.post(YGM, form).status_code == 302
    saved = Realization.objects.get(indicator__code="GYH-10", period="Q1")
    assert (saved.value, saved.version) == (Decimal(30000), 1)
    trail = ChangeRecord.objects.filter(key="GYH-10/2023/Q1").values_list("field", "old", "new")
    assert ("value", "37513", "30000") in list(trail)


def test_submit_is_refused_until_every_deviation_is_explained(site: MonitoringPeriod) -> None:
    submission = Submission.objects.get(period=site, unit__code="YGM")
    with pytest.raises(Refused, match="sapma açıklaması yok"):
        submission_act(user=user("veri.ygm"), submission_id=submission.pk, action=Action.SUBMIT)
    assert Submission.objects.get(pk=submission.pk).state == "draft"


def test_the_whole_flow_and_the_trail(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    Realization.objects.filter(indicator__responsible_unit__code="YGM", period="Q1").update(
        explanation="Dönemsel etki."
    )
    submission = Submission.objects.get(period=site, unit__code="YGM")
    act = f"/basvuru/{submission.pk}/islem/"
    assert as_user("veri.ygm").post(act, {"action": "submit"}).status_code == 302
    head = as_user("amir.ygm")
    assert head.post(act, {"action": "head_return"}).status_code == 302  # no reason: refused
    assert state_of(head, YGM) == "Birim amirinin onayında"
    assert head.post(act, {"action": "head_approve"}).status_code == 302
    admin = as_user("strateji")
    assert admin.post(act, {"action": "admin_approve"}).status_code == 302
    assert state_of(admin, YGM) == "Onaylandı ve kilitlendi"
    # locked: the clerk can no longer save
    clerk = as_user("veri.ygm")
    assert entry_form(clerk, YGM) == {}  # no inputs on a locked submission
    assert clerk.post(YGM, {"value-GYH-01": "1", "ver-GYH-01": "1"}).status_code == 403
    with pytest.raises(Refused):
        realization_save(
            user=user("veri.ygm"),
            period=site,
            indicator="GYH-01",
            value=Decimal(1),
            expected_version=0,
        )
    # reopening needs a reason and is recorded with it
    admin.post(act, {"action": "reopen", "reason": ""})
    assert state_of(admin, YGM) == "Onaylandı ve kilitlendi"
    admin.post(act, {"action": "reopen", "reason": "Düzeltme talebi"})
    assert state_of(admin, YGM) == "Taslak"
    states = list(ChangeRecord.objects.filter(subject="submission").values_list("new", "reason"))
    assert states == [
        ("submitted", ""),
        ("unit_approved", ""),
        ("locked", ""),
        ("draft", "Düzeltme talebi"),
    ]


def test_two_saves_of_the_same_value_conflict(site: MonitoringPeriod) -> None:
    """Two clerks open the form at version 0; the second save is refused with both values."""
    from karne.accounts.services import member_create

    member_create(
        administration="goc-idaresi",
        username="veri2.ygm",
        password="x" * 14,
        role=Role.CLERK,
        units=("YGM",),
    )
    realization_save(
        user=user("veri.ygm"),
        period=site,
        indicator="GYH-01",
        value=Decimal(1240000),
        expected_version=0,
    )
    with pytest.raises(Conflict) as info:
        realization_save(
            user=user("veri2.ygm"),
            period=site,
            indicator="GYH-01",
            value=Decimal(1250000),
            expected_version=0,
        )
    assert (info.value.current, info.value.yours, info.value.by) == (
        Decimal(1240000),
        Decimal(1250000),
        "veri.ygm",
    )
    assert Realization.objects.get(indicator__code="GYH-01", period="Q1").value == Decimal(1240000)


def test_the_conflict_message_shows_both_values(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    clerk = as_user("veri.ygm")
    stale = entry_form(clerk, YGM)
    fresh = dict(stale)
    fresh["value-GYH-01"] = "1.240.000"
    assert clerk.post(YGM, fresh).status_code == 302
    stale["value-GYH-01"] = "1.250.000"
    response = clerk.post(YGM, stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Kayıtlı değer: 1.240.000;" in page  # exactly as stored (no invented decimals)
    assert "sizin girdiğiniz: 1.250.000." in page


def test_the_change_trail_is_append_only(site: MonitoringPeriod) -> None:
    record = ChangeRecord.objects.first()
    assert record is not None
    with pytest.raises(PermissionError):
        record.save()
    with pytest.raises(PermissionError):
        record.delete()
    with pytest.raises(PermissionError):
        ChangeRecord.objects.all().update(reason="x")
    with pytest.raises(PermissionError):
        ChangeRecord.objects.all().delete()


def test_user_text_is_escaped(as_user: Callable[[str], Client], site: MonitoringPeriod) -> None:
    Realization.objects.filter(indicator__code="GYH-01", period="Q1").update(
        explanation="<script>alert(1)</script>"
    )
    page = as_user("strateji").get("/gosterge/GYH-01/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_the_overview_counts_statuses_by_sub_program(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    page = as_user("strateji").get("/izleme/2023/1/").content.decode()
    assert "Alt programlara göre gösterge durumları" in page
    assert "GÖÇMENLERE YÖNELİK HİZMETLER" in page
    assert "DÜZENSİZ GÖÇ" in page


@pytest.mark.parametrize("text", ["NaN", "Infinity"])
def test_non_finite_entries_are_refused(
    as_user: Callable[[str], Client], site: MonitoringPeriod, text: str
) -> None:
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    form["value-GYH-01"] = text
    form["exp-GYH-01"] = "açıklama"
    assert clerk.post(YGM, form).status_code == 400
    assert Realization.objects.get(indicator__code="GYH-01", period="Q1").value == Decimal(1237803)


def test_a_partial_form_changes_only_what_it_carries(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    clerk = as_user("veri.ygm")
    assert clerk.post(YGM, {"value-GYH-01": "1.240.000", "ver-GYH-01": "0"}).status_code == 302
    values = dict(
        Realization.objects.filter(
            period="Q1", indicator__responsible_unit__code="YGM"
        ).values_list("indicator__code", "value")
    )
    assert values == {
        "GYH-01": Decimal(1240000),
        "GYH-07": Decimal(21193),
        "GYH-10": Decimal(37513),
    }
    # a value posted without the version it was read at is a conflict, not an overwrite
    assert clerk.post(YGM, {"value-GYH-07": "21000"}).status_code == 409


def test_a_changed_target_survives_export_and_reload(
    as_user: Callable[[str], Client], site: MonitoringPeriod, tmp_path: Path
) -> None:
    from karne.core.evaluation import evaluate
    from karne.dataformat import read_dataset, write_dataset
    from karne.datasets.selectors import dataset_read

    admin = as_user("strateji")
    admin.post("/gosterge/GYH-01/hedef/", {"target": "1.300.000", "reason": "revizyon"})
    dataset = dataset_read()
    [result] = [i for i in evaluate(dataset, 2023).indicators if i.code == "GYH-01"]
    assert result.target == Decimal(1300000)
    write_dataset(dataset, tmp_path)
    assert read_dataset(tmp_path) == dataset


def test_a_first_target_of_a_year_without_a_programme_document_creates_it(
    as_user: Callable[[str], Client], site: MonitoringPeriod, tmp_path: Path
) -> None:
    """An administration built in the browser has no documents: its first target of a year
    belongs to that year's performance programme, which is then made (and exported)."""
    from karne.core.evaluation import evaluate
    from karne.dataformat import read_dataset, write_dataset
    from karne.datasets.selectors import dataset_read
    from karne.organisation.models import Document
    from karne.planning.models import PPIndicatorValue

    Document.objects.filter(kind="performans-programi", year=2023).delete()
    PPIndicatorValue.objects.filter(indicator__code="GYH-01", year=2023, measure="target").delete()
    admin = as_user("strateji")
    response = admin.post("/gosterge/GYH-01/hedef/", {"target": "1.300.000", "reason": "ilk hedef"})
    assert response.status_code == 302
    document = Document.objects.get(kind="performans-programi", year=2023)
    assert document.code == "PP2023"
    assert ChangeRecord.objects.filter(subject="document", key="PP2023").exists()
    dataset = dataset_read()
    [result] = [i for i in evaluate(dataset, 2023).indicators if i.code == "GYH-01"]
    assert result.target == Decimal(1300000)
    write_dataset(dataset, tmp_path)
    assert read_dataset(tmp_path) == dataset


def test_the_change_trail_export_neutralises_formulas(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    form["exp-GYH-01"] = '=HYPERLINK("http://example.invalid","x")'
    assert clerk.post(YGM, form).status_code == 302
    csv_text = as_user("strateji").get("/degisiklikler.csv").content.decode()
    assert "'=HYPERLINK" in csv_text
    assert "\n=HYPERLINK" not in csv_text
    assert ";=HYPERLINK" not in csv_text


def test_the_trail_csv_opens_in_a_turkish_spreadsheet(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    """BOM, `;` separators, local (Istanbul) times like the pages, Turkish headers."""
    import csv
    import io

    from django.utils import timezone

    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    form["exp-GYH-01"] = "Açıklama; noktalı virgüllü"
    assert clerk.post(YGM, form).status_code == 302
    body = as_user("strateji").get("/degisiklikler.csv").content
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["zaman", "kullanıcı", "konu"]
    change = next(r for r in rows if r[4] == "explanation")
    assert change[6] == "Açıklama; noktalı virgüllü"
    stored = ChangeRecord.objects.filter(field="explanation").latest("pk").at
    assert change[0] == timezone.localtime(stored).strftime("%d.%m.%Y %H:%M:%S")


def test_a_locked_quarter_keeps_its_target_and_the_same_target_is_no_change(
    site: MonitoringPeriod,
) -> None:
    from karne.monitoring.services import target_set
    from karne.planning.models import PPIndicatorValue

    admin = user("strateji")
    target = PPIndicatorValue.objects.get(
        indicator__code="GYH-01", year=2023, measure="target", source="PP2023"
    )
    trail = ChangeRecord.objects.count()
    same = target_set(user=admin, indicator="GYH-01", year=2023, value=target.value, reason="x")
    assert same.value == target.value
    assert ChangeRecord.objects.count() == trail  # setting the same target is not a change
    Submission.objects.filter(period=site, unit__code="YGM").update(state="locked")
    with pytest.raises(Refused, match="önce kilidi açın"):
        target_set(user=admin, indicator="GYH-01", year=2023, value=Decimal(1), reason="revizyon")
    assert PPIndicatorValue.objects.get(pk=target.pk).value == target.value
    assert ChangeRecord.objects.count() == trail


def test_a_year_without_execution_says_so_and_a_returned_draft_says_why(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    admin = as_user("strateji")
    empty = admin.get("/butce/2031/").content.decode()
    assert "2031 yılı için bütçe gerçekleşme verisi yok." in empty
    assert "<table" not in empty
    assert "<table" in admin.get("/butce/2023/").content.decode()
    Submission.objects.filter(period=site, unit__code="YGM").update(
        state="draft", comment="GYH-10 açıklaması eksik"
    )
    home = as_user("veri.ygm").get("/").content.decode()
    assert "Geri gönderildi: GYH-10 açıklaması eksik" in home


def test_opening_a_period_needs_a_monitorable_year_and_a_future_deadline(
    site: MonitoringPeriod,
) -> None:
    import datetime

    from django.utils import timezone

    from karne.monitoring.services import period_open

    admin = user("strateji")
    later = timezone.localdate() + datetime.timedelta(days=10)
    for year in (1900, 99999, 2031):
        with pytest.raises(Refused, match="izlenebilecek yıllar: 2023"):
            period_open(user=admin, year=year, quarter=2, deadline=later)
    with pytest.raises(Refused, match="geçmişte"):
        period_open(user=admin, year=2023, quarter=2, deadline=datetime.date(2023, 7, 15))
    assert MonitoringPeriod.objects.count() == 1


def test_a_period_opened_by_mistake_is_removed_until_something_is_entered(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    import datetime

    from django.utils import timezone

    from karne.monitoring.services import period_open, period_remove

    admin = user("strateji")
    later = timezone.localdate() + datetime.timedelta(days=10)
    period_open(user=admin, year=2023, quarter=3, deadline=later)
    with pytest.raises(Refused, match="gerekçe"):
        period_remove(user=admin, year=2023, quarter=3, reason="")
    period_remove(user=admin, year=2023, quarter=3, reason="yanlışlıkla açıldı")
    assert not MonitoringPeriod.objects.filter(year=2023, quarter=3).exists()
    assert ChangeRecord.objects.filter(key="2023-Q3", reason="yanlışlıkla açıldı").exists()
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    form["exp-GYH-01"] = "Dönemsel etki."
    assert clerk.post(YGM, form).status_code == 302  # a value entered in 2023 Q1
    with pytest.raises(Refused, match="kaldırılamaz"):
        period_remove(user=admin, year=2023, quarter=1, reason="x")
    assert MonitoringPeriod.objects.filter(pk=site.pk).exists()


def test_a_period_past_its_deadline_is_flagged_overdue(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    import datetime

    MonitoringPeriod.objects.filter(pk=site.pk).update(deadline=datetime.date(2023, 4, 15))
    assert "süresi geçti" in as_user("strateji").get("/").content.decode()
    Submission.objects.filter(period=site).update(state="locked")
    assert "süresi geçti" not in as_user("strateji").get("/").content.decode()


def test_the_entry_page_says_when_its_deadline_is_near_or_past(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    """Entry stays open after the deadline, but the clerk is told; in English too."""
    import datetime

    from django.utils import timezone

    from karne.organisation.services import revision_bump

    def deadline(day: datetime.date) -> None:
        """Past deadlines cannot be set through the service: written behind its back, with the
        new revision the trail would have given."""
        MonitoringPeriod.objects.filter(pk=site.pk).update(deadline=day)
        revision_bump(site.administration_id)

    today = timezone.localdate()
    clerk = as_user("veri.ygm")
    assert 'id="deadline"' not in clerk.get(YGM).content.decode()  # 30 days ahead
    deadline(today + datetime.timedelta(days=2))
    assert "Son tarihe 2 gün kaldı." in clerk.get(YGM).content.decode()
    deadline(today)
    assert "Son tarih bugün." in clerk.get(YGM).content.decode()
    deadline(today - datetime.timedelta(days=5))
    late = clerk.get(YGM).content.decode()
    assert "Son tarih 5 gün önce geçti." in late
    assert 'name="value-GYH-01"' in late  # still open for entry
    clerk.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "The deadline passed 5 days ago." in clerk.get(YGM).content.decode()
    Submission.objects.filter(period=site, unit__code="YGM").update(state="locked")
    revision_bump(site.administration_id)
    assert 'id="deadline"' not in clerk.get(YGM).content.decode()  # nothing left to enter


def test_the_indicator_page_reads_as_people_write(
    as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    """Trail fields by name, Turkish numbers with every decimal, period labels, in both
    languages; long text may wrap."""
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    form["value-GYH-07"] = "21.193,125"
    form["exp-GYH-07"] = "https://" + "uzun-adres/" * 40
    form["exp-GYH-01"] = "Dönemsel etki."
    assert clerk.post(YGM, form).status_code == 302
    page = as_user("strateji").get("/gosterge/GYH-07/").content.decode()
    assert "1. Üç Aylık" in page
    assert ">Q1<" not in page
    assert "21.193,125" in page  # the trail's new value, exactly
    assert ">value<" not in page
    assert "Değer" in page
    assert 'class="text"' in page
    english = as_user("strateji")
    english.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page_en = english.get("/gosterge/GYH-07/").content.decode()
    assert "1st quarter" in page_en
    assert "2023 · 1st quarter" in page_en
    assert ">Value<" in page_en


@pytest.mark.parametrize(
    ("value", "numerator", "denominator", "message"),
    [
        (None, "3", "0", "Payda sıfırdan büyük olmalı."),
        (None, "3", "-4", "Payda sıfırdan büyük olmalı."),
        ("90", "1", "4", "pay / payda ile 25 çıkıyor"),
        ("150", None, None, "Oran 0 ile 100 arasında olmalı."),
        (None, "3", None, "Pay ve payda birlikte girilmeli."),
    ],
)
def test_a_ratio_with_impossible_parts_is_refused(
    site: MonitoringPeriod,
    value: str | None,
    numerator: str | None,
    denominator: str | None,
    message: str,
) -> None:
    """DG-03 is a share (Oran): its parts must give its value, over a positive denominator."""
    with pytest.raises(Refused, match=re.escape(message)) as info:
        realization_save(
            user=user("veri.ukgm"),
            period=site,
            indicator="DG-03",
            value=None if value is None else Decimal(value),
            numerator=None if numerator is None else Decimal(numerator),
            denominator=None if denominator is None else Decimal(denominator),
            explanation="açıklama",
            expected_version=0,
        )
    assert info.value.field in {"value", "parts"}
    assert Realization.objects.get(indicator__code="DG-03", period="Q1").denominator is None


def test_a_ratio_with_consistent_parts_is_saved(site: MonitoringPeriod) -> None:
    saved = realization_save(
        user=user("veri.ukgm"),
        period=site,
        indicator="DG-03",
        value=Decimal("33.33"),
        numerator=Decimal(1),
        denominator=Decimal(3),
        explanation="açıklama",
        expected_version=0,
    )
    assert (saved.numerator, saved.denominator, saved.version) == (Decimal(1), Decimal(3), 1)


def test_an_overlong_explanation_is_refused_by_the_service(site: MonitoringPeriod) -> None:
    with pytest.raises(Refused, match=r"en çok 2\.000 karakter") as info:
        realization_save(
            user=user("veri.ygm"),
            period=site,
            indicator="GYH-01",
            value=Decimal(1240000),
            explanation="x" * 2001,
            expected_version=0,
        )
    assert info.value.field == "exp"


def test_a_magnitude_slip_is_saved_only_when_confirmed(site: MonitoringPeriod) -> None:
    def save(confirmed: bool) -> Realization:
        return realization_save(
            user=user("veri.ygm"),
            period=site,
            indicator="GYH-01",
            value=Decimal(10) ** 20,
            explanation="açıklama",
            expected_version=0,
            confirmed=confirmed,
        )

    with pytest.raises(Refused, match=r"\(1\.300\.000\) 100 katından büyük") as info:
        save(confirmed=False)
    assert info.value.confirmable
    assert save(confirmed=True).value == Decimal(10) ** 20
