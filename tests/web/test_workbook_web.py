"""The workbook on the entry page: download, upload, preview, confirm (karne.web.views.workbook)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Realization
from tests.web.workbooks import counts, export, fill

YGM = "/donem/2023/1/birim/YGM/"


def _upload(client: Client, content: bytes, url: str = YGM) -> str:
    response = client.post(f"{url}yukle/", {"file": SimpleUploadedFile("ygm.xlsx", content)})
    assert response.status_code == 302
    return str(response["Location"])


def test_download_upload_preview_confirm(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    clerk = as_user("veri.ygm")
    page = clerk.get(YGM).content.decode()
    assert f'href="{YGM}form.xlsx"' in page
    assert "Excel olarak indir" in page
    download = clerk.get(f"{YGM}form.xlsx")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "karne-goc-idaresi-2023-1-YGM.xlsx" in download["Content-Disposition"]
    book = load_workbook(io.BytesIO(download.content))
    assert book["Form"]["A6"].value == "GYH-01"
    filled = fill(download.content, {("GYH-01", "value"): "1.300.000"})
    preview_url = _upload(clerk, filled)
    assert preview_url.startswith(f"{YGM}yukle/")
    before = counts()
    shown = clerk.get(preview_url)
    assert shown.status_code == 200
    html = shown.content.decode()
    assert re.search(r"GYH-01 Aktif ikamet izni sayısı</th><td>değişti</td>", html)
    assert "1.237.803" in html
    assert "1.300.000" in html
    assert "1 satırı kaydet" in html
    assert counts() == before  # the preview saved nothing
    confirmed = clerk.post(f"{preview_url}onayla/")
    assert confirmed.status_code == 302
    assert confirmed["Location"] == YGM
    assert Realization.objects.get(indicator__code="GYH-01", period="Q1").value == 1300000
    assert ChangeRecord.objects.filter(reason="çalışma kitabı: ygm.xlsx").count() == 1
    assert "ygm.xlsx: 1 satır kaydedildi." in clerk.get(YGM).content.decode()
    assert clerk.post(f"{preview_url}onayla/").status_code == 404  # used up


def test_the_preview_writes_its_figures_the_page_s_way(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    clerk = as_user("veri.ygm")
    clerk.post("/i18n/setlang/", {"language": "en", "next": "/"})
    download = clerk.get(f"{YGM}form.xlsx")
    # The workbook's cells are numbers; a typed one is read as the workbook reads it.
    filled = fill(download.content, {("GYH-01", "value"): "1.300.000"})
    html = clerk.get(_upload(clerk, filled)).content.decode()
    assert "1,237,803" in html
    assert "1,300,000" in html
    assert "1.237.803" not in html


def test_a_workbook_of_another_unit_is_refused_by_name_on_the_page(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    clerk = as_user("veri.ygm")
    preview_url = _upload(clerk, export("strateji", "UKGM"))
    response = clerk.get(preview_url)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Uluslararası Koruma Genel Müdürlüğü biriminin" in html
    assert "onayla" not in html


def test_errors_are_listed_by_cell_and_a_token_is_its_uploader_s_only(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    clerk = as_user("veri.ygm")
    bad = fill(export(), {("GYH-01", "value"): "çok", ("GYH-07", "value"): "=2*3"})
    preview_url = _upload(clerk, bad)
    response = clerk.get(preview_url)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Form!E6" in html
    assert "Form!E7" in html
    assert "kaydet</button>" not in html
    before = counts()
    assert clerk.post(f"{preview_url}onayla/").status_code == 400
    assert counts() == before
    other = Client()
    other.force_login(site.opened_by)  # type: ignore[arg-type]
    assert other.get(preview_url).status_code == 403  # the strategy unit does not enter values


def test_an_upload_without_a_file_says_so(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    clerk = as_user("veri.ygm")
    response = clerk.post(f"{YGM}yukle/", follow=True)
    assert "Yüklemek için bir çalışma kitabı (.xlsx) seçin." in response.content.decode()
