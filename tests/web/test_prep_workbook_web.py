"""The preparation workbooks on the proposal page: download, upload, preview, confirm
(karne.web.views.prep_workbook)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from karne.core.workflow import State
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Submission
from karne.planning.models import PPIndicatorValue
from tests.web.prep_workbooks import COSTS, TARGETS, export, fill, open_2024

YGM = "/hazirlik/2024/birim/YGM/"


def _upload(client: Client, content: bytes, name: str = "hedefler.xlsx") -> str:
    response = client.post(f"{YGM}yukle/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302
    return str(response["Location"])


def _stored() -> tuple[object, ...]:
    return (
        list(PPIndicatorValue.objects.filter(source="PP2024").order_by("pk").values_list("value")),
        ChangeRecord.objects.count(),
    )


def test_download_upload_preview_confirm(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    open_2024()
    clerk = as_user("veri.ygm")
    page = clerk.get(YGM).content.decode()
    assert f'href="{YGM}excel/hazirlik-hedefleri.xlsx"' in page
    assert f'href="{YGM}excel/hazirlik-maliyetleri.xlsx"' in page
    assert f'action="{YGM}yukle/"' in page
    download = clerk.get(f"{YGM}excel/hazirlik-hedefleri.xlsx")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "karne-goc-idaresi-2024-hazirlik-hedefleri-YGM.xlsx" in download["Content-Disposition"]
    costs = clerk.get(f"{YGM}excel/hazirlik-maliyetleri.xlsx")
    assert load_workbook(io.BytesIO(costs.content))["Maliyetler"]["A6"].value
    assert clerk.get(f"{YGM}excel/baska.xlsx").status_code == 404
    filled = fill(download.content, TARGETS, {("GYH-01", "2026"): "1.100.000"})
    preview_url = _upload(clerk, filled)
    assert preview_url.startswith(f"{YGM}yukle/")
    before = _stored()
    shown = clerk.get(preview_url)
    assert shown.status_code == 200
    html = shown.content.decode()
    assert re.search(r"GYH-01/2026 Aktif ikamet izni sayısı</th><td>yeni</td>", html)
    assert "1.100.000" in html
    assert "1 satırı kaydet" in html
    assert _stored() == before  # the preview saved nothing
    confirmed = clerk.post(f"{preview_url}onayla/")
    assert confirmed.status_code == 302
    assert confirmed["Location"] == YGM
    value = PPIndicatorValue.objects.get(source="PP2024", indicator__code="GYH-01", year=2026)
    assert value.value == Decimal(1_100_000)
    assert ChangeRecord.objects.filter(reason="çalışma kitabı: hedefler.xlsx").count() == 1
    assert "hedefler.xlsx: 1 satır kaydedildi." in clerk.get(YGM).content.decode()
    assert clerk.post(f"{preview_url}onayla/").status_code == 404  # used up
    # the same file again: nothing to save
    again = clerk.get(_upload(clerk, filled)).content.decode()
    assert "Kaydedilecek değişiklik yok" in again


def test_another_unit_s_workbook_is_refused_by_name_and_errors_are_listed_by_cell(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    open_2024()
    clerk = as_user("veri.ygm")
    response = clerk.get(_upload(clerk, export(TARGETS, "strateji", "UKGM")))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Uluslararası Koruma Genel Müdürlüğü biriminin" in html
    assert "onayla" not in html
    bad = fill(export(COSTS), COSTS, {("GY.GYH.DUZENLI/03/butce_ici", "2025"): "çok"})
    preview_url = _upload(clerk, bad, "maliyet.xlsx")
    response = clerk.get(preview_url)
    assert response.status_code == 400
    assert "Maliyetler!G6" in response.content.decode()
    before = _stored()
    assert clerk.post(f"{preview_url}onayla/").status_code == 400
    assert _stored() == before


def test_no_upload_form_once_submitted_and_the_preview_says_why(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    period = open_2024()
    clerk = as_user("veri.ygm")
    content = fill(export(), TARGETS, {("GYH-01", "2026"): "1.100.000"})
    preview_url = _upload(clerk, content)
    Submission.objects.filter(period=period, unit__code="YGM").update(state=State.SUBMITTED.value)
    page = clerk.get(YGM).content.decode()
    assert "excel/hazirlik-hedefleri.xlsx" in page  # still downloadable
    assert f'action="{YGM}yukle/"' not in page
    response = clerk.get(preview_url)
    assert response.status_code == 400
    assert "gönderilmiş ya da kilitlenmiş" in response.content.decode()
