"""The quarterly form as a workbook: export, fill in with openpyxl, preview, confirm.

Every test fills the workbook in the way a person's spreadsheet would save it (openpyxl) and
checks what the database holds afterwards; a refused workbook must have changed nothing.
"""

from __future__ import annotations

import datetime
import io
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client
from django.utils import timezone, translation
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from karne.accounts.services import member_create
from karne.core.workflow import Role
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Realization
from karne.monitoring.selectors import entry_rows
from karne.monitoring.services import period_open, realization_save
from karne.monitoring.workbook import (
    Applied,
    FormTarget,
    Preview,
    RowStatus,
    WorkbookRefused,
    workbook_apply,
    workbook_preview,
)
from karne.monitoring.workbook.kinds import pace_bounds
from karne.monitoring.workbook.layout import SHEET
from tests.web.helpers import entry_form
from tests.web.libreoffice import SOFFICE, saved_by_calc
from tests.web.workbooks import CellValue, counts, edit, export, fill, ref, zip_bomb

YGM = "/donem/2023/1/birim/YGM/"
CHANGES: dict[tuple[str, str], CellValue] = {
    ("GYH-01", "value"): "1.300.000",  # Turkish text, as an English Excel keeps it
    ("GYH-07", "value"): 22000,  # a real number
    ("GYH-07", "exp"): "Dönemsel etki.",
    ("GYH-10", "exp"): "Vize başvuruları mevsimsel.",
}


def user(name: str = "veri.ygm") -> AbstractBaseUser:
    return get_user_model().objects.get(username=name)


def preview(content: bytes, name: str = "veri.ygm", expect: FormTarget | None = None) -> Preview:
    return workbook_preview(user=user(name), content=content, filename="form.xlsx", expect=expect)


def apply(content: bytes, name: str = "veri.ygm", filename: str = "form.xlsx") -> Applied:
    return workbook_apply(user=user(name), content=content, filename=filename)


def stored() -> list[tuple[object, ...]]:
    return list(
        Realization.objects.filter(indicator__responsible_unit__code="YGM", period="Q1")
        .order_by("indicator__code")
        .values_list("indicator__code", "value", "numerator", "denominator", "explanation")
    )


def trail() -> list[tuple[object, ...]]:
    return list(
        ChangeRecord.objects.order_by("key", "field").values_list(
            "username", "subject", "key", "field", "old", "new"
        )
    )


def test_the_round_trip_equals_typing_in_the_web_form(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    with transaction.atomic():
        clerk = as_user("veri.ygm")
        form = entry_form(clerk, YGM)
        form |= {
            "value-GYH-01": "1.300.000",
            "value-GYH-07": "22.000",
            "exp-GYH-07": "Dönemsel etki.",
            "exp-GYH-10": "Vize başvuruları mevsimsel.",
        }
        assert clerk.post(YGM, form).status_code == 302
        by_web, web_trail = stored(), trail()
        transaction.set_rollback(True)
    before = trail()
    content = fill(export(), CHANGES)
    shown = preview(content)
    assert shown.ok, shown.errors
    assert {r.code: r.status for r in shown.rows} == {
        "GYH-01": RowStatus.CHANGED,
        "GYH-07": RowStatus.CHANGED,
        "GYH-10": RowStatus.CHANGED,
    }
    assert stored() != by_web  # the preview wrote nothing
    applied = apply(content, filename="ygm-ilk-ceyrek.xlsx")
    assert applied.saved == 3
    assert stored() == by_web
    assert trail() == web_trail != before
    reasons = set(ChangeRecord.objects.exclude(reason="").values_list("reason", flat=True))
    assert reasons == {"çalışma kitabı: ygm-ilk-ceyrek.xlsx"}


def test_the_same_file_twice_changes_nothing_the_second_time(site: MonitoringPeriod) -> None:
    content = fill(export(), CHANGES)
    assert apply(content).saved == 3
    before = counts()
    again = apply(content)
    assert again.saved == 0
    assert again.preview.ok
    assert {r.status for r in again.preview.rows} == {RowStatus.UNCHANGED}
    assert counts() == before


def test_a_row_saved_since_the_export_is_a_conflict_and_nothing_is_saved(
    site: MonitoringPeriod,
) -> None:
    member_create(
        administration="goc-idaresi",
        username="veri2.ygm",
        password="x" * 14,
        role=Role.CLERK,
        units=("YGM",),
    )
    content = export()
    row = Realization.objects.get(indicator__code="GYH-01", period="Q1")
    realization_save(
        user=user("veri2.ygm"),
        period=site,
        indicator="GYH-01",
        value=Decimal(1250000),
        expected_version=row.version,
    )
    realization_save(
        user=user("veri2.ygm"),
        period=site,
        indicator="GYH-10",
        value=Decimal(60000),
        expected_version=0,
    )
    content = fill(content, {("GYH-01", "value"): 1300000, ("GYH-07", "exp"): "Dönemsel etki."})
    before = counts()
    shown = preview(content)
    statuses = {r.code: r.status for r in shown.rows}
    assert statuses == {
        "GYH-01": RowStatus.CONFLICT,
        "GYH-07": RowStatus.CHANGED,
        "GYH-10": RowStatus.UNCHANGED,  # saved by another since, but not touched in the file
    }
    [error] = shown.errors
    assert (error.sheet, error.cell, error.expected, error.found) == (
        "Form",
        "E6",
        "sürüm 0",
        "sürüm 1",
    )
    assert "veri2.ygm kaydetti" in error.message
    assert apply(content).saved == 0
    assert counts() == before


def test_every_error_is_listed_by_cell_and_nothing_is_saved(site: MonitoringPeriod) -> None:
    def change(sheet: Worksheet) -> None:
        sheet[ref(sheet, "GYH-01", "value")] = "bir milyon"
        sheet[ref(sheet, "GYH-07", "value")] = "=21193*2"
        sheet[ref(sheet, "GYH-10", "value")] = -5
        sheet[ref(sheet, "GYH-10", "confirm")] = "belki"
        sheet[ref(sheet, "GYH-07", "exp")] = datetime.date(2023, 3, 1)

    before = counts()
    shown = preview(edit(export(), change))
    found = {(e.cell, e.indicator): e for e in shown.errors}
    assert set(found) == {
        ("E6", "GYH-01"),
        ("E7", "GYH-07"),
        ("H7", "GYH-07"),
        ("I8", "GYH-10"),
    }
    assert found["E6", "GYH-01"].found == "bir milyon"
    assert "1.234,5" in found["E6", "GYH-01"].expected
    assert "Formül" in found["E7", "GYH-07"].message
    # GYH-10's negative count is checked by the form's rules once its cells read cleanly
    clean = preview(edit(export(), lambda s: s.__setitem__(ref(s, "GYH-10", "value"), -5)))
    [rule] = clean.errors
    assert (rule.cell, rule.indicator) == ("E8", "GYH-10")
    assert "negatif olamaz" in rule.message
    assert apply(edit(export(), change)).saved == 0
    assert counts() == before


def test_a_magnitude_slip_is_saved_once_confirmed_in_its_column(site: MonitoringPeriod) -> None:
    slip = fill(export(), {("GYH-01", "value"): 1300000000})
    [error] = preview(slip).errors
    assert error.cell == "E6"
    assert "“Onay” sütununa “Evet”" in error.message
    confirmed = fill(slip, {("GYH-01", "confirm"): "evet", ("GYH-01", "exp"): "Sayım değişti."})
    assert apply(confirmed).saved == 1
    assert Realization.objects.get(indicator__code="GYH-01", period="Q1").value == 1300000000


def test_a_ratio_s_parts_are_read_with_the_web_form_s_parser(site: MonitoringPeriod) -> None:
    content = export("veri.ukgm", "UKGM")
    code = "DG-03"
    filled = fill(
        content,
        {
            (code, "num"): "1.250",
            (code, "den"): "2.500,0",
            (code, "value"): "50",
            (code, "exp"): "Yeni başvuru sistemi.",
        },
    )
    shown = preview(filled, "veri.ukgm")
    assert shown.ok, shown.errors
    assert apply(filled, "veri.ukgm").saved >= 1
    row = Realization.objects.get(indicator__code=code, period="Q1")
    assert (row.numerator, row.denominator, row.value) == (
        Decimal(1250),
        Decimal(2500),
        Decimal(50),
    )


def test_a_workbook_of_another_unit_or_quarter_is_refused_by_name(site: MonitoringPeriod) -> None:
    ukgm = export("strateji", "UKGM")
    with pytest.raises(WorkbookRefused, match="Uluslararası Koruma Genel Müdürlüğü biriminin"):
        preview(ukgm, "veri.ygm", expect=FormTarget(2023, "1", "YGM"))
    period_open(
        user=user("strateji"),
        year=2023,
        quarter=2,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    second = export("veri.ygm", "YGM", quarter=2)
    with pytest.raises(
        WorkbookRefused, match=r"2023 yılı 2\. çeyrek formu; bu sayfa .* 1\. çeyrek"
    ):
        preview(second, expect=FormTarget(2023, "1", "YGM"))
    with pytest.raises(PermissionDenied):
        preview(ukgm)  # without a page to upload to, a clerk of YGM still may not change UKGM


def _with_property(content: bytes, name: str, value: str) -> bytes:
    book = load_workbook(io.BytesIO(content))
    for prop in book.custom_doc_props.props:  # type: ignore[attr-defined]
        if prop.name == name:
            prop.value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbook_whose_identity_or_hidden_columns_were_edited_is_refused(
    site: MonitoringPeriod,
) -> None:
    content = export()
    before = counts()
    for name, value in (("karne.unit", "UKGM"), ("karne.period", "2"), ("karne.rows", "0" * 64)):
        with pytest.raises(WorkbookRefused, match="kimlik bilgileri"):
            preview(_with_property(content, name, value))
    bumped = edit(content, lambda s: s.__setitem__(ref(s, "GYH-01", "state"), "7||||"))
    with pytest.raises(WorkbookRefused, match="gizli sütunları"):
        apply(bumped)
    assert counts() == before


def test_files_that_are_not_the_form_are_refused_without_a_traceback(
    site: MonitoringPeriod,
) -> None:
    before = counts()
    with pytest.raises(WorkbookRefused, match="değil"):
        preview(b"%PDF-1.4 renamed to .xlsx")
    with pytest.raises(WorkbookRefused, match="MB tutuyor"):
        preview(zip_bomb())
    with pytest.raises(WorkbookRefused, match="değil"):
        preview(export()[:-200])  # a download cut short
    plain = edit(export(), lambda s: None)
    book = load_workbook(io.BytesIO(plain))
    book.custom_doc_props.props = []  # type: ignore[attr-defined]
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(WorkbookRefused, match="giriş formu değil"):
        preview(out.getvalue())
    assert counts() == before


def test_a_deleted_key_column_and_merged_cells_are_errors_by_cell(site: MonitoringPeriod) -> None:
    deleted = preview(edit(export(), lambda s: s.delete_cols(1)))
    assert deleted.errors
    assert not deleted.rows
    assert deleted.errors[0].cell == "A5"
    assert deleted.errors[0].expected == "Gösterge kodu"
    merged = preview(edit(export(), lambda s: s.merge_cells("E6:E7")))
    assert [e.cell for e in merged.errors] == ["E6:E7"]


def test_moved_rows_are_read_by_their_key_but_a_moved_key_is_an_error(
    site: MonitoringPeriod,
) -> None:
    def swap_rows(sheet: Worksheet) -> None:
        first = [c.value for c in sheet[6]]
        second = [c.value for c in sheet[7]]
        for i, (a, b) in enumerate(zip(first, second, strict=True), start=1):
            sheet.cell(6, i).value, sheet.cell(7, i).value = b, a

    filled = fill(export(), CHANGES)
    shown = preview(edit(filled, swap_rows))
    assert shown.ok
    assert [e.indicator for e in shown.entries] == ["GYH-07", "GYH-01", "GYH-10"]

    def swap_keys(sheet: Worksheet) -> None:
        sheet["A6"], sheet["A7"] = sheet["A7"].value, sheet["A6"].value

    moved = preview(edit(filled, swap_keys))
    assert [(e.cell, e.indicator) for e in moved.errors] == [("B6", "GYH-07"), ("B7", "GYH-01")]


def test_a_used_range_reaching_the_last_row_costs_nothing(site: MonitoringPeriod) -> None:
    huge = edit(fill(export(), CHANGES), lambda s: s.__setitem__("XFD1048576", "son"))
    started = time.monotonic()
    shown = preview(huge)
    assert time.monotonic() - started < 2
    assert shown.ok
    assert len(shown.entries) == 3


def test_the_workbook_locks_all_but_the_inputs_and_hides_the_keys(site: MonitoringPeriod) -> None:
    book = load_workbook(io.BytesIO(export("veri.ukgm", "UKGM")))
    sheet = book[SHEET]
    assert sheet.protection.sheet
    assert sheet.column_dimensions["A"].hidden
    assert book["Listeler"].sheet_state == "hidden"
    row = next(r for r in range(6, sheet.max_row + 1) if sheet[f"A{r}"].value == "DG-03")
    count = next(r for r in range(6, sheet.max_row + 1) if sheet[f"A{r}"].value == "DG-01")
    assert [sheet.cell(row, c).protection.locked for c in range(1, 10)] == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
        False,
        False,
    ]
    assert sheet.cell(count, 6).protection.locked  # a count has no parts
    assert sheet.conditional_formatting
    assert {dv.type for dv in sheet.data_validations.dataValidation} == {"list", "textLength"}


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_workbook_saved_again_by_libreoffice_is_read_the_same(
    site: MonitoringPeriod, tmp_path: Path
) -> None:
    assert SOFFICE is not None
    source = tmp_path / "in" / "form.xlsx"
    source.parent.mkdir()
    source.write_bytes(fill(export(), CHANGES))
    resaved = saved_by_calc(source, tmp_path)
    shown = preview(resaved)
    assert shown.ok, shown.errors
    assert {e.indicator: (e.value, e.explanation) for e in shown.entries} == {
        e.indicator: (e.value, e.explanation) for e in preview(source.read_bytes()).entries
    }


def test_a_workbook_exported_in_english_is_read_in_turkish(site: MonitoringPeriod) -> None:
    with translation.override("en"):
        english = export()
    assert load_workbook(io.BytesIO(english))[SHEET]["A5"].value == "Indicator code"
    assert preview(fill(english, CHANGES)).ok


def test_the_deviation_colour_s_bounds_are_the_server_s_pace_rule(site: MonitoringPeriod) -> None:
    """Between the bounds the pace rule asks for no explanation, outside them it does."""
    rows = [r for r in entry_rows(site, site.administration.units.get(code="YGM"))]
    checked = 0
    for row in rows:
        bounds = pace_bounds(row)
        if bounds is None:
            continue
        low, high = bounds
        assert not row.explanation_needed_for((low + high) / 2, None, None)
        assert row.explanation_needed_for(low - 1, None, None)
        assert row.explanation_needed_for(high + 1, None, None)
        checked += 1
    assert checked == 3
