"""The strategic plan's half-year and year-end form as a workbook: the quarterly form's machinery
(`karne.monitoring.workbook.kinds.STRATEGIC`) on the plan's rows, pages and save."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from karne.cli.main import main
from karne.core.periods import SPPeriodCode
from karne.core.workflow import Action
from karne.jobs.models import Job
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, SPRealization, Submission
from karne.monitoring.services import (
    EntryInput,
    sp_entries_save,
    sp_period_open,
    submission_act,
)
from karne.monitoring.sp_selectors import sp_entry_rows
from karne.monitoring.workbook import (
    FormTarget,
    Preview,
    RowStatus,
    WorkbookRefused,
    workbook_apply,
    workbook_preview,
)
from karne.monitoring.workbook.kinds import STRATEGIC, sp_bounds
from karne.monitoring.workbook.layout import SHEET, by_key
from tests.web.libreoffice import SOFFICE, saved_by_calc
from tests.web.test_sp_monitoring import SOON, open_h1, user
from tests.web.workbooks import CellValue, export, fill, sp_export

H1_PAGE = "/sp-izleme/2023/H1/birim/YGM/"


def sp_fill(content: bytes, values: dict[tuple[str, str], CellValue], period: str = "H1") -> bytes:
    return fill(content, values, period, STRATEGIC)


def preview(content: bytes, expect: FormTarget | None = None) -> Preview:
    return workbook_preview(
        user=user("veri.ygm"), content=content, filename="sp.xlsx", expect=expect
    )


def realizations() -> list[tuple[str, str, Decimal | None, str, int]]:
    return list(
        SPRealization.objects.order_by("indicator__code", "period").values_list(
            "indicator__code", "period", "value", "explanation", "version"
        )
    )


def test_the_form_has_the_plan_s_columns_and_only_its_inputs_open(site: MonitoringPeriod) -> None:
    open_h1()
    book = load_workbook(io.BytesIO(sp_export()))
    sheet = book[SHEET]
    plan = by_key(STRATEGIC.fields("H1"))
    assert "num" not in plan  # a plan's indicator has no parts
    assert sheet[f"{plan['code'].letter}6"].value == "PG1.1.3"
    assert sheet[f"{plan['baseline'].letter}6"].value == 3
    assert sheet[f"{plan['target'].letter}6"].value == 18
    assert not sheet[f"{plan['value'].letter}6"].protection.locked
    assert not sheet[f"{plan['exp'].letter}6"].protection.locked
    assert sheet[f"{plan['target'].letter}6"].protection.locked
    assert sheet.column_dimensions[plan["code"].letter].hidden
    assert sheet[f"{plan['pace-low'].letter}6"].value == Decimal("16.5")
    properties = {p.name: p.value for p in book.custom_doc_props.props}  # type: ignore[attr-defined]
    assert (properties["karne.form"], properties["karne.period"]) == ("sp-izleme", "H1")


def test_filled_in_previewed_and_saved_as_the_form_saves(site: MonitoringPeriod) -> None:
    open_h1()
    filled = sp_fill(
        sp_export(),
        {
            ("PG1.1.3", "value"): 18,
            ("PG1.1.4", "value"): "84,5",  # Turkish text, read by the web form's parser
            ("PG1.1.5", "value"): 40,
            ("PG1.1.5", "exp"): "Görevlendirmeler ikinci yarıya kaldı.",
        },
    )
    before = realizations()
    shown = preview(filled)
    assert shown.ok, shown.errors
    assert shown.counts()[RowStatus.NEW] == 3
    assert shown.counts()[RowStatus.UNCHANGED] == 9
    assert realizations() == before  # a preview writes nothing
    applied = workbook_apply(user=user("veri.ygm"), content=filled, filename="yari.xlsx")
    assert applied.saved == 3
    stored = {code: (value, exp) for code, _p, value, exp, _v in realizations()}
    assert stored["PG1.1.4"] == (Decimal("84.5"), "")
    assert stored["PG1.1.5"][1] == "Görevlendirmeler ikinci yarıya kaldı."
    assert (
        ChangeRecord.objects.filter(
            subject="sp_realization", reason="çalışma kitabı: yari.xlsx"
        ).count()
        == 4
    )  # three values and one explanation
    again = workbook_apply(user=user("veri.ygm"), content=filled, filename="yari.xlsx")
    assert (again.preview.ok, again.saved) == (True, 0)  # the same file twice changes nothing


def test_a_deviation_without_its_reason_is_an_error_by_cell_and_nothing_is_saved(
    site: MonitoringPeriod,
) -> None:
    open_h1()
    filled = sp_fill(sp_export(), {("PG1.1.3", "value"): 18, ("PG1.1.5", "value"): 40})
    applied = workbook_apply(user=user("veri.ygm"), content=filled, filename="sp.xlsx")
    assert applied.saved == 0
    exp = by_key(STRATEGIC.fields("H1"))["exp"].letter
    [error] = applied.preview.errors
    assert (error.indicator, error.cell) == ("PG1.1.5", f"{exp}8")
    assert not SPRealization.objects.exists()


def test_someone_s_save_since_the_export_is_a_conflict(site: MonitoringPeriod) -> None:
    period = open_h1()
    workbook = sp_export()
    sp_entries_save(
        user=user("veri.ygm"),
        period=period,
        unit=Submission.objects.get(period=period, unit__code="YGM").unit,
        entries=[EntryInput("PG1.1.3", Decimal(17), None, None, "", 0)],
    )
    shown = preview(sp_fill(workbook, {("PG1.1.3", "value"): 18}))
    assert [r.status for r in shown.rows if r.code == "PG1.1.3"] == [RowStatus.CONFLICT]
    assert "sürüm 1" in shown.errors[0].found


def test_another_form_or_period_is_refused_by_name(site: MonitoringPeriod) -> None:
    open_h1()
    with pytest.raises(WorkbookRefused, match="stratejik plan izleme formu; bu sayfa bir çeyrek"):
        preview(sp_export(), expect=FormTarget(2023, "1", "YGM"))
    with pytest.raises(WorkbookRefused, match="çeyrek giriş formu; bu sayfa bir stratejik plan"):
        preview(export(), expect=FormTarget(2023, "H1", "YGM", STRATEGIC.name))
    with pytest.raises(
        WorkbookRefused, match=r"\(1\. Altı Aylık\) formu; bu sayfa .* \(Yıl Sonu\)"
    ):
        preview(sp_export(), expect=FormTarget(2023, "Y", "YGM", STRATEGIC.name))


def test_the_year_end_shows_the_half_year_s_approved_value(site: MonitoringPeriod) -> None:
    period = open_h1()
    unit = Submission.objects.get(period=period, unit__code="YGM").unit
    sp_entries_save(
        user=user("veri.ygm"),
        period=period,
        unit=unit,
        entries=[EntryInput("PG1.1.3", Decimal(10), None, None, "Yarıyıl.", 0)],
    )
    sp_period_open(user=user("strateji"), year=2023, code=SPPeriodCode.YEAR_END, deadline=SOON)
    book = load_workbook(io.BytesIO(sp_export(period="Y")))
    plan = by_key(STRATEGIC.fields("Y"))
    assert book[SHEET][f"{plan['earlier-H1'].letter}5"].value == "1. Altı Aylık"
    assert book[SHEET][f"{plan['earlier-H1'].letter}6"].value == 10


def test_the_colour_s_bounds_are_the_server_s_deviation_rule(site: MonitoringPeriod) -> None:
    period = open_h1()
    rows = sp_entry_rows(period, Submission.objects.get(period=period, unit__code="YGM").unit)
    checked = 0
    for row in rows:
        bounds = sp_bounds(row)
        if bounds is None:
            continue
        low, high = bounds
        assert not row.explanation_needed_for(low, None, None)
        assert not row.explanation_needed_for(high, None, None)
        assert row.explanation_needed_for(low - Decimal("0.01"), None, None)
        assert row.explanation_needed_for(high + Decimal("0.01"), None, None)
        checked += 1
    assert checked == len(rows) == 12


def test_download_upload_preview_confirm_on_the_plan_s_page(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    open_h1()
    clerk = as_user("veri.ygm")
    page = clerk.get(H1_PAGE).content.decode()
    assert f'href="{H1_PAGE}form.xlsx"' in page
    download = clerk.get(f"{H1_PAGE}form.xlsx")
    assert "karne-goc-idaresi-2023-H1-YGM.xlsx" in download["Content-Disposition"]
    filled = sp_fill(download.content, {("PG1.1.3", "value"): 18})
    uploaded = clerk.post(f"{H1_PAGE}yukle/", {"file": SimpleUploadedFile("h1.xlsx", filled)})
    assert uploaded.status_code == 302
    preview_url = str(uploaded["Location"])
    html = clerk.get(preview_url).content.decode()
    assert "stratejik plan izlemesi (1. Altı Aylık)" in html
    assert f'action="{preview_url}onayla/"' in html
    confirmed = clerk.post(f"{preview_url}onayla/")
    assert confirmed["Location"] == H1_PAGE
    assert SPRealization.objects.get(indicator__code="PG1.1.3").value == 18
    # The quarterly page takes no plan's workbook.
    quarterly = clerk.post(
        "/donem/2023/1/birim/YGM/yukle/", {"file": SimpleUploadedFile("h1.xlsx", filled)}
    )
    refused = clerk.get(str(quarterly["Location"]))
    assert refused.status_code == 400
    assert "stratejik plan izleme formu" in refused.content.decode()


def test_a_submitted_form_takes_no_workbook(site: MonitoringPeriod) -> None:
    period = open_h1()
    submission = Submission.objects.get(period=period, unit__code="YGM")
    sp_entries_save(
        user=user("veri.ygm"),
        period=period,
        unit=submission.unit,
        entries=[
            EntryInput(row.code, row.target, None, None, "", row.version)
            for row in sp_entry_rows(period, submission.unit)
        ],
    )
    submission_act(user=user("veri.ygm"), submission_id=submission.pk, action=Action.SUBMIT)
    filled = sp_fill(sp_export(), {("PG1.1.3", "value"): 17})  # a reader may still take it
    before = realizations()
    applied = workbook_apply(user=user("veri.ygm"), content=filled, filename="sp.xlsx")
    assert applied.saved == 0
    [error] = applied.preview.errors
    assert error.indicator == "PG1.1.3"
    assert realizations() == before


def test_the_command_line_exports_and_imports_the_plan_s_form(
    site: MonitoringPeriod, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_h1()
    out = tmp_path / "h1.xlsx"
    export_args = ["workbook", "export", "--year", "2023", "--half", "H1", "--unit", "YGM"]
    assert main([*export_args, "--user", "veri.ygm", "-o", str(out)]) == 0
    assert "12 satır" in capsys.readouterr().out
    out.write_bytes(sp_fill(out.read_bytes(), {("PG1.1.3", "value"): 18}))
    assert main(["workbook", "import", str(out), "--user", "veri.ygm", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["form"], data["period"], data["counts"]["new"]) == ("sp-izleme", "H1", 1)
    assert main(["workbook", "import", str(out), "--user", "veri.ygm", "--confirm"]) == 0
    assert SPRealization.objects.get(indicator__code="PG1.1.3").value == 18


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_plan_s_workbook_saved_again_by_libreoffice_is_read_the_same(
    site: MonitoringPeriod, tmp_path: Path
) -> None:
    assert SOFFICE is not None
    open_h1()
    source = tmp_path / "in" / "sp.xlsx"
    source.parent.mkdir()
    source.write_bytes(
        sp_fill(
            sp_export(),
            {
                ("PG1.1.3", "value"): "17,5",
                ("PG1.1.5", "value"): 40,
                ("PG1.1.5", "exp"): "İkinci yarıya kaldı.",
            },
        )
    )
    resaved = preview(saved_by_calc(source, tmp_path))
    assert resaved.ok, resaved.errors
    assert {(e.indicator, e.value, e.explanation) for e in resaved.entries} == {
        ("PG1.1.3", Decimal("17.5"), ""),
        ("PG1.1.5", Decimal(40), "İkinci yarıya kaldı."),
    }


def test_a_large_plan_s_workbook_is_saved_by_the_job(
    site: MonitoringPeriod,
    as_user: Callable[[str], Client],
    settings: Any,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    settings.KARNE_WORKBOOK_JOB_BYTES = 0  # every workbook is large
    open_h1()
    clerk = as_user("veri.ygm")
    filled = sp_fill(sp_export(), {("PG1.1.3", "value"): 18})
    uploaded = clerk.post(f"{H1_PAGE}yukle/", {"file": SimpleUploadedFile("h1.xlsx", filled)})
    preview_url = str(uploaded["Location"])
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = clerk.post(f"{preview_url}onayla/")
    assert confirmed["Location"] == f"{preview_url}is/"
    job = Job.objects.get(kind="workbook-apply")
    assert (job.state, job.params["form"], job.params["period"]) == ("done", "sp-izleme", "H1")
    assert SPRealization.objects.get(indicator__code="PG1.1.3").value == 18
    page = clerk.get(confirmed["Location"]).content.decode()
    assert "h1.xlsx: 1 satır kaydedildi." in page
    assert f'href="{H1_PAGE}"' in page  # back to the plan's form, not the quarter's
